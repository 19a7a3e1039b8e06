/** Confirming a hold through HTTP: payment, idempotent retries, late payments, races. */
import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { confirmationEmailKey } from '../src/modules/bookings/index.js';
import { HOLD_MINUTES, useBookingFlow } from './booking-flow.js';
import { MINUTE } from './harness.js';

describe('holds and bookings', () => {
  const { t, newShow, seatStates } = useBookingFlow('confirm');

  /** Whether the booking owes (or was sent) a confirmation email: recorded in it, or in the mail store. */
  async function emailRecorded(bookingId: string): Promise<boolean> {
    const booking = await t.models.Booking.findById(bookingId).lean<{ owedMail?: unknown[] }>();
    return (booking?.owedMail?.length ?? 0) > 0 || (await t.mail.store.get(confirmationEmailKey(bookingId))) !== null;
  }

  describe('POST /holds/:id/confirm', () => {
    it('confirms the hold into a booking with a payment reference and books the seats', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['C1', 'C2']).expect(201);
      const res = await t.confirm(token, held.body.holdId, 'key-confirm-0001').expect(200);
      expect(res.body).toMatchObject({
        id: held.body.holdId,
        status: 'confirmed',
        amount: 3000,
        paymentReference: expect.stringMatching(/^pay_sim_/),
      });
      expect(await seatStates(showId)).toMatchObject({ C1: 'booked', C2: 'booked' });
      expect(await t.emailsOnceSettled(held.body.holdId)).toBe(1);
    });

    it('returns the same booking for a retry with the same Idempotency-Key, without a second email', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['A5']).expect(201);
      const first = await t.confirm(token, held.body.holdId, 'retry-key-12345').expect(200);
      const retry = await t.confirm(token, held.body.holdId, 'retry-key-12345').expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await t.emailsOnceSettled(held.body.holdId)).toBe(1);
    });

    it('confirms once when the same retry arrives twice at the same moment', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['C3']).expect(201);
      const [a, b] = await Promise.all([
        t.confirm(token, held.body.holdId, 'same-moment-key'),
        t.confirm(token, held.body.holdId, 'same-moment-key'),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toEqual(b.body);
      expect(await t.emailsOnceSettled(held.body.holdId)).toBe(1);
    });

    it('ends consistent when a confirm and a release race: booked with the booking, or free', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['B2', 'B3']).expect(201);
      const [confirmed, released] = await Promise.all([
        t.confirm(token, held.body.holdId),
        request(t.app).delete(`/api/v1/holds/${held.body.holdId}`).set('Authorization', `Bearer ${token}`),
      ]);
      const states = await seatStates(showId);
      if (confirmed.status === 200) {
        expect(released.status).toBe(409);
        expect([states.B2, states.B3]).toEqual(['booked', 'booked']);
      } else {
        expect([confirmed.status, released.status]).toEqual([409, 204]);
        expect([states.B2, states.B3]).toEqual(['available', 'available']);
      }
    });

    it('answers 409 to a second confirm without the same key (illegal transition)', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['B4']).expect(201);
      await t.confirm(token, held.body.holdId, 'first-key-123').expect(200);
      const problem = expectProblem(await t.confirm(token, held.body.holdId, 'other-key-456'), 409);
      expect(problem).toMatchObject({ currentStatus: 'confirmed', requestedStatus: 'confirmed' });
      expectProblem(await t.confirm(token, held.body.holdId), 409);
    });

    it('answers 400 for a malformed Idempotency-Key', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['B3']).expect(201);
      const problem = expectProblem(await t.confirm(token, held.body.holdId, 'short'), 400);
      expect(problem.errors?.[0]?.field).toBe('headers.idempotency-key');
    });

    it('answers 400 for an empty Idempotency-Key, and leaves the hold as it was', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['B4']).expect(201);

      const empty = await t.confirm(token, held.body.holdId).set('Idempotency-Key', '');

      expect(fieldsOf(expectProblem(empty, 400))).toEqual(['headers.idempotency-key']);
      expect((await t.models.Booking.findById(held.body.holdId).lean())?.status).toBe('held');
    });

    it('re-holds the seats of an expired hold when they are still free', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['A1', 'A2']).expect(201);
      t.clock.advance(HOLD_MINUTES * MINUTE + 1);
      await t.services.bookings.sweepExpiredHolds();
      const res = await t.confirm(token, held.body.holdId).expect(200);
      expect(res.body.status).toBe('confirmed');
      expect(await seatStates(showId)).toMatchObject({ A1: 'booked', A2: 'booked' });
    });

    it('rejects a payment after expiry naming the seats sold meanwhile, and keeps the other buyer', async () => {
      const { showId } = await newShow();
      const late = t.userToken();
      const held = await t.hold(late, showId, ['C4', 'C5']).expect(201);
      t.clock.advance(HOLD_MINUTES * MINUTE);
      const other = t.userToken();
      const otherHold = await t.hold(other, showId, ['C5']).expect(201);
      const problem = expectProblem(await t.confirm(late, held.body.holdId), 409);
      expect(problem.takenSeats).toEqual(['C5']);
      expect(await seatStates(showId)).toMatchObject({ C4: 'available', C5: 'held' });
      await t.confirm(other, otherHold.body.holdId).expect(200);
      const lateBooking = await request(t.app)
        .get(`/api/v1/bookings/${held.body.holdId}`)
        .set('Authorization', `Bearer ${late}`);
      expect(lateBooking.body.status).toBe('expired');
    });

    it('keeps the seats of a late confirm booked when retries of it race', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['C4', 'C5']).expect(201);
      t.clock.advance(HOLD_MINUTES * MINUTE);
      await t.services.bookings.sweepExpiredHolds();
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.confirm(token, held.body.holdId, i % 2 === 0 ? 'late-retry-key' : undefined),
        ),
      );
      expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
      expect(answers.some((a) => a.status === 200)).toBe(true);
      const stored = await request(t.app)
        .get(`/api/v1/bookings/${held.body.holdId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(stored.body.status).toBe('confirmed');
      const states = await seatStates(showId);
      expect([states.C4, states.C5]).toEqual(['booked', 'booked']);
      expectProblem(await t.hold(t.userToken(), showId, ['C4']), 409);
      expect(await t.emailsOnceSettled(held.body.holdId)).toBe(1);
    });

    it('rejects a payment after expiry once the show has started, leaving the seats free', async () => {
      const { showId, startsAt } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['B4']).expect(201);
      const saved = t.clock.now();
      t.clock.set(startsAt);
      try {
        const problem = expectProblem(await t.confirm(token, held.body.holdId), 409);
        expect(problem.detail).toMatch(/show has started/);
        expect((await seatStates(showId)).B4).toBe('available');
      } finally {
        t.clock.set(saved);
      }
      expect(await emailRecorded(held.body.holdId)).toBe(false);
    });

    it('refuses a hold taken before the show started once the show has started (409), as a new hold is', async () => {
      const { showId, startsAt } = await newShow();
      const token = t.userToken();
      const saved = t.clock.now();
      t.clock.set(new Date(startsAt.getTime() - 25_000));
      try {
        const held = await t.hold(token, showId, ['A3']).expect(201);
        t.clock.set(new Date(startsAt.getTime() + 3000));

        const problem = expectProblem(await t.confirm(token, held.body.holdId), 409);

        expect(problem).toMatchObject({ currentStatus: 'held', detail: expect.stringMatching(/show has started/) });
        expectProblem(await t.hold(t.userToken(), showId, ['A4']), 409);
        const stored = await t.models.Booking.findById(held.body.holdId).lean();
        expect(stored?.status).toBe('held');
        expect(stored?.paymentReference).toBeUndefined();
        expect(await emailRecorded(held.body.holdId)).toBe(false);
      } finally {
        t.clock.set(saved);
      }
    });

    it('answers 409 to confirming a released hold', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['B1']).expect(201);
      await request(t.app)
        .delete(`/api/v1/holds/${held.body.holdId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(204);
      const problem = expectProblem(await t.confirm(token, held.body.holdId), 409);
      expect(problem.currentStatus).toBe('cancelled');
      expect((await seatStates(showId)).B1).toBe('available');
    });
  });
});
