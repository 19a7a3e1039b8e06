/**
 * MongoDB that stops answering (blackholed through the fault proxy: connections accepted, nothing
 * answered) or is cut: reads and writes answer 503 problem+json with Retry-After within the bound
 * (MONGO_TIMEOUT_MS, about 2 s), and the service serves again once MongoDB is back.
 */
import { expectProblem, uniqueEmail, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { PASSWORD, useAuthHarness } from './harness.js';

/** connectMongo's default bound is 2 s; its worst case by construction is 2.5 s (see mongoBounds). */
const BOUND_MS = 3000;

describe('with MongoDB not answering', () => {
  const h = useAuthHarness('auth_mongo_faults', { faults: { mongo: true } });
  afterEach(() => h.proxies.mongo?.restore());

  async function timed(call: () => request.Test) {
    const started = Date.now();
    const res = await call();
    return { res, ms: Date.now() - started };
  }

  const profile = () => request(h.app).get('/api/v1/profiles/nobody-here');
  const register = () =>
    request(h.app)
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail('outage'), password: PASSWORD, name: 'X' });

  it.each([
    ['blackholed', () => h.proxies.mongo?.blackhole()],
    ['cut', () => h.proxies.mongo?.cut()],
  ])(
    'answers reads and writes 503 within the bound while %s, and serves again once it is back',
    async (_label, fault) => {
      await profile().expect(404);
      fault();

      const [read, write] = await Promise.all([timed(profile), timed(register)]);
      const later = await timed(profile);

      for (const { res, ms } of [read, write, later]) {
        expectProblem(res, 503);
        expect(res.headers['retry-after']).toBe('2');
        expect(ms).toBeLessThan(BOUND_MS);
      }

      h.proxies.mongo?.restore();

      await waitFor(async () => (await profile()).status === 404, { description: 'profiles once MongoDB is back' });
      await register().expect(201);
    },
    30_000,
  );
});
