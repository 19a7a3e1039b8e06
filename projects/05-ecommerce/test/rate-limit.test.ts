/**
 * The shop's Redis rate limits through HTTP, on the real Redis behind a fault proxy: the limit and its
 * 429 problem, reads left uncounted, and a cut Redis, during which requests pass and each failed
 * count is a line of the service's logger (never the console), then counting again once Redis is back.
 */
import { createBaseApp, finishApp } from '@roadmap/core';
import {
  captureLogs,
  createTestRedis,
  expectProblem,
  startFaultProxy,
  targetOf,
  testServices,
  type FaultProxy,
  type TestRedis,
} from '@roadmap/testing';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { redisRateLimit } from '../src/platform/rate-limit.js';
import { createCacheRedis } from '../src/platform/runtime.js';

let testRedis: TestRedis;
let proxy: FaultProxy;
let redis: Redis;
const logs = captureLogs('rate-limit', 'warn');

beforeAll(async () => {
  testRedis = await createTestRedis('rate_limit');
  proxy = await startFaultProxy({ target: targetOf(testServices.redisUrl) });
  redis = createCacheRedis(proxy.url(testServices.redisUrl), logs.logger);
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
});

afterAll(async () => {
  redis.disconnect();
  await proxy.close();
  await testRedis.cleanup();
});

/** An app whose POST and GET /things are limited to `perMinute` writes by a limiter of its own name. */
function limitedApp(name: string, perMinute: number) {
  const app = createBaseApp({ logger: logs.logger });
  const skip = (req: { method: string }) => req.method === 'GET';
  app.use(redisRateLimit({ redis, prefix: testRedis.prefix, name, perMinute, logger: logs.logger, skip }));
  app.all('/things', (_req, res) => {
    res.status(204).end();
  });
  return finishApp(app);
}

const limiterLines = (name: string) => logs.lines.filter((line) => line.limiter === name);

it('answers 429 problem+json with Retry-After past the limit, and counts no reads', async () => {
  const app = limitedApp('limit', 3);
  for (let i = 0; i < 3; i += 1) {
    const res = await request(app).post('/things').expect(204);
    expect(res.headers.ratelimit).toMatch(new RegExp(`remaining=${2 - i}`));
  }
  await request(app).get('/things').expect(204);
  const refused = await request(app).post('/things');
  expectProblem(refused, 429);
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(await redis.keys(`${testRedis.prefix}rl:limit:*`)).toHaveLength(1);
});

it('lets requests through while Redis is cut, logging each failed count, and counts again after', async () => {
  const app = limitedApp('cut', 2);
  const consoleError = jest.spyOn(console, 'error');
  const closed = new Promise<void>((resolve) => redis.once('close', () => resolve()));
  proxy.cut();
  await closed;

  for (let i = 0; i < 4; i += 1) await request(app).post('/things').expect(204);
  const lines = limiterLines('cut');
  expect(lines).toHaveLength(4);
  for (const line of lines) {
    expect(line).toMatchObject({ component: 'rate-limit', level: 50 });
    expect(line.msg).toMatch(/error from store, allowing request without rate-limiting/);
    expect(line.err).toEqual(expect.objectContaining({ message: expect.any(String) }));
  }
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();

  const ready = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  proxy.restore();
  await ready;
  await request(app).post('/things').expect(204);
  await request(app).post('/things').expect(204);
  expectProblem(await request(app).post('/things'), 429);
  expect(limiterLines('cut')).toHaveLength(4);
});
