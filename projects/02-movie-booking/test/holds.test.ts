/** Holds through HTTP: all or nothing, released at once, expired holds free before any sweep. */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { HOLD_MINUTES, useBookingFlow } from './booking-flow.js';
import { MINUTE } from './harness.js';

describe('holds and bookings', () => {
  const { t, newShow, seatStates } = useBookingFlow('holds');

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

    it('answers 422 naming seats the screen does not have', async () => {
      const { showId } = await newShow();
      const problem = expectProblem(await t.hold(t.userToken(), showId, ['B5', 'Z1']), 422);
      expect(problem.errors?.[0]).toEqual({ field: 'body.seats', message: expect.stringContaining('B5, Z1') });
    });

    it('answers 400 for malformed seat ids or an empty list, 422 for more seats than one hold may take', async () => {
      const { showId } = await newShow();
      expectProblem(await t.hold(t.userToken(), showId, ['1A']), 400);
      expectProblem(await t.hold(t.userToken(), showId, []), 400);
      const tooMany = expectProblem(await t.hold(t.userToken(), showId, ['A1', 'A2', 'A3', 'A4', 'A5']), 422);
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

  describe('sweepExpiredHolds', () => {
    it('marks ended holds expired and deletes their seat locks, leaving live holds alone', async () => {
      const { showId } = await newShow();
      const token = t.userToken();
      const old = await t.hold(token, showId, ['A1']).expect(201);
      t.clock.advance(HOLD_MINUTES * MINUTE);
      const live = await t.hold(token, showId, ['A2']).expect(201);
      await t.services.bookings.sweepExpiredHolds();
      const stored = await t.models.Booking.find({ _id: { $in: [old.body.id, live.body.id] } }).lean();
      expect(Object.fromEntries(stored.map((b) => [b._id.toString(), b.status]))).toEqual({
        [old.body.id]: 'expired',
        [live.body.id]: 'held',
      });
      expect(await t.models.SeatLock.countDocuments({ booking: old.body.id })).toBe(0);
    });
  });
});
