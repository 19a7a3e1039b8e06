/**
 * Reservation expiry. Each order gets a delayed Bull job at its expiry time (job id `expire:<order>`,
 * so a retried add is one job): the order is released on time. Redis may lose those jobs (a flush, a
 * restart without persistence, deleted keys, or down at checkout), so a sweep driven from PostgreSQL
 * backs them up: a timer in the process, not a Redis schedule that could be lost with the rest, which
 * expires every due order each interval, whatever Redis holds. Both end in OrderService.expire, which
 * re-checks the order under lock, so running twice (or on several instances) is harmless.
 */
import type { Logger } from '@roadmap/core';
import { addJob } from '@roadmap/redis';
import type Bull from 'bull';
import type { Clock } from '../../platform/clock.js';
import { jobOptions, type RetryPolicy } from '../../platform/jobs.js';
import type { OrderPlacedHook } from '../modules/checkout/index.js';
import type { OrderService } from '../modules/orders/index.js';

export const EXPIRY_QUEUE = 'shop-reservation-expiry';

/** `sweep` jobs come only from the Redis schedule of earlier versions, removed at start. */
export type ExpiryJob = { orderId: string } | { sweep: true };

export interface ReservationExpiry {
  /** Runs a sweep now (and waits for it); the timer runs them by itself. */
  sweepNow(): Promise<number>;
  /** Stops the timer and waits for a sweep under way. */
  close(): Promise<void>;
}

export interface ReservationExpiryOptions {
  queue: Bull.Queue<ExpiryJob>;
  orders: Pick<OrderService, 'expire' | 'expireDue'>;
  sweepEveryMs: number;
  logger: Logger;
}

export function startReservationExpiry({
  queue,
  orders,
  sweepEveryMs,
  logger,
}: ReservationExpiryOptions): ReservationExpiry {
  const log = logger.child({ component: 'reservation-expiry' });
  // Settles only when processing stops; a close during start-up rejects it, which is no fault.
  queue
    .process(async (job) => ('orderId' in job.data ? orders.expire(job.data.orderId) : orders.expireDue()))
    .catch((err: unknown) => log.warn({ err }, 'expiry job processing stopped'));
  void removeRedisSweepSchedule(queue, log);

  let failures = 0;
  let running: Promise<number> | undefined;
  const sweepNow = () =>
    (running ??= orders
      .expireDue()
      .then((expired) => {
        if (expired > 0) log.info({ expired }, 'expired unpaid orders');
        if (failures > 0) log.info({ failedSweeps: failures }, 'expiry sweep resumed');
        failures = 0;
        return expired;
      })
      .catch((err: unknown) => {
        // Once per outage at warn; the next interval tries again.
        failures += 1;
        if (failures === 1) log.warn({ err }, 'expiry sweep failed; retrying every interval');
        return 0;
      })
      .finally(() => {
        running = undefined;
      }));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Each sweep is scheduled when the previous one ended, so a slow one never overlaps the next.
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void sweepNow().then(schedule), sweepEveryMs);
    timer.unref();
  };
  schedule();
  return {
    sweepNow,
    async close() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The repeatable sweep earlier versions kept in Redis: the timer replaces it (best effort, logged). */
async function removeRedisSweepSchedule(queue: Bull.Queue<ExpiryJob>, log: Logger): Promise<void> {
  try {
    for (const job of await queue.getRepeatableJobs()) await queue.removeRepeatableByKey(job.key);
  } catch (err) {
    log.info({ err }, 'could not look for an old sweep schedule in Redis; the timer sweeps anyway');
  }
}

/** The checkout hook: schedule the order's expiry job; if Redis is down the sweep covers it. */
export function scheduleExpiry(
  queue: Bull.Queue<ExpiryJob>,
  clock: Clock,
  policy: RetryPolicy,
  logger: Logger,
): OrderPlacedHook {
  return async ({ id, expiresAt }) => {
    const delay = Math.max(0, expiresAt.getTime() - clock.now().getTime());
    await addJob(
      queue,
      { orderId: id },
      { ...jobOptions(policy, { delay, jobId: `expire:${id}` }), timeoutMs: 1_000 },
    ).catch((err: unknown) =>
      logger.warn({ err, orderId: id }, 'expiry job not scheduled; the sweep will expire the order'),
    );
  };
}
