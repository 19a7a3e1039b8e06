/**
 * MongoDB that stops answering (blackholed through the fault proxy: connections accepted, nothing
 * answered) or is cut: reads and writes answer 503 problem+json with Retry-After within the bound
 * (MONGO_TIMEOUT_MS, about 2 s), and the service serves again once MongoDB is back.
 */
import { expectProblem, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { makeUser } from './fixtures.js';
import { useBlogHarness } from './harness.js';

/** connectMongo's default bound is 2 s; its worst case by construction is 2.5 s (see mongoBounds). */
const BOUND_MS = 3000;

describe('with MongoDB not answering', () => {
  const h = useBlogHarness('blog-mongo-faults', { faults: { mongo: true } });
  afterEach(() => h.proxies.mongo?.restore());

  async function timed(call: () => request.Test) {
    const started = Date.now();
    const res = await call();
    return { res, ms: Date.now() - started };
  }

  const listPosts = () => request(h.app).get('/api/v1/posts');
  const createPost = () =>
    request(h.app).post('/api/v1/posts').set(makeUser(h.issuer).header).send({ title: 'Written in an outage' });

  it.each([
    ['blackholed', () => h.proxies.mongo?.blackhole()],
    ['cut', () => h.proxies.mongo?.cut()],
  ])(
    'answers reads and writes 503 within the bound while %s, and serves again once it is back',
    async (_label, fault) => {
      await listPosts().expect(200);
      fault();

      const [read, write] = await Promise.all([timed(listPosts), timed(createPost)]);
      const later = await timed(listPosts);

      for (const { res, ms } of [read, write, later]) {
        expectProblem(res, 503);
        expect(res.headers['retry-after']).toBe('2');
        expect(ms).toBeLessThan(BOUND_MS);
      }

      h.proxies.mongo?.restore();

      await waitFor(async () => (await listPosts()).status === 200, { description: 'posts once MongoDB is back' });
      await createPost().expect(201);
    },
    30_000,
  );
});
