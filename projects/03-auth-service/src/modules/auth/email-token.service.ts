/**
 * Issues and consumes single-use, expiring email tokens; only their hash is stored. A token is
 * issued together with the email carrying its link, so the two exist together or not at all.
 */
import type { OwedMail } from '@roadmap/mail';
import { Types } from 'mongoose';
import { hashToken, newOpaqueToken } from '../sessions/index.js';
import type { EmailTokenPurpose } from './email-token.model.js';
import type { EmailTokenRepository } from './email-token.repository.js';

/** The email for a new token: its link needs the token itself, which is stored only as a hash. */
export type TokenEmail = (token: string) => Omit<OwedMail, 'key'>;

export class EmailTokens {
  constructor(
    private readonly tokens: EmailTokenRepository,
    private readonly ttlMs: Record<EmailTokenPurpose, number>,
    private readonly now: () => Date,
  ) {}

  /**
   * Issues a token and records its email; answers the token document's id. Issuing again with the
   * same `id` (a retry whose first attempt's answer was lost) changes nothing.
   */
  async issue(
    userId: Types.ObjectId,
    purpose: EmailTokenPurpose,
    email: TokenEmail,
    id: Types.ObjectId = new Types.ObjectId(),
  ): Promise<Types.ObjectId> {
    const token = newOpaqueToken();
    const now = this.now();
    // A new link supersedes the earlier ones, so only the latest email in the inbox still works.
    await this.tokens.retireUnused(userId, purpose, now, id);
    await this.tokens.create(
      {
        _id: id,
        tokenHash: hashToken(token),
        purpose,
        userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.ttlMs[purpose]),
      },
      // The body holds the link: erased from the mail store once sent.
      { key: `${purpose}:${id.toString()}`, ...email(token), sensitive: true },
    );
    return id;
  }

  /** The user id the token was issued for, or null when it is unknown, used or expired. */
  async consume(token: string, purpose: EmailTokenPurpose): Promise<Types.ObjectId | null> {
    return this.tokens.consume(hashToken(token), purpose, this.now());
  }
}
