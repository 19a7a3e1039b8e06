/**
 * A repeating Bull job that marks ended holds expired and deletes their seat locks, and queues the
 * confirmation emails that confirmed bookings still owe. Seat correctness does not depend on it (an
 * expired hold is free on read and on the next claim); email delivery does, when a confirm could not
 * queue its email and the client never retried.
 */
import type { Logger } from '@roadmap/core';
import type { Queue } from 'bull';
import type { BookingService } from '../modules/bookings/index.js';

export const HOLD_SWEEP_QUEUE = 'hold-sweeper';

export async function scheduleHoldSweeper(
  queue: Queue,
  bookings: BookingService,
  logger: Logger,
  everySeconds: number,
): Promise<void> {
  // The promise settles only when processing stops; a close during start-up rejects it, which is no fault.
  const processing = queue.process(async () => {
    const swept = await bookings.sweepExpiredHolds();
    if (swept.bookings > 0 || swept.locks > 0) logger.info(swept, 'swept expired holds');
    const emails = await bookings.queueOwedConfirmations();
    if (emails.failed > 0) logger.warn(emails, 'could not queue some owed confirmation emails; next sweep retries');
    else if (emails.queued > 0) logger.info(emails, 'queued owed confirmation emails');
    return { ...swept, emails };
  });
  processing.catch((err: unknown) => logger.warn({ err }, 'hold sweeper stopped'));
  // A changed interval would otherwise add a second schedule beside the old one.
  for (const schedule of await queue.getRepeatableJobs()) await queue.removeRepeatableByKey(schedule.key);
  await queue.add(
    {},
    { jobId: 'sweep', repeat: { every: everySeconds * 1000 }, removeOnComplete: true, removeOnFail: 100 },
  );
}
