/**
 * How long anything may wait on Redis. ioredis's defaults wait for ever (no command timeout, 20
 * retries per request, reconnect back-off growing to 2 s; Bull's to 20 s): a request behind them
 * hangs for minutes when Redis is gone and again for seconds after it returns. These options bound
 * every wait and reconnect within a fraction of a second of Redis coming back.
 */
import type { RedisOptions } from 'ioredis';
import { z } from 'zod';

export interface RedisBounds {
  /** Longest wait for a connection to be established. */
  connectTimeoutMs: number;
  /** Longest a command waits for its answer, whether sent or held while reconnecting. */
  commandTimeoutMs: number;
  /** Reconnection attempts a pending command outlives before it fails. */
  maxRetriesPerRequest: number;
  /** Longest pause between reconnection attempts, so every client is back soon after Redis is. */
  reconnectMaxDelayMs: number;
  /** Hold commands while reconnecting (each still bounded by commandTimeoutMs) rather than fail at once. */
  offlineQueue: boolean;
}

export const DEFAULT_REDIS_BOUNDS: RedisBounds = {
  connectTimeoutMs: 1000,
  commandTimeoutMs: 1000,
  maxRetriesPerRequest: 1,
  reconnectMaxDelayMs: 500,
  offlineQueue: true,
};

/**
 * What a connection is for. Commands (the usual) get every bound. Bull's subscriber and blocking
 * connections may not have a retry limit or a ready check (Bull refuses them), and a command timeout
 * would break their long blocking reads; they are bounded by reconnecting quickly instead.
 */
export type RedisRole = 'command' | 'subscriber' | 'blocking';

export function reconnectDelay(bounds: RedisBounds): (attempt: number) => number {
  return (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), bounds.reconnectMaxDelayMs);
}

export function redisOptions(role: RedisRole, bounds: RedisBounds = DEFAULT_REDIS_BOUNDS): RedisOptions {
  const common: RedisOptions = {
    connectTimeout: bounds.connectTimeoutMs,
    retryStrategy: reconnectDelay(bounds),
    lazyConnect: false,
  };
  if (role !== 'command') {
    return { ...common, maxRetriesPerRequest: null, enableReadyCheck: false };
  }
  return {
    ...common,
    commandTimeout: bounds.commandTimeoutMs,
    maxRetriesPerRequest: bounds.maxRetriesPerRequest,
    enableOfflineQueue: bounds.offlineQueue,
    enableReadyCheck: true,
  };
}

/** Environment variables for a project's config schema; `boundsFromEnv` turns them into RedisBounds. */
export const redisBoundsEnvShape = {
  REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(1000),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(1000),
  REDIS_RECONNECT_MAX_DELAY_MS: z.coerce.number().int().positive().max(60_000).default(500),
};

export type RedisBoundsEnv = z.infer<z.ZodObject<typeof redisBoundsEnvShape>>;

export function boundsFromEnv(env: RedisBoundsEnv): RedisBounds {
  return {
    ...DEFAULT_REDIS_BOUNDS,
    connectTimeoutMs: env.REDIS_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    reconnectMaxDelayMs: env.REDIS_RECONNECT_MAX_DELAY_MS,
  };
}
