/** The only code that queries recovery codes; using one is a single conditional update. */
import type { MailStore, OwedMail, OwedMailSource } from '@roadmap/mail';
import { embeddedMailSource, owedMailPush } from '@roadmap/mail/mongo';
import type { Connection, Types } from 'mongoose';
import { createRecoveryCodeModel, type RecoveryCodeModel, type RecoveryCodeRecord } from './recovery-code.model.js';

/** The name the mail path knows the recovery codes' owed mail by. */
export const RECOVERY_CODE_MAIL_SOURCE = 'recovery-codes';

export class RecoveryCodeRepository {
  private readonly codes: RecoveryCodeModel;

  constructor(connection: Connection) {
    this.codes = createRecoveryCodeModel(connection);
  }

  /**
   * Replaces the user's codes with these digests. The old ones go first, so a failure in between
   * leaves fewer codes, never two working sets; a used one still owing its email stays until relayed.
   */
  async replace(userId: Types.ObjectId, digests: string[], now: Date): Promise<void> {
    await this.removeAll(userId);
    await this.codes.insertMany(digests.map((codeDigest) => ({ userId, codeDigest, createdAt: now })));
  }

  /**
   * Uses the unused code with this digest and records `mail` with it in the same write; the used
   * code, or null when it is unknown or already used.
   */
  async use(
    userId: Types.ObjectId,
    codeDigest: string,
    now: Date,
    ip: string,
    mail: (codeId: Types.ObjectId) => OwedMail,
  ): Promise<RecoveryCodeRecord | null> {
    const code = await this.codes.findOne({ userId, codeDigest, usedAt: null }).lean<RecoveryCodeRecord>();
    if (!code) return null;
    return this.codes
      .findOneAndUpdate(
        { _id: code._id, usedAt: null },
        { $set: { usedAt: now, usedFromIp: ip }, ...owedMailPush(mail(code._id), now) },
        { returnDocument: 'after' },
      )
      .lean<RecoveryCodeRecord>();
  }

  async countUnused(userId: Types.ObjectId): Promise<number> {
    return this.codes.countDocuments({ userId, usedAt: null });
  }

  /** Deletes the user's codes, but a used one whose email is not relayed yet (the mail path needs it). */
  async removeAll(userId: Types.ObjectId): Promise<void> {
    await this.codes.deleteMany({ userId, owedMailAt: { $exists: false } });
  }

  owedMailSource(store: MailStore): OwedMailSource {
    return embeddedMailSource(RECOVERY_CODE_MAIL_SOURCE, this.codes.collection, store);
  }

  async ensureIndexes(): Promise<void> {
    await this.codes.createIndexes();
  }
}
