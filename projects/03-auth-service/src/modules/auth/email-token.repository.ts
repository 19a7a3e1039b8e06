/** The only code that queries email tokens; consuming one is a single conditional update. */
import { isDuplicateKeyError } from '@roadmap/core';
import type { MailStore, OwedMail, OwedMailSource } from '@roadmap/mail';
import { embeddedMailSource, owedMailFields } from '@roadmap/mail/mongo';
import type { Connection, Types } from 'mongoose';
import {
  createEmailTokenModel,
  type EmailTokenModel,
  type EmailTokenPurpose,
  type EmailTokenRecord,
} from './email-token.model.js';

/** The name the mail path knows the email tokens' owed mail by. */
export const EMAIL_TOKEN_MAIL_SOURCE = 'email-tokens';

export class EmailTokenRepository {
  private readonly tokens: EmailTokenModel;

  constructor(connection: Connection) {
    this.tokens = createEmailTokenModel(connection);
  }

  /**
   * Inserts the token together with the email that delivers its link (one atomic write). False when
   * a token with this id exists already: an earlier attempt got in, only its answer was lost.
   */
  async create(token: Omit<EmailTokenRecord, 'usedAt'>, email: OwedMail): Promise<boolean> {
    try {
      await this.tokens.create({ ...token, ...owedMailFields([email], token.createdAt) });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** Where the mail path finds the emails new tokens owe (see `create`). */
  owedMailSource(store: MailStore): OwedMailSource {
    return embeddedMailSource(EMAIL_TOKEN_MAIL_SOURCE, this.tokens.collection, store);
  }

  /** Marks the user's unused tokens for this purpose used (but `keep`), so only the newest still works. */
  async retireUnused(
    userId: Types.ObjectId,
    purpose: EmailTokenPurpose,
    now: Date,
    keep: Types.ObjectId,
  ): Promise<void> {
    await this.tokens.updateMany({ userId, purpose, usedAt: null, _id: { $ne: keep } }, { $set: { usedAt: now } });
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
