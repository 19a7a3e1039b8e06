/**
 * Bounded Redis against the real Redis through a fault proxy: with Redis cut or blackholed no call
 * waits past its bound, readiness fails, and once Redis is back readiness and the queue agree: when
 * `/readyz` would say ready, a queue add succeeds at once, and jobs are processed again.
 */
import { isDependencyUnavailable } from '@roadmap/core';
import {
  createTestRedis,
  startFaultProxy,
  testLogger,
  testServices,
  waitFor,
  type FaultProxy,
  type TestRedis,
} from '@roadmap/testing';
import type { Queue } from 'bull';
import { addJob, closeQueue, createQueueRedis, openQueue, type QueueRedis } from '../src/bull-queue.js';

const BOUND_MS = 1500;
/** Slack for a 2-core machine shared with other suites; far below ioredis's default minutes. */
const SLACK_MS = 700;

async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; outcome: T | Error }> {
  const started = Date.now();
  try {
    const outcome = await call();
    return { ms: Date.now() - started, outcome };
  } catch (err) {
    return { ms: Date.now() - started, outcome: err as Error };
  }
}

describe('bounded Redis and Bull through a fault proxy', () => {
  let isolated: TestRedis;
  let proxy: FaultProxy;
  let redis: QueueRedis;
  let queue: Queue<{ n: number }>;
  const processed: number[] = [];

  beforeAll(async () => {
    isolated = await createTestRedis('bounded');
    const target = new URL(testServices.redisUrl);
    proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port || 6379) } });
    redis = createQueueRedis(proxy.url(testServices.redisUrl), { logger: testLogger('bounded-redis') });
    queue = openQueue<{ n: number }>('bounded', {
      redis,
      prefix: isolated.prefix,
      logger: testLogger('bounded-redis'),
    });
    void queue.process(async (job) => {
      processed.push(job.data.n);
    });
    await addJob(queue, { n: 0 }, { jobId: 'warm-up' });
    await waitFor(() => processed.includes(0), { description: 'the warm-up job' });
  });

  afterAll(async () => {
    await closeQueue(queue, 2000);
    await redis.close();
    await proxy.close();
    await isolated.cleanup();
  });

  it.each([
    ['cut', (p: FaultProxy) => p.cut()],
    ['blackholed', (p: FaultProxy) => p.blackhole()],
  ])(
    'fails every add and readiness within the bound while Redis is %s, and recovers promptly',
    async (_fault, inject) => {
      inject(proxy);
      const during = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          timed(() => addJob(queue, { n: 100 + i }, { jobId: `${_fault}-down-${i}`, timeoutMs: BOUND_MS })),
        ),
      );
      const readiness = await timed(() => redis.readiness());
      const command = await timed(() => redis.client.get(`${isolated.prefix}probe`));

      for (const call of [...during, readiness, command]) {
        expect(call.outcome).toBeInstanceOf(Error);
        expect(call.ms).toBeLessThan(BOUND_MS + SLACK_MS);
      }
      expect(during.every((call) => isDependencyUnavailable(call.outcome))).toBe(true);

      proxy.restore();
      const restoredAt = Date.now();
      await waitFor(() => redis.readiness().then(() => true), {
        timeoutMs: 5000,
        intervalMs: 50,
        description: 'readiness',
      });
      const readyAfterMs = Date.now() - restoredAt;
      const add = await timed(() => addJob(queue, { n: 200 }, { jobId: `${_fault}-back`, timeoutMs: BOUND_MS }));

      expect(readyAfterMs).toBeLessThan(2000);
      expect(add.outcome).not.toBeInstanceOf(Error);
      expect(add.ms).toBeLessThan(BOUND_MS);
      await waitFor(() => processed.filter((n) => n === 200).length > 0, {
        timeoutMs: 5000,
        description: 'the job added after the outage',
      });
      processed.splice(0);
    },
    20_000,
  );
});
