/** The only code that queries passkeys; moving a counter forward is one conditional update. */
import { isDuplicateKeyError } from '@roadmap/core';
import { Types, type Connection } from 'mongoose';
import { createPasskeyModel, type PasskeyModel, type PasskeyRecord } from './passkey.model.js';

export type NewPasskey = Omit<PasskeyRecord, '_id' | 'lastUsedAt'>;

export class PasskeyRepository {
  private readonly passkeys: PasskeyModel;

  constructor(connection: Connection) {
    this.passkeys = createPasskeyModel(connection);
  }

  /** The stored passkey, or null when this credential is registered already (to anyone). */
  async create(passkey: NewPasskey): Promise<PasskeyRecord | null> {
    try {
      return (await this.passkeys.create(passkey)).toObject<PasskeyRecord>();
    } catch (err) {
      if (isDuplicateKeyError(err)) return null;
      throw err;
    }
  }

  async findByCredentialId(credentialId: string): Promise<PasskeyRecord | null> {
    return this.passkeys.findOne({ credentialId }).lean<PasskeyRecord>();
  }

  async listOf(userId: Types.ObjectId): Promise<PasskeyRecord[]> {
    return this.passkeys.find({ userId }).sort({ createdAt: 1, _id: 1 }).lean<PasskeyRecord[]>();
  }

  async countOf(userId: Types.ObjectId): Promise<number> {
    return this.passkeys.countDocuments({ userId });
  }

  /**
   * Records a use reporting `counter`: the stored counter moves to it only if it is higher, so of two
   * assertions with the same counter one wins. Authenticators that keep no counter report 0 always.
   */
  async recordUse(id: Types.ObjectId, counter: number, now: Date): Promise<boolean> {
    const filter = counter === 0 ? { _id: id, counter: 0 } : { _id: id, counter: { $lt: counter } };
    const result = await this.passkeys.updateOne(filter, { $set: { counter, lastUsedAt: now } });
    return result.modifiedCount === 1;
  }

  async rename(userId: Types.ObjectId, id: string, name: string): Promise<PasskeyRecord | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.passkeys
      .findOneAndUpdate({ _id: id, userId }, { $set: { name } }, { returnDocument: 'after', runValidators: true })
      .lean<PasskeyRecord>();
  }

  async remove(userId: Types.ObjectId, id: string): Promise<PasskeyRecord | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.passkeys.findOneAndDelete({ _id: id, userId }).lean<PasskeyRecord>();
  }

  async ensureIndexes(): Promise<void> {
    await this.passkeys.createIndexes();
  }
}
