/**
 * The sweeper job runs on a real Bull queue: it frees expired holds without anyone reading them and
 * queues the confirmation emails that confirmed bookings still owe.
 */
import { createTestRedis, testLogger, testServices, waitFor, type TestRedis } from '@roadmap/testing';
import Bull from 'bull';
import { HOLD_SWEEP_QUEUE, scheduleHoldSweeper } from '../src/jobs/hold-sweeper.js';
import { CONFIRMATION_SWEEP_DELAY_MS } from '../src/modules/bookings/confirmation-outbox.js';
import { seedShow } from './support/factories.js';
import { createTestApp, MINUTE, type RecordingNotifier, type TestApp } from './support/test-app.js';

describe('hold sweeper job', () => {
  let t: TestApp;
  let redis: TestRedis;
  let queue: Bull.Queue;

  beforeAll(async () => {
    redis = await createTestRedis('booking_sweeper');
    t = await createTestApp('booking_sweeper', { rules: { holdMinutes: 5 } });
    queue = new Bull(HOLD_SWEEP_QUEUE, testServices.redisUrl, { prefix: redis.prefix });
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
    await redis.cleanup();
  });

  it('marks expired holds and deletes their locks on its schedule, keeping a single schedule', async () => {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const token = t.userToken();
    const held = await t.hold(token, showId, ['A1']).expect(201);
    t.clock.advance(5 * MINUTE);

    // A previous run scheduled it every minute; this run (a restart with a new interval) every second.
    const previousRun = new Bull(HOLD_SWEEP_QUEUE, testServices.redisUrl, { prefix: redis.prefix });
    await scheduleHoldSweeper(previousRun, t.services.bookings, testLogger('sweeper'), 60);
    await previousRun.close();
    await scheduleHoldSweeper(queue, t.services.bookings, testLogger('sweeper'), 1);
    expect((await queue.getRepeatableJobs()).map((job) => job.every)).toEqual([1000]);

    // The job marks the booking first, then deletes the locks: wait for the lock to go.
    await waitFor(async () => (await t.services.models.SeatLock.countDocuments({ booking: held.body.id })) === 0, {
      timeoutMs: 10_000,
      description: 'the sweeper to delete the expired lock',
    });
    expect((await t.services.models.Booking.findById(held.body.id).lean())?.status).toBe('expired');
  });

  it('queues the email of a confirmed booking that never got it queued', async () => {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const token = t.userToken();
    const held = await t.hold(token, showId, ['B1']).expect(201);
    await t.confirm(token, held.body.holdId).expect(200);
    // As if the confirm's queue add had failed (or the process had died before it).
    await t.services.models.Booking.updateOne({ _id: held.body.holdId }, { $unset: { confirmationQueuedAt: 1 } });
    t.clock.advance(CONFIRMATION_SWEEP_DELAY_MS);

    const worker = new Bull(HOLD_SWEEP_QUEUE, testServices.redisUrl, { prefix: redis.prefix });
    try {
      await scheduleHoldSweeper(worker, t.services.bookings, testLogger('sweeper'), 1);
      const notified = (t.notifier as RecordingNotifier).confirmed;
      await waitFor(() => notified.filter((id) => id === held.body.holdId).length === 2, {
        timeoutMs: 10_000,
        description: 'the sweeper to queue the owed confirmation email',
      });
    } finally {
      await worker.close();
    }
    expect((await t.services.models.Booking.findById(held.body.holdId).lean())?.confirmationQueuedAt).toBeInstanceOf(
      Date,
    );
  });
});
