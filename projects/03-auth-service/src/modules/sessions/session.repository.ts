/**
 * The only code that queries sessions and their refresh tokens. Rotation claims a token with one
 * compare-and-swap on `usedAt: null`, so of two concurrent refreshes with one token exactly one wins.
 */
import { Types, type Connection } from 'mongoose';
import {
  createRefreshTokenModel,
  createSessionModel,
  type RefreshTokenModel,
  type RefreshTokenRecord,
  type SessionModel,
  type SessionRecord,
} from './session.model.js';

type Id = Types.ObjectId | string;

export type NewSession = Pick<SessionRecord, 'userAgent' | 'ip' | 'createdAt' | 'lastUsedAt' | 'expiresAt'> & {
  userId: Types.ObjectId;
  amr: string[];
  authTime: Date;
};

export interface NewRefreshToken {
  tokenHash: string;
  sessionId: Types.ObjectId;
  userId: Types.ObjectId;
  createdAt: Date;
}

/** Families are deleted in batches so one run never builds an unbounded `$in` list. */
const PURGE_BATCH = 500;

export class SessionRepository {
  private readonly sessions: SessionModel;
  private readonly tokens: RefreshTokenModel;

  constructor(connection: Connection) {
    this.sessions = createSessionModel(connection);
    this.tokens = createRefreshTokenModel(connection);
  }

  async create(session: NewSession): Promise<SessionRecord> {
    const doc = await this.sessions.create(session);
    return doc.toObject<SessionRecord>();
  }

  async addToken(token: NewRefreshToken): Promise<void> {
    await this.tokens.create(token);
  }

  /** Marks the unused token with this hash used at `now`; null when it is unknown or already used. */
  async claimToken(tokenHash: string, now: Date): Promise<RefreshTokenRecord | null> {
    return this.tokens
      .findOneAndUpdate({ tokenHash, usedAt: null }, { $set: { usedAt: now } }, { returnDocument: 'after' })
      .lean<RefreshTokenRecord>();
  }

  async findToken(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.tokens.findOne({ tokenHash }).lean<RefreshTokenRecord>();
  }

  /** Records which token a used one was exchanged for (the optional reuse grace window needs it). */
  async setReplacedBy(tokenId: Types.ObjectId, replacedByHash: string): Promise<void> {
    await this.tokens.updateOne({ _id: tokenId }, { $set: { replacedByHash } });
  }

  /** The session if it is neither revoked nor expired at `now`. */
  async findActive(id: Id, now: Date): Promise<SessionRecord | null> {
    return this.sessions.findOne({ _id: id, revokedAt: null, expiresAt: { $gt: now } }).lean<SessionRecord>();
  }

  /** The user's session with this id if it is not revoked. */
  async findUnrevokedOf(userId: string, id: string): Promise<SessionRecord | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.sessions.findOne({ _id: id, userId, revokedAt: null }).lean<SessionRecord>();
  }

  async touch(id: Types.ObjectId, now: Date, ip: string): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $set: { lastUsedAt: now, ip } });
  }

  /** Revokes the session unless it already is; true when this call revoked it. */
  async revoke(id: Id, reason: string, now: Date): Promise<boolean> {
    const result = await this.sessions.updateOne(
      { _id: id, revokedAt: null },
      { $set: { revokedAt: now, revokedReason: reason } },
    );
    return result.modifiedCount === 1;
  }

  /** Revokes every unrevoked session of the user, except one; answers how many. */
  async revokeAllOf(userId: string, reason: string, now: Date, exceptSessionId?: string): Promise<number> {
    const filter = {
      userId: new Types.ObjectId(userId),
      revokedAt: null,
      ...(exceptSessionId && Types.ObjectId.isValid(exceptSessionId)
        ? { _id: { $ne: new Types.ObjectId(exceptSessionId) } }
        : {}),
    };
    const result = await this.sessions.updateMany(filter, { $set: { revokedAt: now, revokedReason: reason } });
    return result.modifiedCount;
  }

  /** The user's live sessions, most recently used first. */
  async listActiveOf(userId: string, now: Date): Promise<SessionRecord[]> {
    return this.sessions
      .find({ userId: new Types.ObjectId(userId), revokedAt: null, expiresAt: { $gt: now } })
      .sort({ lastUsedAt: -1, _id: -1 })
      .lean<SessionRecord[]>();
  }

  /**
   * Deletes the families that ended (expired or revoked) before `cutoff`, with their refresh tokens.
   * A family is kept whole until then: deleting only its used tokens would turn a replay of one into
   * an "unknown token" instead of reuse detection that revokes the family.
   */
  async purgeEndedBefore(cutoff: Date): Promise<{ sessions: number; refreshTokens: number }> {
    const counts = { sessions: 0, refreshTokens: 0 };
    const ended = { $or: [{ expiresAt: { $lte: cutoff } }, { revokedAt: { $lte: cutoff } }] };
    for (;;) {
      const batch = await this.sessions.find(ended).select('_id').limit(PURGE_BATCH).lean<{ _id: Types.ObjectId }[]>();
      if (batch.length === 0) break;
      const ids = batch.map((session) => session._id);
      // Tokens first: if the run stops in between, the next run still finds their sessions.
      counts.refreshTokens += (await this.tokens.deleteMany({ sessionId: { $in: ids } })).deletedCount;
      counts.sessions += (await this.sessions.deleteMany({ _id: { $in: ids } })).deletedCount;
      if (batch.length < PURGE_BATCH) break;
    }
    return counts;
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.sessions.createIndexes(), this.tokens.createIndexes()]);
  }
}
