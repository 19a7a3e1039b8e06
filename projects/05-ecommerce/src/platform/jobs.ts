/**
 * Bull conventions for every queue here: retries with exponential backoff, failed jobs kept (visible
 * in the failed set and to bull-board), and a deadline on every add so a Redis outage never hangs a
 * caller. Jobs are idempotent: a job id dedupes, and each processor re-checks state before acting.
 */
import type Bull from 'bull';
import { withDeadline } from './deadline.js';

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export function jobOptions(policy: RetryPolicy, extra: Bull.JobOptions = {}): Bull.JobOptions {
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnComplete: 1000,
    removeOnFail: false,
    ...extra,
  };
}

export function addWithDeadline<T>(
  queue: Bull.Queue<T>,
  data: T,
  options: Bull.JobOptions,
  deadlineMs = 1_000,
): Promise<Bull.Job<T>> {
  return withDeadline(queue.add(data, options), deadlineMs, `queue ${queue.name}`);
}

/** A repeatable job, replacing an earlier schedule of the same name with another interval. */
export async function scheduleRepeatable<T>(queue: Bull.Queue<T>, data: T, everyMs: number): Promise<void> {
  for (const job of await queue.getRepeatableJobs()) {
    if (job.every !== everyMs) await queue.removeRepeatableByKey(job.key);
  }
  await queue.add(data, { repeat: { every: everyMs }, removeOnComplete: 100, removeOnFail: 100 });
}
