/**
 * How long a message keeps being retried. Delays double from `baseDelayMs` up to `maxDelayMs`, so a
 * short SMTP hiccup is retried within seconds and a long outage every `maxDelayMs`; the defaults
 * keep trying for over three hours before the message is marked failed (and can still be retried).
 */

export interface MailRetryPolicy {
  /** SMTP attempts per generation, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_MAIL_RETRY: MailRetryPolicy = {
  attempts: 20,
  baseDelayMs: 10_000,
  maxDelayMs: 15 * 60_000,
};

/** The name of the Bull backoff strategy the mail queue registers. */
export const MAIL_BACKOFF = 'mail';

/** The wait before retry number `attemptsMade` (1 after the first failure). */
export function retryDelay(policy: MailRetryPolicy, attemptsMade: number): number {
  const exponent = Math.max(0, Math.min(attemptsMade - 1, 30));
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/** The time from the first attempt to the last one. */
export function retrySpanMs(policy: MailRetryPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt < policy.attempts; attempt += 1) total += retryDelay(policy, attempt);
  return total;
}
