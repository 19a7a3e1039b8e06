import { DEFAULT_MAIL_RETRY, retryDelay, retrySpanMs } from './retry-policy.js';

describe('the mail retry policy', () => {
  it('doubles the wait from the base up to the cap', () => {
    const policy = { attempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 };

    expect([1, 2, 3, 4, 9].map((n) => retryDelay(policy, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('keeps retrying for at least an hour by default', () => {
    expect(retrySpanMs(DEFAULT_MAIL_RETRY)).toBeGreaterThanOrEqual(60 * 60_000);
    // ...yet retries a long outage every 15 minutes at most, so mail follows soon after SMTP returns.
    expect(retryDelay(DEFAULT_MAIL_RETRY, DEFAULT_MAIL_RETRY.attempts)).toBe(15 * 60_000);
  });
});
