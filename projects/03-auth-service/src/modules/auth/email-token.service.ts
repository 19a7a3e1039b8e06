/** Issues and consumes single-use, expiring email tokens; only their hash is stored. */
import type { Types } from 'mongoose';
import { hashToken, newOpaqueToken } from '../sessions/index.js';
import type { EmailTokenPurpose } from './email-token.model.js';
import type { EmailTokenRepository } from './email-token.repository.js';

export class EmailTokens {
  constructor(
    private readonly tokens: EmailTokenRepository,
    private readonly ttlMs: Record<EmailTokenPurpose, number>,
    private readonly now: () => Date,
  ) {}

  async issue(userId: Types.ObjectId, purpose: EmailTokenPurpose): Promise<string> {
    const token = newOpaqueToken();
    const now = this.now();
    // A new link supersedes the earlier ones, so only the latest email in the inbox still works.
    await this.tokens.retireUnused(userId, purpose, now);
    await this.tokens.create({
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
    return this.tokens.consume(hashToken(token), purpose, this.now());
  }
}
