import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { seedShow, type SeededShow } from './support/factories.js';
import { createTestApp, MINUTE, recordingNotifier, type TestApp } from './support/test-app.js';

const HOLD_MINUTES = 5;
const CUTOFF_MINUTES = 60;

describe('holds and bookings', () => {
  let t: TestApp;
  const recorded = recordingNotifier();
  /** Set to make the next notification fail, as a lost Redis would fail queueing the email. */
  let failNextNotification = false;
  const notifier = {
    confirmed: recorded.confirmed,
    async bookingConfirmed(bookingId: string) {
      if (failNextNotification) {
        failNextNotification = false;
        throw new Error('queue unavailable');
      }
      await recorded.bookingConfirmed(bookingId);
    },
  };

  beforeAll(async () => {
    t = await createTestApp('bookings', {
      notifier,
      rules: { holdMinutes: HOLD_MINUTES, cancellationCutoffMinutes: CUTOFF_MINUTES, maxSeatsPerHold: 4 },
    });
  });
  afterAll(() => t.close());

  async function newShow(): Promise<SeededShow> {
    return seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
  }

  async function seatStates(showId: string): Promise<Record<string, string>> {
    const res = await request(t.app).get(`/api/v1/shows/${showId}/seats`).expect(200);
    const rows = res.body.rows as { seats: { id: string; state: string }[] }[];
    return Object.fromEntries(rows.flatMap((row) => row.seats.map((seat) => [seat.id, seat.state])));
  }

  describe('POST /shows/:id/holds', () => {
    it('holds the seats and answers the hold id, expiresAt and the priced amount', async () => {
      const { showId } = await newShow();
      const res = await t.hold(t.userToken(), showId, ['a1', 'A2', 'C3']).expect(201);
      expect(res.body).toMatchObject({
        holdId: res.body.id,
        status: 'held',
        seats: ['A1', 'A2', 'C3'],
        amount: 800 + 1000 + 1500,
        expiresAt: new Date(t.clock.now().getTime() + HOLD_MINUTES * MINUTE).toISOString(),
      });
      expect(await seatStates(showId)).toMatchObject({ A1: 'held', A2: 'held', C3: 'held', A3: 'available' });
    });

    it('answers 409 naming the taken seats and holds none of the requested seats', async () => {
      const { showId } = await newShow();
      await t.hold(t.userToken(), showId, ['B1', 'B2']).expect(201);
      const res = await t.hold(t.userToken(), showId, ['B2', 'B3', 'B1']);
      const problem = expectProblem(res, 409);
      expect(problem.takenSeats).toEqual(['B1', 'B2']);
      expect((await seatStates(showId)).B3).toBe('available');
    });

    it('answers 400 naming seats the screen does not have', async () => {
      const { showId } = await newShow();
      const problem = expectProblem(await t.hold(t.userToken(), showId, ['B5', 'Z1']), 400);
      expect(problem.errors?.[0]).toEqual({ field: 'body.seats', message: expect.stringContaining('B5, Z1') });
    });

    it('answers 400 for malformed seat ids, an empty list or too many seats', async () => {
      const { showId } = await newShow();
      expectProblem(await t.hold(t.userToken(), showId, ['1A']), 400);
      expectProblem(await t.hold(t.userToken(), showId, []), 400);
      const tooMany = expectProblem(await t.hold(t.userToken(), showId, ['A1', 'A2', 'A3', 'A4', 'A5']), 400);
      expect(tooMany.errors?.[0]?.field).toBe('body.seats');
    });

    it('answers 401 without a token and 404 for an unknown show', async () => {
      const { showId } = await newShow();
      expectProblem(
        await request(t.app)
          .post(`/api/v1/shows/${showId}/holds`)
          .send({ seats: ['A1'] }),
        401,
      );
      expectProblem(await t.hold(t.userToken(), '0123456789abcdef01234567', ['A1']), 404);
    });

    it('answers 409 once the show has started', async () => {
      const { showId, startsAt } = await newShow();
      const saved = t.clock.now();
      t.clock.set(startsAt);
      try {
        expectProblem(await t.hold(t.userToken(), showId, ['A1']), 409);
      } finally {
        t.clock.set(saved);
      }
    });

    it('treats an expired hold as free at once, before any sweeper runs', async () => {
      const { showId } = await newShow();
      await t.hold(t.userToken(), showId, ['A4']).expect(201);
      t.clock.advance(HOLD_MINUTES * MINUTE);
      expect((await seatStates(showId)).A4).toBe('available');
      await t.hold(t.userToken(), showId, ['A4']).expect(201);
    });
  });

  describe('DELETE /holds/:id', () => {
    it('releases the seats at once', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['A1', 'A2']).expect(201);
      await request(t.app)
        .delete(`/api/v1/holds/${held.body.holdId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(204);
      expect(await seatStates(showId)).toMatchObject({ A1: 'available', A2: 'available' });
      const again = await request(t.app)
        .get(`/api/v1/bookings/${held.body.holdId}`)
        .set('Authorization', `Bearer ${token}`);
      expect(again.body.status).toBe('cancelled');
    });

    it("answers 404 for another user's hold and 409 for a confirmed booking", async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['A3']).expect(201);
      expectProblem(
        await request(t.app)
          .delete(`/api/v1/holds/${held.body.holdId}`)
          .set('Authorization', `Bearer ${t.userToken()}`),
        404,
      );
      await t.confirm(token, held.body.holdId).expect(200);
      const problem = expectProblem(
        await request(t.app).delete(`/api/v1/holds/${held.body.holdId}`).set('Authorization', `Bearer ${token}`),
        409,
      );
      expect(problem.currentStatus).toBe('confirmed');
    });
  });

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
      failNextNotification = true;
      const first = await t.confirm(token, held.body.holdId, 'queue-down-key');
      expect(first.status).toBeGreaterThanOrEqual(500);
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

  describe('GET /bookings', () => {
    it('lists only my bookings, newest first, with effective statuses and a status filter', async () => {
      const { showId } = await newShow();
      const token = t.userToken({ id: 'user-list-1' });
      const first = await t.hold(token, showId, ['A1']).expect(201);
      await t.confirm(token, first.body.holdId).expect(200);
      t.clock.advance(1000);
      const second = await t.hold(token, showId, ['A2']).expect(201);
      await t.hold(t.userToken(), showId, ['A3']).expect(201);
      const res = await request(t.app).get('/api/v1/bookings').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body.total).toBe(2);
      expect(res.body.data.map((b: { id: string }) => b.id)).toEqual([second.body.id, first.body.id]);
      const held = await request(t.app)
        .get('/api/v1/bookings?status=held')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(held.body.data.map((b: { id: string }) => b.id)).toEqual([second.body.id]);
      t.clock.advance(HOLD_MINUTES * MINUTE);
      const expired = await request(t.app)
        .get('/api/v1/bookings?status=expired')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(expired.body.data.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([
        [second.body.id, 'expired'],
      ]);
    });

    it('answers 400 for a bad status or page and 401 without a token', async () => {
      const token = t.userToken();
      expectProblem(
        await request(t.app).get('/api/v1/bookings?status=paid').set('Authorization', `Bearer ${token}`),
        400,
      );
      expectProblem(await request(t.app).get('/api/v1/bookings?page=0').set('Authorization', `Bearer ${token}`), 400);
      expectProblem(await request(t.app).get('/api/v1/bookings'), 401);
    });

    it("answers 404 for another user's booking and 400 for a malformed id", async () => {
      const { showId } = await newShow();
      const owner = t.userToken();
      const held = await t.hold(owner, showId, ['C1']).expect(201);
      const stranger = t.userToken();
      expectProblem(
        await request(t.app).get(`/api/v1/bookings/${held.body.id}`).set('Authorization', `Bearer ${stranger}`),
        404,
      );
      expectProblem(await t.confirm(stranger, held.body.holdId, 'stranger-key-1'), 404);
      expectProblem(
        await request(t.app).post(`/api/v1/bookings/${held.body.id}/cancel`).set('Authorization', `Bearer ${stranger}`),
        404,
      );
      const mine = await request(t.app)
        .get(`/api/v1/bookings/${held.body.id}`)
        .set('Authorization', `Bearer ${owner}`)
        .expect(200);
      expect(mine.body.status).toBe('held');
      expectProblem(
        await request(t.app).get('/api/v1/bookings/nope').set('Authorization', `Bearer ${t.userToken()}`),
        400,
      );
    });
  });

  describe('POST /bookings/:id/cancel', () => {
    it('cancels a confirmed booking before the cut-off and frees its seats', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['C1', 'C2']).expect(201);
      await t.confirm(token, held.body.holdId).expect(200);
      const res = await request(t.app)
        .post(`/api/v1/bookings/${held.body.id}/cancel`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
      expect(await seatStates(showId)).toMatchObject({ C1: 'available', C2: 'available' });
      await t.hold(t.userToken(), showId, ['C1']).expect(201);
    });

    it('answers 409 after the cut-off and keeps the seats booked', async () => {
      const { showId, startsAt } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['B2']).expect(201);
      await t.confirm(token, held.body.holdId).expect(200);
      const saved = t.clock.now();
      t.clock.set(new Date(startsAt.getTime() - CUTOFF_MINUTES * MINUTE));
      try {
        const problem = expectProblem(
          await request(t.app).post(`/api/v1/bookings/${held.body.id}/cancel`).set('Authorization', `Bearer ${token}`),
          409,
        );
        expect(problem.cutoff).toBe(new Date(startsAt.getTime() - CUTOFF_MINUTES * MINUTE).toISOString());
      } finally {
        t.clock.set(saved);
      }
      expect((await seatStates(showId)).B2).toBe('booked');
    });

    it('answers 409 to cancelling twice or cancelling an expired hold', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const held = await t.hold(token, showId, ['A3']).expect(201);
      await t.confirm(token, held.body.holdId).expect(200);
      await request(t.app)
        .post(`/api/v1/bookings/${held.body.id}/cancel`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const twice = expectProblem(
        await request(t.app).post(`/api/v1/bookings/${held.body.id}/cancel`).set('Authorization', `Bearer ${token}`),
        409,
      );
      expect(twice).toMatchObject({ currentStatus: 'cancelled', requestedStatus: 'cancelled' });
      const other = await t.hold(token, showId, ['A4']).expect(201);
      t.clock.advance(HOLD_MINUTES * MINUTE);
      const expired = expectProblem(
        await request(t.app).post(`/api/v1/bookings/${other.body.id}/cancel`).set('Authorization', `Bearer ${token}`),
        409,
      );
      expect(expired.currentStatus).toBe('expired');
    });
  });

  describe('sweepExpiredHolds', () => {
    it('marks ended holds expired and deletes their seat locks, leaving live holds alone', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const old = await t.hold(token, showId, ['A1']).expect(201);
      t.clock.advance(HOLD_MINUTES * MINUTE);
      const live = await t.hold(token, showId, ['A2']).expect(201);
      await t.services.bookings.sweepExpiredHolds();
      const stored = await t.services.models.Booking.find({ _id: { $in: [old.body.id, live.body.id] } }).lean();
      expect(Object.fromEntries(stored.map((b) => [b._id.toString(), b.status]))).toEqual({
        [old.body.id]: 'expired',
        [live.body.id]: 'held',
      });
      expect(await t.services.models.SeatLock.countDocuments({ booking: old.body.id })).toBe(0);
    });
  });
});
