/**
 * Two failed-login counters kept apart, so an attacker cannot lock a real user out for long:
 * - per (email, IP) in Redis: a single attacker locks only themself out after a few failures;
 * - per account, from every IP, on the user document: a higher threshold against distributed guessing.
 * Both locks grow with each lockout, are capped, and expire; a quiet period resets the escalation.
 * The pair counter is keyed by the email typed, so unknown emails lock exactly like real ones.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { UserRecord, UserRepository } from '../users/index.js';
import { lockoutDelayMs, type LockoutPolicy } from './lockout-policy.js';

// KEYS[1]: the pair's hash. ARGV: now, threshold, baseDelayMs, maxDelayMs, resetAfterMs.
// Returns the lock-until time in ms when this failure locks the pair, else 0.
const RECORD_FAILURE_SCRIPT = `
local now = tonumber(ARGV[1])
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
if last > 0 and now - last > tonumber(ARGV[5]) then redis.call('DEL', KEYS[1]) end
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
redis.call('HSET', KEYS[1], 'last', string.format('%d', now))
local lockUntil = 0
if count >= tonumber(ARGV[2]) then
  local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
  local delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(level, 30), tonumber(ARGV[4]))
  lockUntil = now + delay
  redis.call('HSET', KEYS[1], 'count', 0, 'level', level + 1, 'lockUntil', string.format('%d', lockUntil))
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + tonumber(ARGV[4]))
return lockUntil
`;

export interface LockoutState {
  /** Milliseconds until the caller may try again; 0 when not locked. */
  retryAfterMs: number;
  scope: 'pair' | 'account' | null;
}

export interface FailureOutcome {
  pairLockedUntil: Date | null;
  accountLockedUntil: Date | null;
}

export interface LoginLockoutDeps {
  redis: Redis;
  keyPrefix: string;
  users: UserRepository;
  pairPolicy: LockoutPolicy;
  accountPolicy: LockoutPolicy;
}

export class LoginLockout {
  constructor(private readonly deps: LoginLockoutDeps) {}

  private pairKey(email: string, ip: string): string {
    const emailHash = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return `${this.deps.keyPrefix}lockout:${emailHash}:${ip}`;
  }

  async check(email: string, ip: string, user: UserRecord | null, now: Date): Promise<LockoutState> {
    const pairUntil = Number((await this.deps.redis.hget(this.pairKey(email, ip), 'lockUntil')) ?? 0);
    const pairMs = pairUntil - now.getTime();
    if (pairMs > 0) return { retryAfterMs: pairMs, scope: 'pair' };
    const accountMs = user?.lockUntil ? user.lockUntil.getTime() - now.getTime() : 0;
    if (accountMs > 0) return { retryAfterMs: accountMs, scope: 'account' };
    return { retryAfterMs: 0, scope: null };
  }

  async recordFailure(email: string, ip: string, user: UserRecord | null, now: Date): Promise<FailureOutcome> {
    const { pairPolicy: p } = this.deps;
    const pairUntil = Number(
      await this.deps.redis.eval(
        RECORD_FAILURE_SCRIPT,
        1,
        this.pairKey(email, ip),
        now.getTime(),
        p.threshold,
        p.baseDelayMs,
        p.maxDelayMs,
        p.resetAfterMs,
      ),
    );
    const accountLockedUntil = user ? await this.recordAccountFailure(user, now) : null;
    return { pairLockedUntil: pairUntil > 0 ? new Date(pairUntil) : null, accountLockedUntil };
  }

  async recordSuccess(email: string, ip: string, user: UserRecord): Promise<void> {
    await this.deps.redis.del(this.pairKey(email, ip));
    // Most logins follow no failure: skip the write then.
    if (user.failedLoginCount > 0 || user.lockoutCount > 0 || user.lockUntil) await this.clearAccount(user);
  }

  /** Clears the account's counters (after a success or a password reset). Pair counters expire on their own. */
  async clearAccount(user: UserRecord): Promise<void> {
    await this.deps.users.clearLoginFailures(user._id);
  }

  private async recordAccountFailure(user: UserRecord, now: Date): Promise<Date | null> {
    const { users, accountPolicy: policy } = this.deps;
    // After a quiet period the counters and the escalation start over.
    const quietSince = new Date(now.getTime() - policy.resetAfterMs);
    const counted = await users.countLoginFailure(user._id, now, quietSince);
    if (!counted || counted.failedLoginCount < policy.threshold) return null;
    const lockUntil = new Date(now.getTime() + lockoutDelayMs(policy, counted.lockoutCount));
    // Conditional on the count just read, so concurrent failures lock once, not twice.
    const locked = await users.lockAccount(user._id, counted.failedLoginCount, lockUntil);
    return locked ? lockUntil : null;
  }
}
