/**
 * Bull conventions for every queue here (opened with @roadmap/redis, whose `addJob` gives every add a
 * deadline so a Redis outage never hangs a caller): retries with exponential backoff, failed jobs kept
 * (visible in the failed set and to bull-board). Jobs are idempotent: a job id dedupes, and each
 * processor re-checks state before acting.
 */
import type Bull from 'bull';

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

/** A repeatable job, replacing an earlier schedule of the same name with another interval. */
export async function scheduleRepeatable<T>(queue: Bull.Queue<T>, data: T, everyMs: number): Promise<void> {
  for (const job of await queue.getRepeatableJobs()) {
    if (job.every !== everyMs) await queue.removeRepeatableByKey(job.key);
  }
  await queue.add(data, { repeat: { every: everyMs }, removeOnComplete: 100, removeOnFail: 100 });
}
