/**
 * Reservation expiry: each order gets a delayed Bull job at its expiry time (job id `expire:<order>`,
 * so a retried add is one job), and a repeatable sweep catches any order whose job was never added
 * (Redis down at checkout) or failed for good. Both end in OrderService.expire, which re-checks the
 * order under lock, so running twice is harmless.
 */
import type { Logger } from '@roadmap/core';
import { addJob } from '@roadmap/redis';
import type Bull from 'bull';
import type { Clock } from '../../platform/clock.js';
import { jobOptions, scheduleRepeatable, type RetryPolicy } from '../../platform/jobs.js';
import type { OrderPlacedHook } from '../modules/checkout/index.js';
import type { OrderService } from '../modules/orders/index.js';

export const EXPIRY_QUEUE = 'shop-reservation-expiry';

export type ExpiryJob = { orderId: string } | { sweep: true };

export function startReservationExpiry(
  queue: Bull.Queue<ExpiryJob>,
  orders: OrderService,
  sweepEveryMs: number,
): Promise<void> {
  void queue.process(async (job) => ('orderId' in job.data ? orders.expire(job.data.orderId) : orders.expireDue()));
  return scheduleRepeatable(queue, { sweep: true }, sweepEveryMs);
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
