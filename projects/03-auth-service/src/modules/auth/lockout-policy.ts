/**
 * The numbers of the login lockout (see login-lockout.ts). Per (account, address): every `threshold`
 * failures lock that address out of that account for base * 2^(lockouts so far), capped at
 * `maxDelayMs`, as Keycloak's temporary lockout grows its wait; `resetAfterMs` without a failure
 * starts the escalation over. Per account: `threshold` failures from all addresses within
 * `windowMs` mark it under attack, which tightens the per-address rule but never locks the account.
 */
export interface LockoutPolicy {
  threshold: number;
  baseDelayMs: number;
  maxDelayMs: number;
  resetAfterMs: number;
}

export interface AccountAttackPolicy {
  threshold: number;
  windowMs: number;
}

/** How long the lock lasts when the address is locked for the (previousLockouts + 1)-th time. */
export function lockoutDelayMs(policy: LockoutPolicy, previousLockouts: number): number {
  const exponent = Math.min(previousLockouts, 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}
