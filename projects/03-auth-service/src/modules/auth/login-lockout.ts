/**
 * Failed-login counters that stop password guessing without handing attackers a way to lock the
 * real user out (as Keycloak's own documentation warns its per-user lockout does, and as OWASP ASVS
 * 2.2.1 asks anti-automation to prevent):
 * - per (typed email, client address): after a few failures that address, and only that one, is
 *   locked out of that account, for a time that doubles with each lockout up to a cap;
 * - per account, over all addresses: many failures within a window mark the account under attack.
 *   Then every address that fails on it is locked after a single failure (escalating as above),
 *   while an address that has not failed, like the owner's, is never refused: a slowdown for the
 *   attackers, not a lock of the account.
 * Both live in Redis, keyed by the email as typed, so unknown emails behave exactly like real ones.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AccountAttackPolicy, LockoutPolicy } from './lockout-policy.js';

// KEYS: the pair's hash, the account's hash. ARGV: now, pair threshold, base delay, max delay, pair
// reset-after, account threshold, account window. Returns {pair lock-until ms (0: not locked), account
// failures in the window}.
const RECORD_FAILURE_SCRIPT = `
local now = tonumber(ARGV[1])
local since = tonumber(redis.call('HGET', KEYS[2], 'since') or '0')
if since == 0 or now - since > tonumber(ARGV[7]) then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'since', string.format('%d', now))
end
local accountFailures = redis.call('HINCRBY', KEYS[2], 'count', 1)
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[7]))
local threshold = tonumber(ARGV[2])
if accountFailures >= tonumber(ARGV[6]) then threshold = 1 end
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
if last > 0 and now - last > tonumber(ARGV[5]) then redis.call('DEL', KEYS[1]) end
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
redis.call('HSET', KEYS[1], 'last', string.format('%d', now))
local lockUntil = 0
if count >= threshold then
  local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
  local delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(level, 30), tonumber(ARGV[4]))
  lockUntil = now + delay
  redis.call('HSET', KEYS[1], 'count', 0, 'level', level + 1, 'lockUntil', string.format('%d', lockUntil))
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + tonumber(ARGV[4]))
return {lockUntil, accountFailures}
`;

export interface LockoutState {
  /** Milliseconds until this address may try this account again; 0 when not locked. */
  retryAfterMs: number;
}

export interface FailureOutcome {
  /** Set when this failure locked the address out of the account. */
  addressLockedUntil: Date | null;
  /** True when this failure is the one that put the account under attack (once per window). */
  attackStarted: boolean;
  accountFailures: number;
}

export interface LoginLockoutDeps {
  redis: Redis;
  keyPrefix: string;
  pairPolicy: LockoutPolicy;
  accountPolicy: AccountAttackPolicy;
}

export class LoginLockout {
  constructor(private readonly deps: LoginLockoutDeps) {}

  private emailHash(email: string): string {
    return createHash('sha256').update(email).digest('hex').slice(0, 32);
  }

  private pairKey(email: string, ip: string): string {
    return `${this.deps.keyPrefix}lockout:${this.emailHash(email)}:${ip}`;
  }

  private accountKey(email: string): string {
    return `${this.deps.keyPrefix}lockout-account:${this.emailHash(email)}`;
  }

  async check(email: string, ip: string, now: Date): Promise<LockoutState> {
    const until = Number((await this.deps.redis.hget(this.pairKey(email, ip), 'lockUntil')) ?? 0);
    return { retryAfterMs: Math.max(0, until - now.getTime()) };
  }

  async recordFailure(email: string, ip: string, now: Date): Promise<FailureOutcome> {
    const { pairPolicy: p, accountPolicy: a } = this.deps;
    const [lockUntil, accountFailures] = (await this.deps.redis.eval(
      RECORD_FAILURE_SCRIPT,
      2,
      this.pairKey(email, ip),
      this.accountKey(email),
      now.getTime(),
      p.threshold,
      p.baseDelayMs,
      p.maxDelayMs,
      p.resetAfterMs,
      a.threshold,
      a.windowMs,
    )) as [number, number];
    return {
      addressLockedUntil: lockUntil > 0 ? new Date(lockUntil) : null,
      attackStarted: accountFailures === a.threshold,
      accountFailures,
    };
  }

  /**
   * A right password from this address clears its counter. The account's counter stays until its
   * window passes: the owner logging in does not give attackers their full allowance back.
   */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.deps.redis.del(this.pairKey(email, ip));
  }

  /** After a password reset: the account is the owner's again; per-address counters expire on their own. */
  async clearAccount(email: string): Promise<void> {
    await this.deps.redis.del(this.accountKey(email));
  }
}
