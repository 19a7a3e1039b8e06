/**
 * The mail store on MongoDB (and FerretDB v1): one document per message in `mail_messages`, keyed
 * by its dedupe key. Single-document conditional updates only: no transactions, no pipelines.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { DueQuery, MailStatus, MailStore, OwedMail, StoredMail } from '../mail-store.js';

const mailMessageSchema = new Schema(
  {
    _id: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, default: '' },
    html: { type: String },
    sensitive: { type: Boolean, default: false },
    status: { type: String, enum: ['pending', 'sent', 'failed'], required: true },
    generation: { type: Number, required: true },
    attempts: { type: Number, required: true },
    lastError: { type: String },
    recordedAt: { type: Date, required: true },
    queuedAt: { type: Date },
    leaseUntil: { type: Date },
    sentAt: { type: Date },
    failedAt: { type: Date },
  },
  { collection: 'mail_messages', versionKey: false },
);
mailMessageSchema.index({ status: 1, recordedAt: 1 });

type MailDocument = Omit<StoredMail, 'key'> & { _id: string };

function toStored({ _id, ...rest }: MailDocument): StoredMail {
  return { key: _id, ...rest };
}

const isDuplicateKey = (err: unknown) => (err as { code?: unknown }).code === 11000;

export class MongoMailStore implements MailStore {
  readonly model: Model<MailDocument>;

  constructor(connection: Connection) {
    this.model =
      (connection.models.MailMessage as Model<MailDocument> | undefined) ??
      connection.model<MailDocument>('MailMessage', mailMessageSchema);
  }

  /** Creates the collection's index; call at start-up with the project's other indexes. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  async insert(mail: OwedMail, now: Date): Promise<boolean> {
    try {
      await this.model.create({
        _id: mail.key,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        sensitive: mail.sensitive === true,
        status: 'pending',
        generation: 0,
        attempts: 0,
        recordedAt: now,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async get(key: string): Promise<StoredMail | null> {
    const doc = await this.model.findById(key).lean<MailDocument>();
    return doc ? toStored(doc) : null;
  }

  async markQueued(key: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: key, status: 'pending' }, { $set: { queuedAt: now } });
  }

  async claim(key: string, generation: number, now: Date, leaseUntil: Date): Promise<StoredMail | null> {
    const doc = await this.model
      .findOneAndUpdate(
        {
          _id: key,
          status: 'pending',
          generation,
          $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }],
        },
        { $set: { leaseUntil }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      )
      .lean<MailDocument>();
    return doc ? toStored(doc) : null;
  }

  async markSent(key: string, generation: number, now: Date, scrub: boolean): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: key, status: 'pending', generation },
      {
        $set: { status: 'sent', sentAt: now, ...(scrub ? { text: '[erased after sending]' } : {}) },
        $unset: { leaseUntil: 1, lastError: 1, ...(scrub ? { html: 1 } : {}) },
      },
    );
    return result.modifiedCount === 1;
  }

  async recordFailure(key: string, generation: number, error: string, _now: Date): Promise<void> {
    await this.model.updateOne(
      { _id: key, status: 'pending', generation },
      { $set: { lastError: error }, $unset: { leaseUntil: 1 } },
    );
  }

  async markFailed(key: string, generation: number, error: string, now: Date): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: key, status: 'pending', generation },
      { $set: { status: 'failed', lastError: error, failedAt: now }, $unset: { leaseUntil: 1 } },
    );
    return result.modifiedCount === 1;
  }

  async reopen(key: string, _now: Date): Promise<StoredMail | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: key, status: 'failed' },
        { $set: { status: 'pending', attempts: 0 }, $inc: { generation: 1 }, $unset: { queuedAt: 1, failedAt: 1 } },
        { returnDocument: 'after' },
      )
      .lean<MailDocument>();
    return doc ? toStored(doc) : null;
  }

  async findDue({ unqueuedBefore, queuedBefore, limit }: DueQuery): Promise<StoredMail[]> {
    const docs = await this.model
      .find({
        status: 'pending',
        $or: [
          { queuedAt: { $exists: false }, recordedAt: { $lte: unqueuedBefore } },
          { queuedAt: { $lte: queuedBefore } },
        ],
      })
      .sort({ recordedAt: 1 })
      .limit(limit)
      .lean<MailDocument[]>();
    return docs.map(toStored);
  }

  async list({ status, limit }: { status?: MailStatus | undefined; limit: number }): Promise<StoredMail[]> {
    const docs = await this.model
      .find(status ? { status } : {})
      .sort({ recordedAt: -1 })
      .limit(limit)
      .lean<MailDocument[]>();
    return docs.map(toStored);
  }

  async purgeSent(before: Date): Promise<number> {
    const result = await this.model.deleteMany({ status: 'sent', sentAt: { $lt: before } });
    return result.deletedCount;
  }
}
