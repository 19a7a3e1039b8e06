/** Issues and consumes single-use, expiring email tokens; consuming is one conditional update. */
import type { Types } from 'mongoose';
import type { EmailTokenModel, EmailTokenPurpose } from './email-token.model.js';
import { hashToken, newOpaqueToken } from './opaque-token.js';

export class EmailTokens {
  constructor(
    private readonly EmailToken: EmailTokenModel,
    private readonly ttlMs: Record<EmailTokenPurpose, number>,
    private readonly now: () => Date,
  ) {}

  async issue(userId: Types.ObjectId, purpose: EmailTokenPurpose): Promise<string> {
    const token = newOpaqueToken();
    const now = this.now();
    // A new link supersedes the earlier ones, so only the latest email in the inbox still works.
    await this.EmailToken.updateMany({ userId, purpose, usedAt: null }, { $set: { usedAt: now } });
    await this.EmailToken.create({
      tokenHash: hashToken(token),
      purpose,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs[purpose]),
    });
    return token;
  }

  /** The user id the token was issued for, or null when it is unknown, used or expired. */
  async consume(token: string, purpose: EmailTokenPurpose): Promise<Types.ObjectId | null> {
    const now = this.now();
    const consumed = await this.EmailToken.findOneAndUpdate(
      { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
    );
    return consumed?.userId ?? null;
  }
}
