/** The only code that queries WebAuthn challenges; using one is a single conditional update. */
import type { Connection, Types } from 'mongoose';
import {
  createWebAuthnChallengeModel,
  type ChallengePurpose,
  type WebAuthnChallengeModel,
} from './webauthn-challenge.model.js';

export class WebAuthnChallengeRepository {
  private readonly challenges: WebAuthnChallengeModel;

  constructor(connection: Connection) {
    this.challenges = createWebAuthnChallengeModel(connection);
  }

  async create(
    challenge: string,
    purpose: ChallengePurpose,
    userId: Types.ObjectId | null,
    now: Date,
    ttlMs: number,
  ): Promise<void> {
    await this.challenges.create({
      challenge,
      purpose,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    });
  }

  /** Uses the challenge if it is live and was made for this purpose and user; false otherwise. */
  async use(challenge: string, purpose: ChallengePurpose, userId: Types.ObjectId | null, now: Date): Promise<boolean> {
    const result = await this.challenges.updateOne(
      { challenge, purpose, userId, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
    );
    return result.modifiedCount === 1;
  }

  /** Deletes challenges that can never be used again; answers how many. */
  async deleteSpent(now: Date): Promise<number> {
    return (await this.challenges.deleteMany({ $or: [{ expiresAt: { $lte: now } }, { usedAt: { $ne: null } }] }))
      .deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.challenges.createIndexes();
  }
}
