/**
 * Refresh-token families. Rotation is a compare-and-swap on the token hash with `usedAt: null`, so
 * of two concurrent refreshes with one token exactly one wins; a used token presented again
 * revokes its whole family (reuse detection), unless it falls in the optional grace window.
 */
import { NotFoundError, UnauthorizedError } from '@roadmap/core';
import { Types } from 'mongoose';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { UserRecord, UserRepository } from '../users/index.js';
import { hashToken, newOpaqueToken } from './opaque-token.js';
import type { SessionRecord } from './session.model.js';
import type { SessionRepository } from './session.repository.js';
import type { Session } from './session.schemas.js';
import { toSession } from './session.view.js';

export interface IssuedRefreshToken {
  refreshToken: string;
  sessionId: string;
  expiresAt: Date;
}

/** How and when the user proved who they are: the session's `amr` and `auth_time`. */
export interface Authentication {
  amr: string[];
  authTime: Date;
}

export interface RotatedSession extends IssuedRefreshToken {
  user: UserRecord;
  /** The authentication the session began with, unchanged by any refresh. */
  authentication: Authentication;
}

/** A session's recorded authentication; one from before they were recorded was a password sign-in. */
function authenticationOf(session: SessionRecord): Authentication {
  return { amr: session.amr?.length ? session.amr : ['pwd'], authTime: session.authTime ?? session.createdAt };
}

export interface SessionServiceDeps {
  sessions: SessionRepository;
  users: UserRepository;
  audit: AuditLog;
  refreshTokenTtlMs: number;
  refreshReuseGraceMs: number;
  now: () => Date;
}

const INVALID_REFRESH = 'The refresh token is invalid, expired or revoked; log in again.';

export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /** A new session (family) for a user who just proved who they are, and how. */
  async start(userId: string, client: ClientInfo, authentication: Authentication): Promise<IssuedRefreshToken> {
    const now = this.deps.now();
    const expiresAt = new Date(now.getTime() + this.deps.refreshTokenTtlMs);
    const session = await this.deps.sessions.create({
      userId: new Types.ObjectId(userId),
      userAgent: client.userAgent.slice(0, 300),
      ip: client.ip,
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
      amr: authentication.amr,
      authTime: authentication.authTime,
    });
    const refreshToken = await this.addToken(session, now);
    return { refreshToken, sessionId: session._id.toString(), expiresAt };
  }

  /** Exchanges a refresh token for a new one in the same family. */
  async rotate(refreshToken: string, client: ClientInfo): Promise<RotatedSession> {
    const { sessions, users } = this.deps;
    const now = this.deps.now();
    const tokenHash = hashToken(refreshToken);
    const presented = await sessions.findToken(tokenHash);
    if (!presented || presented.usedAt) return this.handleUsedOrUnknown(tokenHash, client, now);
    // The family is checked before the claim, which is the moment a refresh wins: a concurrent
    // duplicate that loses revokes the family after it (reuse detection), which kills the winner's
    // new token for its next refresh but does not take back the answer the claim already earned.
    const session = await sessions.findActive(presented.sessionId, now);
    if (!session) throw new UnauthorizedError(INVALID_REFRESH);
    const claimed = await sessions.claimToken(tokenHash, now);
    if (!claimed) return this.handleUsedOrUnknown(tokenHash, client, now);

    const user = await users.findById(claimed.userId);
    if (!user || user.disabled) {
      await sessions.revoke(session._id, user ? 'user disabled' : 'user deleted', now);
      throw new UnauthorizedError(INVALID_REFRESH);
    }
    const next = await this.addToken(session, now);
    await sessions.setReplacedBy(claimed._id, hashToken(next));
    await sessions.touch(session._id, now, client.ip);
    return {
      refreshToken: next,
      sessionId: session._id.toString(),
      expiresAt: session.expiresAt,
      user,
      authentication: authenticationOf(session),
    };
  }

  private async handleUsedOrUnknown(tokenHash: string, client: ClientInfo, now: Date): Promise<RotatedSession> {
    const { sessions, users } = this.deps;
    const used = await sessions.findToken(tokenHash);
    if (!used?.usedAt) throw new UnauthorizedError(INVALID_REFRESH);

    const graceMs = this.deps.refreshReuseGraceMs;
    if (graceMs > 0 && used.replacedByHash && now.getTime() - used.usedAt.getTime() <= graceMs) {
      // The client lost the answer to its last refresh: retire the successor and hand out a new one.
      const successor = await sessions.claimToken(used.replacedByHash, now);
      if (successor) {
        const session = await sessions.findActive(used.sessionId, now);
        const user = session ? await users.findById(used.userId) : null;
        if (session && user && !user.disabled) {
          const next = await this.addToken(session, now);
          await sessions.setReplacedBy(successor._id, hashToken(next));
          return {
            refreshToken: next,
            sessionId: session._id.toString(),
            expiresAt: session.expiresAt,
            user,
            authentication: authenticationOf(session),
          };
        }
      }
    }

    const familyWasActive = await sessions.revoke(used.sessionId, 'refresh token reuse', now);
    await this.deps.audit.record(
      'refresh.reuse_detected',
      {
        userId: used.userId.toString(),
        ip: client.ip,
        details: { sessionId: used.sessionId.toString(), familyWasActive },
      },
      client.log,
    );
    throw new UnauthorizedError(INVALID_REFRESH);
  }

  /** Logout: revokes the family of a refresh token. Unknown tokens are ignored (logout is idempotent). */
  async revokeByToken(refreshToken: string): Promise<void> {
    const token = await this.deps.sessions.findToken(hashToken(refreshToken));
    if (token) await this.deps.sessions.revoke(token.sessionId, 'logout', this.deps.now());
  }

  /** True while the user's session with this id is neither revoked nor expired. */
  async isActive(userId: string, sessionId: string): Promise<boolean> {
    const session = await this.deps.sessions.findUnrevokedOf(userId, sessionId);
    return session !== null && session.expiresAt > this.deps.now();
  }

  /** Revokes one of the user's own sessions by id. */
  async revokeOwn(userId: string, sessionId: string): Promise<void> {
    const session = await this.deps.sessions.findUnrevokedOf(userId, sessionId);
    if (!session) throw new NotFoundError('No active session of yours has this id.');
    await this.deps.sessions.revoke(session._id, 'revoked by user', this.deps.now());
  }

  /** Logout everywhere (or everywhere but the current session, after a password change). */
  async revokeAll(userId: string, reason: string, exceptSessionId?: string): Promise<number> {
    return this.deps.sessions.revokeAllOf(userId, reason, this.deps.now(), exceptSessionId);
  }

  /** The user's own "log out everywhere": every session ends, and the audit log says how many. */
  async logoutEverywhere(userId: string, client: ClientInfo): Promise<void> {
    const revoked = await this.revokeAll(userId, 'logout everywhere');
    await this.deps.audit.record('sessions.revoked_all', { userId, ip: client.ip, details: { revoked } }, client.log);
  }

  async listActive(userId: string, currentSessionId?: string): Promise<Session[]> {
    const sessions = await this.deps.sessions.listActiveOf(userId, this.deps.now());
    return sessions.map((session) => toSession(session, currentSessionId));
  }

  private async addToken(session: SessionRecord, now: Date): Promise<string> {
    const token = newOpaqueToken();
    await this.deps.sessions.addToken({
      tokenHash: hashToken(token),
      sessionId: session._id,
      userId: session.userId,
      createdAt: now,
    });
    return token;
  }
}
