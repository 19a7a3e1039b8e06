/**
 * The sweeper job runs on a real Bull queue: it frees expired holds without anyone reading them and
 * queues the confirmation emails that confirmed bookings still owe.
 */
import { testLogger, testServices, waitFor } from '@roadmap/testing';
import Bull from 'bull';
import { HOLD_SWEEP_QUEUE, scheduleHoldSweeper } from '../src/jobs/hold-sweeper.js';
import { CONFIRMATION_SWEEP_DELAY_MS } from '../src/modules/bookings/index.js';
import { seedShow } from './factories.js';
import { MINUTE, recordingNotifier, useBookingHarness } from './harness.js';

describe('hold sweeper job', () => {
  const notifier = recordingNotifier();
  const t = useBookingHarness('booking_sweeper', { notifier, rules: { holdMinutes: 5 } });
  /** A sweep queue on the harness's Redis prefix; each is closed after its test. */
  const queues: Bull.Queue[] = [];
  async function sweepQueue(): Promise<Bull.Queue> {
    const queue = new Bull(HOLD_SWEEP_QUEUE, testServices.redisUrl, { prefix: (await t.ctx.redis()).prefix });
    queues.push(queue);
    return queue;
  }
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
  });

  it('marks expired holds and deletes their locks on its schedule, keeping a single schedule', async () => {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const held = await t.hold(t.userToken(), showId, ['A1']).expect(201);
    t.clock.advance(5 * MINUTE);
    // A previous run scheduled it every minute; this run (a restart with a new interval) every second.
    const previousRun = await sweepQueue();
    await scheduleHoldSweeper(previousRun, t.services.bookings, testLogger('sweeper'), 60);
    await previousRun.close();
    const queue = await sweepQueue();

    await scheduleHoldSweeper(queue, t.services.bookings, testLogger('sweeper'), 1);

    expect((await queue.getRepeatableJobs()).map((job) => job.every)).toEqual([1000]);
    // The job marks the booking first, then deletes the locks: wait for the lock to go.
    await waitFor(async () => (await t.models.SeatLock.countDocuments({ booking: held.body.id })) === 0, {
      timeoutMs: 10_000,
      description: 'the sweeper to delete the expired lock',
    });
    expect((await t.models.Booking.findById(held.body.id).lean())?.status).toBe('expired');
  });

  it('queues the email of a confirmed booking that never got it queued', async () => {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const token = t.userToken();
    const held = await t.hold(token, showId, ['B1']).expect(201);
    await t.confirm(token, held.body.holdId).expect(200);
    // As if the confirm's queue add had failed (or the process had died before it).
    await t.models.Booking.updateOne({ _id: held.body.holdId }, { $unset: { confirmationQueuedAt: 1 } });
    t.clock.advance(CONFIRMATION_SWEEP_DELAY_MS);

    await scheduleHoldSweeper(await sweepQueue(), t.services.bookings, testLogger('sweeper'), 1);

    await waitFor(() => notifier.confirmed.filter((id) => id === held.body.holdId).length === 2, {
      timeoutMs: 10_000,
      description: 'the sweeper to queue the owed confirmation email',
    });
    expect((await t.models.Booking.findById(held.body.holdId).lean())?.confirmationQueuedAt).toBeInstanceOf(Date);
  });
});
