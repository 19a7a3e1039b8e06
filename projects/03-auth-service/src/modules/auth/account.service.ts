/**
 * The account's lifecycle: register, the profile and password changes, email verification and
 * password reset. Signing in is password-sign-in.service.ts. Knows nothing of HTTP.
 */
import type { PasswordHasher } from '@roadmap/auth';
import {
  ConflictError,
  FieldRuleError,
  isDuplicateKeyError,
  escapeRegExp,
  NotFoundError,
  type Logger,
} from '@roadmap/core';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { SessionService } from '../sessions/index.js';
import {
  toPublicUser,
  type PublicUser,
  type UserChanges,
  type UserRecord,
  type UserRepository,
} from '../users/index.js';
import type { RegisterBody, ResetPasswordBody, UpdateMeBody } from './auth.schemas.js';
import type { EmailTokenPurpose } from './email-token.model.js';
import type { EmailTokens } from './email-token.service.js';
import type { FailedLogins } from './failed-logins.js';

/**
 * A link token that is well-formed but unknown, used or expired: a 422 on `body.token` (the request
 * matches the document; the state it refers to is gone).
 */
function invalidLink(kind: 'verification' | 'reset'): FieldRuleError {
  return new FieldRuleError(
    [{ field: 'body.token', message: `the ${kind} link is invalid, used or expired` }],
    `The ${kind} link is invalid, used or expired.`,
  );
}

/**
 * The single-use link emails (verify the address, reset the password): a new token with its email,
 * recorded; the mail path sends it, so no request waits for, or fails with, the mail server (the
 * jobs/ folder does it). `sendInBackground` records it after answering, for answers that must not
 * tell by their timing whether an account exists.
 */
export interface AccountEmails {
  send(user: UserRecord, purpose: EmailTokenPurpose): Promise<void>;
  sendInBackground(user: UserRecord, purpose: EmailTokenPurpose, log?: Logger): void;
}

/** The mail path, as the emailed links use it: relay a new token's owed email in the background. */
export interface OwedMailRelay {
  relaySoon(sourceName: string, id: unknown): void;
}

export interface AccountServiceDeps {
  users: UserRepository;
  hasher: PasswordHasher;
  sessions: SessionService;
  failedLogins: FailedLogins;
  emailTokens: EmailTokens;
  audit: AuditLog;
  accountEmails: AccountEmails;
  now: () => Date;
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async register(input: RegisterBody, client: ClientInfo): Promise<PublicUser> {
    const { users } = this.deps;
    if (await users.existsWithEmail(input.email)) {
      throw new ConflictError('An account with this email already exists.', { extensions: { fields: ['email'] } });
    }
    if (input.username !== undefined && (await users.existsWithUsername(input.username))) {
      throw usernameTaken();
    }
    const username = input.username ?? (await this.freeUsernameFor(input.email));
    const user = await users
      .create({
        email: input.email,
        name: input.name,
        passwordHash: await this.deps.hasher.hash(input.password),
        username,
      })
      .catch((err: unknown) => {
        // Another registration took the email or the username between our check and our insert.
        throw isDuplicateKeyError(err)
          ? new ConflictError('An account with this email or username already exists.', {
              extensions: { fields: ['email', 'username'] },
            })
          : err;
      });
    await this.deps.audit.record(
      'user.registered',
      { userId: user._id.toString(), email: user.email, ip: client.ip },
      client.log,
    );
    await this.deps.accountEmails.send(user, 'verify-email');
    return toPublicUser(user);
  }

  async me(userId: string): Promise<PublicUser> {
    return toPublicUser(await this.findUser(userId));
  }

