/**
 * Owed mail embedded in the business document, so it is recorded in the very write that makes it
 * owed: MongoDB (and FerretDB) have no multi-document transactions, but one document's update is
 * atomic. `withOwedMail(schema)` adds the fields; the business write sets or pushes the message
 * (`owedMailFields` / `owedMailPush`); a relay then copies it into the mail store (idempotent by
 * key) and removes it from the document. The request relays its own document in the background;
 * the sweep relays what a crash left behind, found through the scalar `owedMailAt`.
 */
import { Schema, type mongo } from 'mongoose';
import type { OwedMailSource } from '../mail-outbox.js';
import type { MailStore, OwedMail } from '../mail-store.js';

export interface OwedMailEntry extends OwedMail {
  recordedAt: Date;
}

const owedMailEntrySchema = new Schema<OwedMailEntry>(
  {
    key: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String },
    sensitive: { type: Boolean },
    recordedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** Adds `owedMail` (the messages) and `owedMailAt` (when the oldest was recorded) to a schema. */
export function withOwedMail(schema: Schema): void {
  schema.add({ owedMail: { type: [owedMailEntrySchema], default: undefined }, owedMailAt: { type: Date } });
  schema.index({ owedMailAt: 1 }, { sparse: true });
}

function entry(mail: OwedMail, now: Date): OwedMailEntry {
  return { ...mail, recordedAt: now };
}

/** Fields for a create (or a `$set`) that records `mails` with the document. */
export function owedMailFields(mails: OwedMail[], now: Date): { owedMail: OwedMailEntry[]; owedMailAt: Date } {
  return { owedMail: mails.map((mail) => entry(mail, now)), owedMailAt: now };
}

/** Operators to merge into an update that records `mail` with the change, e.g. confirming a booking. */
export function owedMailPush(mail: OwedMail, now: Date) {
  return { $push: { owedMail: entry(mail, now) }, $min: { owedMailAt: now } };
}

interface OwedMailHolder {
  _id: unknown;
  owedMail?: OwedMailEntry[];
}

/** A filter on `_id` whatever its type (ObjectId, string, number). */
function byId(id: unknown, rest: mongo.Filter<mongo.Document> = {}): mongo.Filter<mongo.Document> {
  return { ...rest, _id: id } as mongo.Filter<mongo.Document>;
}

/**
 * Relays the owed mail of one collection into `store`. Pass the model's raw collection
 * (`Model.collection`) and, for a single document, its `_id` as stored (an ObjectId, not a string).
 */
export function embeddedMailSource(name: string, collection: mongo.Collection, store: MailStore): OwedMailSource {
  const relayDocument = async (doc: OwedMailHolder, now: Date): Promise<string[]> => {
    const owed = doc.owedMail ?? [];
    for (const mail of owed) {
      // Recorded in the store as of the relay, by the mail path's clock (see OwedMailSource.relay).
      const { recordedAt: _business, ...message } = mail;
      await store.insert(message, now);
    }
    // Only if nothing was pushed meanwhile (FerretDB v1 cannot $pull by condition); else next time.
    await collection.updateOne(byId(doc._id, { owedMail: { $size: owed.length } }), {
      $unset: { owedMail: 1, owedMailAt: 1 },
    });
    return owed.map((mail) => mail.key);
  };
  return {
    name,
    async relay(scope) {
      const projection = { owedMail: 1 };
      if ('id' in scope) {
        const doc = await collection.findOne<OwedMailHolder>(byId(scope.id), { projection });
        return doc?.owedMail ? relayDocument(doc, scope.now) : [];
      }
      const docs = await collection
        .find<OwedMailHolder>({ owedMailAt: { $lte: scope.olderThan } }, { projection })
        .limit(scope.limit)
        .toArray();
      const keys: string[] = [];
      for (const doc of docs) keys.push(...(await relayDocument(doc, scope.now)));
      return keys;
    },
  };
}
