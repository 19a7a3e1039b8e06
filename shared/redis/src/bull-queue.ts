/**
 * Bull queues on bounded Redis connections. One `QueueRedis` serves every queue of a process: one
 * shared command connection (`client`, also fine for the project's own commands), one shared
 * subscriber, and a blocking connection per queue that processes jobs, each with the options its
 * role allows. Its readiness check covers every one of them, so `/readyz` says ready exactly when
 * the queues can work again. `addJob` gives `queue.add()` a deadline.
 */
import { isDependencyUnavailable, withDeadline, type Logger, type ReadinessCheck } from '@roadmap/core';
import Bull, { type Job, type JobOptions, type Queue, type QueueOptions } from 'bull';
import type { Redis } from 'ioredis';
import { closeRedisClient, createRedisClient, redisReadiness } from './redis-client.js';
import { DEFAULT_REDIS_BOUNDS, type RedisBounds } from './redis-options.js';

export interface QueueRedis {
  /** The shared command connection (Bull's `client`); use it for the project's own commands too. */
  client: Redis;
  bounds: RedisBounds;
  /** Bull's `createClient` option; `openQueue` passes it. */
  createClient: NonNullable<QueueOptions['createClient']>;
  /** Every connection made so far. */
  clients(): readonly Redis[];
  readiness: ReadinessCheck;
  /** Closes every connection; close the queues first. */
  close(): Promise<void>;
}

export interface QueueRedisOptions {
  logger: Logger;
  bounds?: Partial<RedisBounds>;
  /** Names this process's connections in logs, e.g. 'blog'. */
  name?: string;
}

export function createQueueRedis(
  url: string,
  { logger, bounds: partial, name = 'queues' }: QueueRedisOptions,
): QueueRedis {
  const bounds = { ...DEFAULT_REDIS_BOUNDS, ...partial };
  const client = createRedisClient(url, { name: `${name}/client`, logger, bounds });
  const all: Redis[] = [client];
  let subscriber: Redis | undefined;
  let blocking = 0;
  const createClient = (type: 'client' | 'subscriber' | 'bclient'): Redis => {
    if (type === 'client') return client;
    if (type === 'subscriber') {
      subscriber ??= createRedisClient(url, { name: `${name}/subscriber`, logger, bounds, role: 'subscriber' });
      if (!all.includes(subscriber)) all.push(subscriber);
      return subscriber;
    }
    blocking += 1;
    const bclient = createRedisClient(url, { name: `${name}/bclient-${blocking}`, logger, bounds, role: 'blocking' });
    all.push(bclient);
    return bclient;
  };
  return {
    client,
    bounds,
    createClient,
    clients: () => all,
    readiness: redisReadiness(() => all),
    async close() {
      await Promise.all(all.map(closeRedisClient));
    },
  };
}

export interface OpenQueueOptions {
  redis: QueueRedis;
  /** Key prefix (tests pass their isolated one). */
  prefix: string;
  logger: Logger;
  settings?: QueueOptions['settings'];
  defaultJobOptions?: JobOptions;
}

/** A Bull queue on the shared bounded connections, with its errors logged rather than thrown. */
export function openQueue<T>(
  name: string,
  { redis, prefix, logger, settings, defaultJobOptions }: OpenQueueOptions,
): Queue<T> {
  const queue = new Bull<T>(name, {
    prefix,
    createClient: redis.createClient,
    ...(settings ? { settings } : {}),
    ...(defaultJobOptions ? { defaultJobOptions } : {}),
  });
  // Connection errors are logged once per outage by the clients themselves; log the rest here.
  queue.on('error', (err: Error) => {
    if (!isDependencyUnavailable(err) && !('syscall' in err)) logger.warn({ err, queue: name }, 'queue error');
  });
  return queue;
}

/** The default deadline of `addJob`: the default command timeout plus a little. */
export const DEFAULT_ADD_TIMEOUT_MS = 1500;

/**
 * `queue.add()` that fails with a DependencyTimeoutError (a 503 through the global handler) instead
 * of waiting past `timeoutMs`. Give the job a fixed `jobId` so a late add that still lands is not a
 * second job.
 */
export function addJob<T>(
  queue: Queue<T>,
  data: T,
  options: JobOptions & { timeoutMs?: number } = {},
): Promise<Job<T>> {
  const { timeoutMs = DEFAULT_ADD_TIMEOUT_MS, ...jobOptions } = options;
  return withDeadline(queue.add(data, jobOptions), timeoutMs, 'redis');
}

/** Closes a queue within `timeoutMs`, not waiting for running jobs past that. */
export async function closeQueue<T>(queue: Queue<T>, timeoutMs = 5000): Promise<void> {
  try {
    await withDeadline(queue.close(), timeoutMs, 'redis');
  } catch {
    await queue.close(true).catch(() => undefined);
  }
}