  /**
   * Name, profile (username, bio, image), email and/or password. A new password needs the current one
   * and ends every other session; a new email is unverified until its emailed link is used.
   */
  async updateMe(
    userId: string,
    sessionId: string | undefined,
    input: UpdateMeBody,
    client: ClientInfo,
  ): Promise<PublicUser> {
    const { users } = this.deps;
    const current = await this.findUser(userId);
    const changes: UserChanges = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.bio !== undefined) changes.bio = input.bio;
    if (input.image !== undefined) changes.image = input.image;
    if (input.username !== undefined && input.username !== current.username) {
      if (await users.existsWithUsername(input.username)) throw usernameTaken();
      changes.username = input.username;
    }
    const emailChanged = input.email !== undefined && input.email !== current.email;
    if (emailChanged && input.email !== undefined) {
      if (await users.existsWithEmail(input.email)) {
        throw new ConflictError('An account with this email already exists.', { extensions: { fields: ['email'] } });
      }
      Object.assign(changes, { email: input.email, emailVerified: false });
    }
    if (input.newPassword !== undefined) {
      await this.verifyCurrentPassword(current, input.currentPassword ?? '', client);
      changes.passwordHash = await this.deps.hasher.hash(input.newPassword);
    }
    const user = await users.update(current._id, changes).catch((err: unknown) => {
      throw isDuplicateKeyError(err)
        ? new ConflictError('This email or username was taken meanwhile.', {
            extensions: { fields: ['email', 'username'] },
          })
        : err;
    });
    if (!user) throw new NotFoundError('The user no longer exists.');
    if (emailChanged) {
      await this.deps.audit.record('email.changed', { userId, ip: client.ip }, client.log);
      await this.deps.accountEmails.send(user, 'verify-email');
    }
    if (input.newPassword !== undefined) {
      const revoked = await this.deps.sessions.revokeAll(userId, 'password changed', sessionId);
      await this.deps.audit.record(
        'password.changed',
        { userId, ip: client.ip, details: { otherSessionsRevoked: revoked } },
        client.log,
      );
    }
    return toPublicUser(user);
  }

  async resendVerification(userId: string): Promise<void> {
    const user = await this.findUser(userId);
    if (user.emailVerified) throw new ConflictError('The email address is already verified.');
    await this.deps.accountEmails.send(user, 'verify-email');
  }

  async verifyEmail(token: string, client: ClientInfo): Promise<PublicUser> {
    const userId = await this.deps.emailTokens.consume(token, 'verify-email');
    if (!userId) throw invalidLink('verification');
    const user = await this.deps.users.update(userId, { emailVerified: true });
    if (!user) throw invalidLink('verification');
    await this.deps.audit.record('email.verified', { userId: user._id.toString(), ip: client.ip }, client.log);
    return toPublicUser(user);
  }

  /** Always the same answer and no waiting on the mail server, so it reveals nothing about the email. */
  async forgotPassword(email: string, client: ClientInfo): Promise<void> {
    const user = await this.deps.users.findByEmail(email);
    if (user && !user.disabled) this.deps.accountEmails.sendInBackground(user, 'reset-password', client.log);
  }

  async resetPassword(input: ResetPasswordBody, client: ClientInfo): Promise<void> {
    const userId = await this.deps.emailTokens.consume(input.token, 'reset-password');
    const user = userId
      ? await this.deps.users.update(userId, { passwordHash: await this.deps.hasher.hash(input.newPassword) })
      : null;
    if (!user) throw invalidLink('reset');
    const id = user._id.toString();
    await this.deps.failedLogins.clearAccount(user.email);
    const revoked = await this.deps.sessions.revokeAll(id, 'password reset');
    await this.deps.audit.record(
      'password.reset',
      { userId: id, ip: client.ip, details: { sessionsRevoked: revoked } },
      client.log,
    );
  }

  /**
   * The current password, checked under the same lockout as login: a stolen access token must not
   * become an unlimited password-guessing oracle.
   */
  private async verifyCurrentPassword(user: UserRecord, password: string, client: ClientInfo): Promise<void> {
    const now = this.deps.now();
    const { failedLogins } = this.deps;
    await failedLogins.refuseLockedAddress(user.email, user, client, now, 'Too many wrong passwords; try again later.');
    if (await this.deps.hasher.verify(password, user.passwordHash)) return;
    await failedLogins.recordFailure(user.email, user, client, now, { via: 'password change' });
    throw new FieldRuleError([{ field: 'body.currentPassword', message: 'currentPassword is incorrect' }]);
  }

  /** A free username from the email's local part: `ada`, else `ada1`, `ada2`... */
  private async freeUsernameFor(email: string): Promise<string> {
    const local = email.split('@')[0] ?? '';
    const base = (local.replace(/[^A-Za-z0-9_.-]/g, '').replace(/^[^A-Za-z0-9]+/, '') || 'user').slice(0, 32);
    const taken = await this.deps.users.usernamesMatching(new RegExp(`^${escapeRegExp(base)}\\d*$`));
    return nextFreeUsername(base, taken);
  }

  private async findUser(userId: string): Promise<UserRecord> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw new NotFoundError('The user no longer exists.');
    return user;
  }
}

function usernameTaken(): ConflictError {
  return new ConflictError('This username is taken.', { extensions: { fields: ['username'] } });
}

/** `base` when free, else `base` with the smallest number after it that is free. */
export function nextFreeUsername(base: string, taken: string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 1; ; n += 1) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}
