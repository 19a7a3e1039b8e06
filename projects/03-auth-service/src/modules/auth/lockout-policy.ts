/**
 * Lockout with a growing delay, as Keycloak's brute-force detection does: every `threshold` failures
 * lock for base * 2^(lockouts so far), capped at `maxDelayMs`; after `resetAfterMs` without a failure
 * the counters and the escalation start over. Locks always expire, so nobody is locked out for good.
 */
export interface LockoutPolicy {
  threshold: number;
  baseDelayMs: number;
  maxDelayMs: number;
  resetAfterMs: number;
}

/** How long the lock lasts when the account is locked for the (previousLockouts + 1)-th time. */
export function lockoutDelayMs(policy: LockoutPolicy, previousLockouts: number): number {
  const exponent = Math.min(previousLockouts, 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}
