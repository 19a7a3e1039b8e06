/** Reading and cancelling bookings through HTTP: my bookings only, the cancellation cut-off. */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { HOLD_MINUTES, CUTOFF_MINUTES, useBookingFlow } from './booking-flow.js';
import { MINUTE } from './harness.js';

describe('holds and bookings', () => {
  const { t, newShow, seatStates } = useBookingFlow('bookings');

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
});
