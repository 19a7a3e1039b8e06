/** Confirming a hold through HTTP: payment, idempotent retries, late payments, races. */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { HOLD_MINUTES, useBookingFlow } from './booking-flow.js';
import { MINUTE } from './harness.js';

describe('holds and bookings', () => {
  const { t, notifier, newShow, seatStates } = useBookingFlow('confirm');

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
      expect(notifier.confirmed).toContain(held.body.holdId);
    });

    it('returns the same booking for a retry with the same Idempotency-Key, without a second notification', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['A5']).expect(201);
      const first = await t.confirm(token, held.body.holdId, 'retry-key-12345').expect(200);
      const retry = await t.confirm(token, held.body.holdId, 'retry-key-12345').expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(notifier.confirmed.filter((id) => id === held.body.holdId)).toHaveLength(1);
    });

    it('queues the confirmation email on a retry when the first confirm could not queue it', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['C2']).expect(201);
      notifier.failNext();
      const first = await t.confirm(token, held.body.holdId, 'queue-down-key');
      expect(first.status).toBe(503);
      expect(notifier.confirmed).not.toContain(held.body.holdId);
      const retry = await t.confirm(token, held.body.holdId, 'queue-down-key').expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      await t.confirm(token, held.body.holdId, 'queue-down-key').expect(200);
      expect(notifier.confirmed.filter((id) => id === held.body.holdId)).toHaveLength(1);
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
      expect(notifier.confirmed.filter((id) => id === held.body.holdId)).toHaveLength(1);
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
      expect(notifier.confirmed.filter((id) => id === held.body.holdId)).toHaveLength(1);
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
      expect(notifier.confirmed).not.toContain(held.body.holdId);
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
