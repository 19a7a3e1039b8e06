/**
 * Refresh-token families. Rotation is a compare-and-swap on the token hash with `usedAt: null`, so
 * of two concurrent refreshes with one token exactly one wins; a used token presented again
 * revokes its whole family (reuse detection), unless it falls in the optional grace window.
 */
import { NotFoundError, UnauthorizedError, type Logger } from '@roadmap/core';
import { Types } from 'mongoose';
import type { AuthModels } from '../../models.js';
import type { AuditLog } from '../audit/audit.service.js';
import { hashToken, newOpaqueToken } from '../auth/opaque-token.js';
import type { UserDocument } from '../users/user.model.js';
import { toPublicSession, type SessionDocument } from './session.model.js';

export interface ClientInfo {
  ip: string;
  userAgent: string;
  log?: Logger;
}

export interface IssuedRefreshToken {
  refreshToken: string;
  sessionId: string;
  expiresAt: Date;
}

export interface RotatedSession extends IssuedRefreshToken {
  user: UserDocument;
}

export interface SessionServiceDeps {
  models: Pick<AuthModels, 'Session' | 'RefreshToken' | 'User'>;
  audit: AuditLog;
  refreshTokenTtlMs: number;
  refreshReuseGraceMs: number;
  now: () => Date;
}

const INVALID_REFRESH = 'The refresh token is invalid, expired or revoked; log in again.';

export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /** A new session (family) for a user who just proved who they are. */
  async start(userId: string, client: ClientInfo): Promise<IssuedRefreshToken> {
    const now = this.deps.now();
    const expiresAt = new Date(now.getTime() + this.deps.refreshTokenTtlMs);
    const session = await this.deps.models.Session.create({
      userId: new Types.ObjectId(userId),
      userAgent: client.userAgent.slice(0, 300),
      ip: client.ip,
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
    });
    const refreshToken = await this.addToken(session, now);
    return { refreshToken, sessionId: session.id as string, expiresAt };
  }

  /** Exchanges a refresh token for a new one in the same family. */
  async rotate(refreshToken: string, client: ClientInfo): Promise<RotatedSession> {
    const { RefreshToken, Session, User } = this.deps.models;
    const now = this.deps.now();
    const tokenHash = hashToken(refreshToken);
    const claimed = await RefreshToken.findOneAndUpdate(
      { tokenHash, usedAt: null },
      { $set: { usedAt: now } },
      { returnDocument: 'after' },
    );
    if (!claimed) return this.handleUsedOrUnknown(tokenHash, client, now);

    const session = await Session.findOne({ _id: claimed.sessionId, revokedAt: null, expiresAt: { $gt: now } });
    if (!session) throw new UnauthorizedError(INVALID_REFRESH);
    const user = await User.findById(claimed.userId);
    if (!user || user.disabled) {
      await this.revokeSession(session, user ? 'user disabled' : 'user deleted', now);
      throw new UnauthorizedError(INVALID_REFRESH);
    }
    const next = await this.addToken(session, now);
    await RefreshToken.updateOne({ _id: claimed._id }, { $set: { replacedByHash: hashToken(next) } });
    await Session.updateOne({ _id: session._id }, { $set: { lastUsedAt: now, ip: client.ip } });
    return { refreshToken: next, sessionId: session.id as string, expiresAt: session.expiresAt, user };
  }

  private async handleUsedOrUnknown(tokenHash: string, client: ClientInfo, now: Date): Promise<RotatedSession> {
    const { RefreshToken, Session } = this.deps.models;
    const used = await RefreshToken.findOne({ tokenHash });
    if (!used?.usedAt) throw new UnauthorizedError(INVALID_REFRESH);

    const graceMs = this.deps.refreshReuseGraceMs;
    if (graceMs > 0 && used.replacedByHash && now.getTime() - used.usedAt.getTime() <= graceMs) {
      // The client lost the answer to its last refresh: retire the successor and hand out a new one.
      const successor = await RefreshToken.findOneAndUpdate(
        { tokenHash: used.replacedByHash, usedAt: null },
        { $set: { usedAt: now } },
      );
      if (successor) {
        const session = await Session.findOne({ _id: used.sessionId, revokedAt: null, expiresAt: { $gt: now } });
        const user = session ? await this.deps.models.User.findById(used.userId) : null;
        if (session && user && !user.disabled) {
          const next = await this.addToken(session, now);
          await RefreshToken.updateOne({ _id: successor._id }, { $set: { replacedByHash: hashToken(next) } });
          return { refreshToken: next, sessionId: session.id as string, expiresAt: session.expiresAt, user };
        }
      }
    }

    const family = await Session.findOneAndUpdate(
      { _id: used.sessionId, revokedAt: null },
      { $set: { revokedAt: now, revokedReason: 'refresh token reuse' } },
    );
    await this.deps.audit.record(
      'refresh.reuse_detected',
      {
        userId: used.userId.toString(),
        ip: client.ip,
        details: { sessionId: used.sessionId.toString(), familyWasActive: family !== null },
      },
      client.log,
    );
    throw new UnauthorizedError(INVALID_REFRESH);
  }

  /** Logout: revokes the family of a refresh token. Unknown tokens are ignored (logout is idempotent). */
  async revokeByToken(refreshToken: string): Promise<void> {
    const token = await this.deps.models.RefreshToken.findOne({ tokenHash: hashToken(refreshToken) });
    if (!token) return;
    await this.deps.models.Session.updateOne(
      { _id: token.sessionId, revokedAt: null },
      { $set: { revokedAt: this.deps.now(), revokedReason: 'logout' } },
    );
  }

  /** Revokes one of the user's own sessions by id. */
  async revokeOwn(userId: string, sessionId: string): Promise<void> {
    const session = Types.ObjectId.isValid(sessionId)
      ? await this.deps.models.Session.findOne({ _id: sessionId, userId, revokedAt: null })
      : null;
    if (!session) throw new NotFoundError('No active session of yours has this id.');
    await this.revokeSession(session, 'revoked by user', this.deps.now());
  }

  /** Logout everywhere (or everywhere but the current session, after a password change). */
  async revokeAll(userId: string, reason: string, exceptSessionId?: string): Promise<number> {
    const filter = {
      userId: new Types.ObjectId(userId),
      revokedAt: null,
      ...(exceptSessionId && Types.ObjectId.isValid(exceptSessionId)
        ? { _id: { $ne: new Types.ObjectId(exceptSessionId) } }
        : {}),
    };
    const result = await this.deps.models.Session.updateMany(filter, {
      $set: { revokedAt: this.deps.now(), revokedReason: reason },
    });
    return result.modifiedCount;
  }

  async listActive(userId: string, currentSessionId?: string) {
    const sessions = await this.deps.models.Session.find({
      userId: new Types.ObjectId(userId),
      revokedAt: null,
      expiresAt: { $gt: this.deps.now() },
    }).sort({ lastUsedAt: -1, _id: -1 });
    return sessions.map((session) => toPublicSession(session, currentSessionId));
  }

  private async revokeSession(session: SessionDocument, reason: string, now: Date): Promise<void> {
    await this.deps.models.Session.updateOne(
      { _id: session._id, revokedAt: null },
      { $set: { revokedAt: now, revokedReason: reason } },
    );
  }

  private async addToken(session: SessionDocument, now: Date): Promise<string> {
    const token = newOpaqueToken();
    await this.deps.models.RefreshToken.create({
      tokenHash: hashToken(token),
      sessionId: session._id,
      userId: session.userId,
      createdAt: now,
    });
    return token;
  }
}
