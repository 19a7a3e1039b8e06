/**
 * What a client gets for a proven sign-in: a new session and its tokens. Every access token of the
 * session names how and when the user authenticated (`amr`, `auth_time`) as recorded when the
 * session began; a refresh carries them over unchanged and never upgrades them. A user whose role
 * requires a second factor that they have not enrolled gets tokens marked for enrolment only.
 */
import type { AccessTokenIssuer } from '@roadmap/auth';
import { UnauthorizedError } from '@roadmap/core';
import type { ClientInfo } from '../audit/index.js';
import { toPublicUser, type PublicUser, type UserRecord } from '../users/index.js';
import type { Authentication, SessionService } from './session.service.js';

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: PublicUser;
}

export interface AccessTokenAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Whether this user must enrol a second factor before anything else (their role requires one). */
export interface EnrolmentRule {
  isEnrolmentRequired(user: UserRecord): Promise<boolean>;
}

export interface SessionTokensDeps {
  sessions: SessionService;
  issuer: AccessTokenIssuer;
  enrolment: EnrolmentRule;
}

export class SessionTokens {
  constructor(private readonly deps: SessionTokensDeps) {}

  /** A new session for a user who just proved who they are with `authentication`. */
  async start(user: UserRecord, client: ClientInfo, authentication: Authentication): Promise<TokenPair> {
    const refresh = await this.deps.sessions.start(user._id.toString(), client, authentication);
    return this.pair(user, refresh.sessionId, authentication, refresh.refreshToken, refresh.expiresAt);
  }

  /** Rotates the refresh token; the access token keeps the session's original amr and auth_time. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    const rotated = await this.deps.sessions.rotate(refreshToken, client);
    return this.pair(rotated.user, rotated.sessionId, rotated.authentication, rotated.refreshToken, rotated.expiresAt);
  }

  /**
   * An access token for an existing, live session after a step-up: the user just proved a second
   * factor again, so it names that authentication. The session's own record stays as it began.
   */
  async stepUp(
    user: UserRecord,
    sessionId: string | undefined,
    authentication: Authentication,
  ): Promise<AccessTokenAnswer> {
    if (!sessionId || !(await this.deps.sessions.isActive(user._id.toString(), sessionId))) {
      throw new UnauthorizedError('The session of this access token has ended; log in again.');
    }
    const access = this.deps.issuer.sign({
      id: user._id.toString(),
      role: user.role,
      email: user.email,
      sessionId,
      ...authentication,
    });
    return { accessToken: access.token, tokenType: 'Bearer', expiresIn: access.expiresIn };
  }

  private async pair(
    user: UserRecord,
    sessionId: string,
    authentication: Authentication,
    refreshToken: string,
    refreshExpiresAt: Date,
  ): Promise<TokenPair> {
    const access = this.deps.issuer.sign({
      id: user._id.toString(),
      role: user.role,
      email: user.email,
      sessionId,
      amr: authentication.amr,
      authTime: authentication.authTime,
      mfaEnrolmentRequired: await this.deps.enrolment.isEnrolmentRequired(user),
    });
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      user: toPublicUser(user),
    };
  }
}
