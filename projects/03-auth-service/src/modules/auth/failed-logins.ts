/**
 * The bookkeeping of wrong secrets under the login lockout (login-lockout.ts): refuse an address
 * that is locked out of an account (429, audited), and count a failure, auditing what it led to (the
 * address locked, the account under attack). Password sign-in and the current-password check of a
 * password change share one; second-factor codes get their own, on counters of their own (a
 * LoginLockout with another key prefix), audited as `mfa.failed` and `mfa.locked`.
 */
import { TooManyRequestsError } from '@roadmap/core';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { UserRecord } from '../users/index.js';
import type { LoginLockout } from './login-lockout.js';

/** Which secret is being guessed: names the audit events and marks the lock events. */
export type SecretKind = 'password' | 'second-factor';

const EVENTS = {
  password: { failed: 'login.failed', locked: 'login.locked' },
  'second-factor': { failed: 'mfa.failed', locked: 'mfa.locked' },
} as const;

export class FailedLogins {
  constructor(
    private readonly lockout: LoginLockout,
    private readonly audit: AuditLog,
    private readonly kind: SecretKind = 'password',
  ) {}

  /** 429 (audited) while this address is locked out of this account; other addresses are not. */
  async refuseLockedAddress(
    email: string,
    user: UserRecord | null,
    client: ClientInfo,
    now: Date,
    message: string,
  ): Promise<void> {
    const { retryAfterMs } = await this.lockout.check(email, client.ip, now);
    if (retryAfterMs <= 0) return;
    await this.audit.record(
      EVENTS[this.kind].locked,
      { userId: user?._id.toString() ?? null, email, ip: client.ip, details: { scope: 'address' } },
      client.log,
    );
    throw new TooManyRequestsError(message, retryAfterMs / 1000);
  }

  /** Counts a wrong secret and audits it, and what it led to: this address locked, the account under attack. */
  async recordFailure(
    email: string,
    user: UserRecord | null,
    client: ClientInfo,
    now: Date,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const outcome = await this.lockout.recordFailure(email, client.ip, now);
    const who = { userId: user?._id.toString() ?? null, email, ip: client.ip };
    await this.audit.record(
      EVENTS[this.kind].failed,
      { ...who, ...(Object.keys(details).length > 0 ? { details } : {}) },
      client.log,
    );
    if (outcome.addressLockedUntil) {
      await this.audit.record(
        'account.locked',
        {
          ...who,
          details: { scope: 'address', secret: this.kind, lockedUntil: outcome.addressLockedUntil.toISOString() },
        },
        client.log,
      );
    }
    if (outcome.attackStarted) {
      await this.audit.record(
        'account.under_attack',
        { ...who, details: { secret: this.kind, failuresInWindow: outcome.accountFailures } },
        client.log,
      );
    }
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.lockout.recordSuccess(email, ip);
  }

  async clearAccount(email: string): Promise<void> {
    await this.lockout.clearAccount(email);
  }
}
