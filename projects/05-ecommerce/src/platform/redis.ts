/**
 * Redis clients with bounded waits (ioredis 5, the major Bull 4 uses). The cache and rate-limit
 * client fails fast while disconnected instead of queueing, so a Redis outage costs a request
 * nothing but the fallback to PostgreSQL. Bull gets its own clients through `bullRedisOptions`.
 */
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisSettings {
  url: string;
  /** Longest wait for one command, in ms. */
  commandTimeoutMs?: number;
}

export function createCacheRedis({ url, commandTimeoutMs = 500 }: RedisSettings): Redis {
  const client = new Redis(url, {
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Connection errors are expected during an outage; readiness reports them.
  client.on('error', () => undefined);
  return client;
}

/**
 * Options for Bull's three clients: the blocking subscriber must not have per-request retries,
 * the others get a connect timeout. Queue adds are bounded separately (see `addWithDeadline`).
 */
export function bullRedisOptions(url: string): { createClient: (type: string) => Redis } {
  const base: RedisOptions = { connectTimeout: 2_000, maxRetriesPerRequest: null, enableReadyCheck: false };
  return {
    createClient: () => {
      const client = new Redis(url, base);
      client.on('error', () => undefined);
      return client;
    },
  };
}

/** Readiness: a PING within the command timeout. */
export function redisReadiness(client: Redis): () => Promise<unknown> {
  return async () => {
    if (client.status === 'wait') await client.connect();
    return client.ping();
  };
}
