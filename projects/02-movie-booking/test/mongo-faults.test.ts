/**
 * MongoDB that stops answering (blackholed through the fault proxy: connections accepted, nothing
 * answered) or is cut: every request answers 503 problem+json with Retry-After within the bound
 * (MONGO_TIMEOUT_MS, about 2 s), not after the driver's default waits of 20 s and more, and the
 * service serves again once MongoDB is back.
 */
import { expectProblem, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { movieInput } from './factories.js';
import { useBookingHarness } from './harness.js';

/** connectMongo's default bound is 2 s; its worst case by construction is 2.5 s (see mongoBounds). */
const BOUND_MS = 3000;

describe('with MongoDB not answering', () => {
  const t = useBookingHarness('booking_mongo_faults', { faults: { mongo: true } });
  afterEach(() => t.proxies.mongo?.restore());

  async function timed(call: () => request.Test) {
    const started = Date.now();
    const res = await call();
    return { res, ms: Date.now() - started };
  }

  const listMovies = () => request(t.app).get('/api/v1/movies');
  const createMovie = () =>
    request(t.app).post('/api/v1/movies').set('Authorization', `Bearer ${t.adminToken}`).send(movieInput());

  it.each([
    ['blackholed', () => t.proxies.mongo?.blackhole()],
    ['cut', () => t.proxies.mongo?.cut()],
  ])(
    'answers reads and writes 503 within the bound while %s, and serves again once it is back',
    async (_label, fault) => {
      await listMovies().expect(200);
      fault();

      const [read, write] = await Promise.all([timed(listMovies), timed(createMovie)]);
      const later = await timed(listMovies);

      for (const { res, ms } of [read, write, later]) {
        expect(expectProblem(res, 503).detail).toBe('A dependency is unavailable; try again shortly.');
        expect(res.headers['retry-after']).toBe('2');
        expect(ms).toBeLessThan(BOUND_MS);
      }
      expect((await request(t.app).get('/readyz')).body.checks.mongo).toEqual({ status: 'down' });

      t.proxies.mongo?.restore();

      await waitFor(async () => (await listMovies()).status === 200, { description: 'movies once MongoDB is back' });
      await createMovie().expect(201);
    },
    30_000,
  );
});
