/**
 * Signing in with a password: the lockout first, a bcrypt comparison whether or not the account
 * exists (no enumeration), then either tokens or, when the account has a second factor, a
 * single-use MFA ticket and no tokens: the sign-in ends at POST /login/mfa.
 */
import type { PasswordHasher } from '@roadmap/auth';
import { ForbiddenError, UnauthorizedError } from '@roadmap/core';
import type { ClientInfo } from '../audit/index.js';
import type { SessionTokens, TokenPair } from '../sessions/index.js';
import type { UserRecord, UserRepository } from '../users/index.js';
import type { LoginBody } from './auth.schemas.js';
import type { FailedLogins } from './failed-logins.js';
import type { MfaRequired } from './sign-in.schemas.js';

/** The account's second factors (the mfa feature): a ticket to finish signing in with, or null when it has none. */
export interface SecondFactorGate {
  challengeFor(user: UserRecord, client: ClientInfo): Promise<MfaRequired | null>;
}

export type SignInAnswer = { tokens: TokenPair } | { challenge: MfaRequired };

export interface PasswordSignInDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  failedLogins: FailedLogins;
  tokens: SessionTokens;
  secondFactor: SecondFactorGate;
  now: () => Date;
}

/** The one answer to a wrong password and to an unknown email alike. */
const INVALID_CREDENTIALS = 'The email or password is incorrect.';

export class PasswordSignIn {
  constructor(private readonly deps: PasswordSignInDeps) {}

  async login(input: LoginBody, client: ClientInfo): Promise<SignInAnswer> {
    const { users, hasher, failedLogins } = this.deps;
    const now = this.deps.now();
    const user = await users.findByEmail(input.email);
    await failedLogins.refuseLockedAddress(input.email, user, client, now, 'Too many failed logins; try again later.');

    const valid = user
      ? await hasher.verify(input.password, user.passwordHash)
      : await hasher.verifyAgainstNothing(input.password);
    if (!user || !valid) {
      await failedLogins.recordFailure(input.email, user, client, now);
      throw new UnauthorizedError(INVALID_CREDENTIALS);
    }
    if (user.disabled) throw new ForbiddenError('This account is disabled.');

    await failedLogins.recordSuccess(input.email, client.ip);
    if (hasher.needsRehash(user.passwordHash)) {
      await users.update(user._id, { passwordHash: await hasher.hash(input.password) });
    }
    const challenge = await this.deps.secondFactor.challengeFor(user, client);
    if (challenge) return { challenge };
    return { tokens: await this.deps.tokens.start(user, client, { amr: ['pwd'], authTime: now }) };
  }
}
