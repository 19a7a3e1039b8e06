/**
 * The hold sweeper: a repeating Bull job that marks ended holds expired and deletes their seat
 * locks. Seat correctness does not depend on it (an expired hold is free on read and on the next
 * claim); it keeps the stored state tidy. Its schedule lives in Redis, which may lose it (a restart
 * without persistence, a failover, a flush), so it is registered again on every (re)connection and
 * checked on a timer as often as it runs; registering a schedule that exists is a no-op.
 */
import type { Logger } from '@roadmap/core';
import { addJob, openQueue, type QueueRedis } from '@roadmap/redis';
import type { Queue } from 'bull';
import type { BookingService } from '../modules/bookings/index.js';

export const HOLD_SWEEP_QUEUE = 'hold-sweeper';

export interface HoldSweeperOptions {
  queueRedis: QueueRedis;
  /** Bull key prefix. */
  prefix: string;
  bookings: Pick<BookingService, 'sweepExpiredHolds'>;
  logger: Logger;
  everySeconds: number;
}

export interface HoldSweeper {
  queue: Queue;
  /** Registers the schedule if Redis has lost it. */
  ensureScheduled(): Promise<void>;
  close(): Promise<void>;
}

export async function startHoldSweeper(options: HoldSweeperOptions): Promise<HoldSweeper> {
  const { queueRedis, bookings, logger, everySeconds } = options;
  const queue = openQueue(HOLD_SWEEP_QUEUE, { redis: queueRedis, prefix: options.prefix, logger });
  // Settles only when processing stops; a close during start-up rejects it, which is no fault.
  queue
    .process(async () => {
      const swept = await bookings.sweepExpiredHolds();
      if (swept.bookings > 0 || swept.locks > 0) logger.info(swept, 'swept expired holds');
      return swept;
    })
    .catch((err: unknown) => logger.warn({ err }, 'hold sweeper stopped'));
  const every = everySeconds * 1000;
  const ensureScheduled = async () => {
    await addJob(queue, {}, { jobId: 'sweep', repeat: { every }, removeOnComplete: true, removeOnFail: 100 });
  };
  // A changed interval would otherwise leave the old schedule beside the new one.
  for (const schedule of await queue.getRepeatableJobs()) {
    if (schedule.every !== every) await queue.removeRepeatableByKey(schedule.key);
  }
  await ensureScheduled();
  const reschedule = (why: string) => {
    ensureScheduled().catch((err: unknown) => logger.warn({ err, why }, 'could not register the hold sweeper'));
  };
  const onReady = () => reschedule('redis reconnected');
  queueRedis.client.on('ready', onReady);
  const timer = setInterval(() => reschedule('periodic check'), every);
  timer.unref();
  return {
    queue,
    ensureScheduled,
    async close() {
      clearInterval(timer);
      queueRedis.client.off('ready', onReady);
      await queue.close();
    },
  };
}
