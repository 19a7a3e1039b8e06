import { lockoutDelayMs, type LockoutPolicy } from './lockout-policy.js';

const policy: LockoutPolicy = { threshold: 5, baseDelayMs: 60_000, maxDelayMs: 900_000, resetAfterMs: 3_600_000 };

describe('lockoutDelayMs', () => {
  it('starts at the base delay for the first lockout', () => {
    expect(lockoutDelayMs(policy, 0)).toBe(60_000);
  });

  it('doubles the delay with every further lockout', () => {
    expect([1, 2, 3].map((n) => lockoutDelayMs(policy, n))).toEqual([120_000, 240_000, 480_000]);
  });

  it('never exceeds the maximum delay, however many lockouts came before', () => {
    expect(lockoutDelayMs(policy, 4)).toBe(900_000);
    expect(lockoutDelayMs(policy, 1000)).toBe(900_000);
  });
});
