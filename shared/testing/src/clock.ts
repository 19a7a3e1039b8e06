/**
 * A clock a test moves by hand. Apps and services take `now: () => Date`; pass `clock.now` and the
 * test decides what time it is (holds expire, tokens age, retention windows pass) without sleeping.
 */

export interface TestClock {
  /** The current test time; safe to pass on detached (`now: clock.now`). */
  now(): Date;
  set(date: Date): void;
  advance(ms: number): void;
  /** The moment `ms` after the clock's now, e.g. when a test show starts. */
  after(ms: number): Date;
}

export function createTestClock(start: Date = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = date.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
    after: (ms) => new Date(current + ms),
  };
}
