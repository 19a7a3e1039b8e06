/**
 * Confirming a booking under faults, through fault proxies between the app and its real Redis, SMTP
 * server and MongoDB: the confirm answers within the bound whatever Redis does, a confirmed booking
 * is answered 200, its email is sent once Redis is back, readiness agrees with the queues, and a
 * database outage is a prompt 503 that names no driver detail.
 */
import { expectProblem, uniqueEmail, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { confirmationEmailKey } from '../src/modules/bookings/index.js';
import { seedShow } from './factories.js';
import { MINUTE, useBookingHarness } from './harness.js';

/** The longest a request may take with Redis or SMTP down (the bound: about 1-2 s). */
const BOUND_MS = 2000;
/** With MongoDB down: connectMongo's default bound is 2 s, 2.5 s at worst (see mongoBounds). */
const DATABASE_BOUND_MS = 3000;

describe('confirming under faults', () => {
  const t = useBookingHarness('booking_faults', { faults: { redis: true, smtp: true, mongo: true } });
  afterEach(() => {
    t.proxies.redis?.restore();
    t.proxies.smtp?.restore();
    t.proxies.mongo?.restore();
  });

  async function heldSeat(seat: string) {
    const token = t.userToken({ email: uniqueEmail('faults') });
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const held = await t.hold(token, showId, [seat]).expect(201);
    return { token, holdId: held.body.holdId as string };
  }

  async function timedConfirm(token: string, holdId: string) {
    const started = Date.now();
    const res = await t.confirm(token, holdId, `key-${holdId}`);
    return { res, ms: Date.now() - started };
  }

  const readyz = () => request(t.app).get('/readyz');

  describe.each([
    ['cut (connections reset)', () => t.proxies.redis?.cut()],
    ['blackholed (connections accepted, nothing answered)', () => t.proxies.redis?.blackhole()],
  ])('with Redis %s', (_label, breakRedis) => {
    it('confirms within the bound, answers 200 for the stored booking, and emails once Redis is back', async () => {
      const { token, holdId } = await heldSeat('A1');
      breakRedis();

      const { res, ms } = await timedConfirm(token, holdId);

      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(BOUND_MS);
      expect((await t.models.Booking.findById(holdId).lean())?.status).toBe('confirmed');
      const owed = await waitFor(async () => (await t.mail.store.get(confirmationEmailKey(holdId))) ?? undefined, {
        description: 'the owed email to be recorded',
      });
      expect(owed.status).toBe('pending');
      const notReady = await readyz();
      expect(notReady.status).toBe(503);
      expect(notReady.body).toEqual({
        status: 'not ready',
        checks: { mongo: { status: 'up' }, redis: { status: 'down' } },
      });
      expect(t.received(holdId)).toEqual([]);

      t.proxies.redis?.restore();

      expect(await t.emailsOnceSettled(holdId)).toBe(1);
      await waitFor(async () => (await readyz()).status === 200, { description: 'readiness after Redis is back' });
      const next = await heldSeat('A2');
      const after = await timedConfirm(next.token, next.holdId);
      expect(after.res.status).toBe(200);
      expect(after.ms).toBeLessThan(BOUND_MS);
      expect(await t.emailsOnceSettled(next.holdId)).toBe(1);
    }, 60_000);
  });

  it('sends every confirmation owed during a mail server outage exactly once when it is back', async () => {
    t.proxies.smtp?.cut();
    const holds: string[] = [];
    for (const seat of ['B1', 'B2', 'B3', 'B4']) {
      const { token, holdId } = await heldSeat(seat);
      const { res, ms } = await timedConfirm(token, holdId);
      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(BOUND_MS);
      holds.push(holdId);
    }
    await waitFor(async () => ((await t.mail.store.get(confirmationEmailKey(holds[0] ?? '')))?.attempts ?? 0) >= 2, {
      description: 'a refused attempt',
    });

    t.proxies.smtp?.restore();

    const counts: number[] = [];
    for (const holdId of holds) counts.push(await t.emailsOnceSettled(holdId));
    expect(counts).toEqual([1, 1, 1, 1]);
  });

  it('answers 503 at once while MongoDB is cut, naming no driver detail, and confirms once it is back', async () => {
    const { token, holdId } = await heldSeat('C1');
    t.proxies.mongo?.cut();

    const { res, ms } = await timedConfirm(token, holdId);

    expect(ms).toBeLessThan(DATABASE_BOUND_MS);
    expect(expectProblem(res, 503).detail).toBe('A dependency is unavailable; try again shortly.');
    expect(JSON.stringify(res.body)).not.toMatch(/ECONN|Mongo|127\.0\.0\.1|timed out|socket/i);
    expect((await readyz()).body.checks).toEqual({ mongo: { status: 'down' }, redis: { status: 'up' } });

    t.proxies.mongo?.restore();

    const retried = await waitFor(
      async () => {
        const attempt = await timedConfirm(token, holdId);
        return attempt.res.status === 200 ? attempt : undefined;
      },
      { timeoutMs: 15_000, description: 'a confirm once MongoDB is back' },
    );
    expect(retried.ms).toBeLessThan(BOUND_MS);
    expect(await t.emailsOnceSettled(holdId)).toBe(1);
  });
});
