/**
 * How long a message keeps being retried. Delays double from `baseDelayMs` up to `maxDelayMs`, so a
 * short SMTP hiccup is retried within seconds and a long outage every `maxDelayMs`; the defaults
 * keep trying for over three hours before the message is marked failed (and can still be retried).
 */
import { z } from 'zod';

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

/** Environment variables for a project's config schema; `retryFromEnv` turns them into a policy. */
export const mailRetryEnvShape = {
  /** SMTP attempts per message before it is marked failed (it can still be retried by hand). */
  MAIL_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_MAIL_RETRY.attempts),
  /** The first retry's delay; each next one doubles, up to MAIL_RETRY_MAX_DELAY_MS. */
  MAIL_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(DEFAULT_MAIL_RETRY.baseDelayMs),
  MAIL_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(10).max(86_400_000).default(DEFAULT_MAIL_RETRY.maxDelayMs),
};

export type MailRetryEnv = z.infer<z.ZodObject<typeof mailRetryEnvShape>>;

export function retryFromEnv(env: MailRetryEnv): MailRetryPolicy {
  return {
    attempts: env.MAIL_RETRY_ATTEMPTS,
    baseDelayMs: env.MAIL_RETRY_BASE_DELAY_MS,
    maxDelayMs: env.MAIL_RETRY_MAX_DELAY_MS,
  };
}
