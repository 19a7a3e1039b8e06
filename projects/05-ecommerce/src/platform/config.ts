/** Environment variables the three processes share (each process adds its own in its config.ts). */
import { passwordlessDatabaseUrl } from '@roadmap/core';
import { redisBoundsEnvShape } from '@roadmap/redis';
import { z } from 'zod';

export const infrastructureEnvShape = {
  /** The one database; each service keeps to its own schema in it. */
  DATABASE_URL: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/ecommerce'),
  /**
   * Bounded waits on PostgreSQL, so a request answers 503 soon after the database is lost or falls
   * silent: for a connection (a free one, or a new one's handshake), and for each query's answer.
   */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  /** Bounded waits on the queue connections (the cache client has tighter ones of its own). */
  ...redisBoundsEnvShape,
  /** Prefix of every Redis key (cache, rate limits, Bull queues). */
  REDIS_PREFIX: z.string().min(1).default('ecommerce'),
  AMQP_URL: z.string().min(1).default('amqp://guest:guest@127.0.0.1:5672'),
  AMQP_EXCHANGE: z.string().min(1).default('ecommerce.events'),
  /** Prepended to every queue name (isolates test runs on a shared broker). */
  AMQP_QUEUE_PREFIX: z.string().default(''),
  /** Apply pending migrations at start; defaults to on outside production (`pnpm migrate` otherwise). */
  MIGRATE_ON_START: z.enum(['true', 'false']).optional(),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** Retries of every Bull job, with exponential backoff from JOB_BACKOFF_MS. */
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
};

/** Production refuses a DATABASE_URL without a password (the development default trusts every client). */
export const databaseRefusal = passwordlessDatabaseUrl('DATABASE_URL');

/**
 * A secret with a public development value; pair it with `developmentSecret(name, value)` from
 * @roadmap/core in the schema's refusals, so production must set its own.
 */
export function secret(name: string, developmentValue: string) {
  return z.string().min(32, `${name} must be at least 32 characters`).default(developmentValue);
}

export function migrateOnStart(env: { NODE_ENV: string; MIGRATE_ON_START?: 'true' | 'false' | undefined }): boolean {
  return env.MIGRATE_ON_START === undefined ? env.NODE_ENV !== 'production' : env.MIGRATE_ON_START === 'true';
}
