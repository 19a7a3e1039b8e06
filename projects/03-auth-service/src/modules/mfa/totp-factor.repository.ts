/** The only code that queries TOTP factors; accepting a code's step is one conditional update. */
import type { Connection, Types } from 'mongoose';
import { createTotpFactorModel, type TotpFactorModel, type TotpFactorRecord } from './totp-factor.model.js';

export class TotpFactorRepository {
  private readonly factors: TotpFactorModel;

  constructor(connection: Connection) {
    this.factors = createTotpFactorModel(connection);
  }

  async findOf(userId: Types.ObjectId): Promise<TotpFactorRecord | null> {
    return this.factors.findOne({ userId }).lean<TotpFactorRecord>();
  }

  /**
   * A new pending secret for the user, replacing an earlier pending one; null when the user already
   * has an active factor (which only a disable removes).
   */
  async startPending(userId: Types.ObjectId, sealedSecret: string, now: Date): Promise<TotpFactorRecord | null> {
    try {
      return await this.factors
        .findOneAndUpdate(
          { userId, status: 'pending' },
          { $set: { sealedSecret, createdAt: now, lastUsedStep: 0 } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<TotpFactorRecord>();
    } catch (err) {
      // The upsert met the unique userId index: an active factor is there.
      if ((err as { code?: unknown }).code === 11000) return null;
      throw err;
    }
  }

  /** Activates the pending factor at the step of its first code; false when it is no longer pending. */
  async activate(id: Types.ObjectId, step: number, now: Date): Promise<boolean> {
    const result = await this.factors.updateOne(
      { _id: id, status: 'pending' },
      { $set: { status: 'active', activatedAt: now, lastUsedStep: step } },
    );
    return result.modifiedCount === 1;
  }

  /** Records `step` as used if it is later than the last one: false when another request got there first. */
  async claimStep(userId: Types.ObjectId, step: number): Promise<boolean> {
    const result = await this.factors.updateOne(
      { userId, status: 'active', lastUsedStep: { $lt: step } },
      { $set: { lastUsedStep: step } },
    );
    return result.modifiedCount === 1;
  }

  /** Removes the user's factor, pending or active; true when there was one. */
  async remove(userId: Types.ObjectId): Promise<boolean> {
    return (await this.factors.deleteOne({ userId })).deletedCount === 1;
  }

  async ensureIndexes(): Promise<void> {
    await this.factors.createIndexes();
  }
}
