/**
 * The confirmation email outbox through the real chain: a confirm whose queueing failed is picked up
 * by the sweep (Bull on Redis, the job, nodemailer, an SMTP server), once, however many sweeps run.
 */
import { uniqueEmail, waitFor } from '@roadmap/testing';
import { queueNotifier } from '../src/jobs/confirmation-email.js';
import { CONFIRMATION_SWEEP_DELAY_MS } from '../src/modules/bookings/index.js';
import { seedShow } from './factories.js';
import { MINUTE, queueUnavailable, useBookingMailHarness } from './harness.js';

describe('confirmation email outbox', () => {
  /** Booking ids whose email was added to the queue, once per successful add. */
  const queued: string[] = [];
  /** Set to make the next add fail, as a lost Redis would. */
  let failNextAdd = false;
  const t = useBookingMailHarness('booking_outbox', (bullNotifier) => ({
    async bookingConfirmed(bookingId) {
      if (failNextAdd) {
        failNextAdd = false;
        throw queueUnavailable();
      }
      await bullNotifier.bookingConfirmed(bookingId);
      queued.push(bookingId);
    },
  }));

  async function holdSeat(token: string, seat: string): Promise<string> {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const held = await t.hold(token, showId, [seat]).expect(201);
    return held.body.holdId as string;
  }

  /** Resolves once the booking's email job has completed, so every email it sends has arrived. */
  async function emailJobCompleted(bookingId: string): Promise<void> {
    await waitFor(async () => (await (await t.queue.getJob(`confirm:${bookingId}`))?.getState()) === 'completed', {
      timeoutMs: 10_000,
      description: `the email job of booking ${bookingId} to complete`,
    });
  }

  it('emails a confirm whose queueing failed after a sweep, once, when two sweeps run at the same moment', async () => {
    const email = uniqueEmail('outbox');
    const token = t.userToken({ email });
    const holdId = await holdSeat(token, 'A1');
    failNextAdd = true;
    const first = await t.confirm(token, holdId);
    expect(first.status).toBe(503);
    expect((await t.models.Booking.findById(holdId).lean())?.status).toBe('confirmed');

    // Too soon: the sweep leaves a fresh confirmation to its own request (or that request's retry).
    expect(await t.services.bookings.queueOwedConfirmations()).toEqual({ queued: 0, failed: 0 });
    expect(queued).not.toContain(holdId);

    t.clock.advance(CONFIRMATION_SWEEP_DELAY_MS);
    const sweeps = await Promise.all([
      t.services.bookings.queueOwedConfirmations(),
      t.services.bookings.queueOwedConfirmations(),
    ]);
    expect(sweeps.map((sweep) => sweep.queued).sort()).toEqual([0, 1]);
    expect(queued.filter((id) => id === holdId)).toHaveLength(1);

    const mail = await t.sink.waitForMessage((m) => m.to.includes(email), 10_000);
    expect(mail.text).toContain(`Your booking ${holdId} is confirmed.`);
    await emailJobCompleted(holdId);
    expect((await t.models.Booking.findById(holdId).lean())?.confirmationQueuedAt).toBeInstanceOf(Date);
    expect(await t.services.bookings.queueOwedConfirmations()).toEqual({ queued: 0, failed: 0 });
    expect(t.sink.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('leaves the email owed when the sweep cannot queue it either, and queues it on a later sweep', async () => {
    const email = uniqueEmail('outbox-down');
    const token = t.userToken({ email });
    const holdId = await holdSeat(token, 'A2');
    failNextAdd = true;
    expect((await t.confirm(token, holdId)).status).toBe(503);
    t.clock.advance(CONFIRMATION_SWEEP_DELAY_MS);

    failNextAdd = true;
    expect(await t.services.bookings.queueOwedConfirmations()).toEqual({ queued: 0, failed: 1 });
    expect(await t.services.bookings.queueOwedConfirmations()).toEqual({ queued: 1, failed: 0 });

    await t.sink.waitForMessage((m) => m.to.includes(email), 10_000);
    expect(queued.filter((id) => id === holdId)).toHaveLength(1);
  });

  it('does not queue again the email of a booking whose confirm queued it', async () => {
    const email = uniqueEmail('outbox-normal');
    const token = t.userToken({ email });
    const holdId = await holdSeat(token, 'A3');
    await t.confirm(token, holdId).expect(200);
    await t.sink.waitForMessage((m) => m.to.includes(email), 10_000);
    await emailJobCompleted(holdId);

    t.clock.advance(CONFIRMATION_SWEEP_DELAY_MS);
    await Promise.all([t.services.bookings.queueOwedConfirmations(), t.services.bookings.queueOwedConfirmations()]);
    expect(queued.filter((id) => id === holdId)).toHaveLength(1);
    expect(t.sink.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('sends one email when the same booking is added to the queue twice (the job id is per booking)', async () => {
    const email = uniqueEmail('outbox-duplicate');
    const token = t.userToken({ email });
    const holdId = await holdSeat(token, 'A4');
    await t.confirm(token, holdId).expect(200);
    await emailJobCompleted(holdId);

    // As a sweep would whose mark was lost after it had queued the email.
    await queueNotifier(t.queue).bookingConfirmed(holdId);
    await emailJobCompleted(holdId);
    expect(await t.queue.getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    expect(t.sink.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  });
});
