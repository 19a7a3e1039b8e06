/** The only code that queries email tokens; consuming one is a single conditional update. */
import type { Connection, Types } from 'mongoose';
import {
  createEmailTokenModel,
  type EmailTokenModel,
  type EmailTokenPurpose,
  type EmailTokenRecord,
} from './email-token.model.js';

export class EmailTokenRepository {
  private readonly tokens: EmailTokenModel;

  constructor(connection: Connection) {
    this.tokens = createEmailTokenModel(connection);
  }

  async create(token: Omit<EmailTokenRecord, '_id' | 'usedAt'>): Promise<void> {
    await this.tokens.create(token);
  }

  /** Marks the user's unused tokens for this purpose used, so only a newer one still works. */
  async retireUnused(userId: Types.ObjectId, purpose: EmailTokenPurpose, now: Date): Promise<void> {
    await this.tokens.updateMany({ userId, purpose, usedAt: null }, { $set: { usedAt: now } });
  }

  /** Uses the token if it is unused and unexpired at `now`; the user it was issued for, or null. */
  async consume(tokenHash: string, purpose: EmailTokenPurpose, now: Date): Promise<Types.ObjectId | null> {
    const consumed = await this.tokens
      .findOneAndUpdate({ tokenHash, purpose, usedAt: null, expiresAt: { $gt: now } }, { $set: { usedAt: now } })
      .lean<EmailTokenRecord>();
    return consumed?.userId ?? null;
  }

  /** Deletes tokens that can never be consumed again (used or expired by `now`); answers how many. */
  async deleteSpent(now: Date): Promise<number> {
    const spent = { $or: [{ expiresAt: { $lte: now } }, { usedAt: { $lte: now } }] };
    return (await this.tokens.deleteMany(spent)).deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.tokens.createIndexes();
  }
}
