/** What each process does at start: open its schema (migrating it in development), its queues, its broker. */
import { runServer, type Closer, type Logger, type MutableLifecycle } from '@roadmap/core';
import {
  boundsFromEnv,
  createQueueRedis,
  createRedisClient,
  openQueue,
  type QueueRedis,
  type RedisBoundsEnv,
} from '@roadmap/redis';
import type Bull from 'bull';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import type { z } from 'zod';
import type { Clock } from './clock.js';
import { migrateOnStart, type infrastructureEnvShape } from './config.js';
import { createDatabase, poolOf, type Database } from './database.js';
import { Broker, type BrokerOptions, type Consumer } from './messaging/broker.js';
import { OutboxListener } from './messaging/outbox-listener.js';
import { Outbox, OutboxRelay } from './messaging/outbox.js';
import { migrateSchema } from './migrations.js';

type InfrastructureEnv = z.output<z.ZodObject<typeof infrastructureEnvShape>> & { NODE_ENV: string };

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';

function pgCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/**
 * Creates the database named in `url` if it does not exist (a fresh local or compose server). A
 * database that exists is left alone without touching the server's admin database, which a hosted
 * PostgreSQL may not open to the app's user; two processes creating it at once are both fine.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return;
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await probe.connect();
    return;
  } catch (err) {
    if (pgCode(err) !== INVALID_CATALOG_NAME) throw err;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    if (pgCode(err) !== DUPLICATE_DATABASE && pgCode(err) !== '23505') throw err;
  } finally {
    await client.end();
  }
}

/**
 * The service's pool, with the bounded waits of DATABASE_*_TIMEOUT_MS. Migrations, which may
 * legitimately run long, go through a pool of their own without the query deadline, closed after.
 */
export async function openDatabase<DB>(env: InfrastructureEnv, schema: string, logger: Logger): Promise<Database<DB>> {
  if (migrateOnStart(env)) {
    await ensureDatabase(env.DATABASE_URL);
    const migrations = createDatabase<DB>({ url: env.DATABASE_URL, schema, queryTimeoutMs: 0, logger });
    try {
      const outcome = await migrateSchema(migrations.db, schema);
      logger.info(outcome, 'migrations applied');
    } finally {
      await migrations.close();
    }
  }
  return createDatabase<DB>({
    url: env.DATABASE_URL,
    schema,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    logger,
  });
}

/** The bounded Redis connections every Bull queue of the process shares (@roadmap/redis). */
export function openQueueRedis(
  env: Pick<InfrastructureEnv, 'REDIS_URL' | keyof RedisBoundsEnv>,
  logger: Logger,
  name: string,
): QueueRedis {
  return createQueueRedis(env.REDIS_URL, { logger, name, bounds: boundsFromEnv(env) });
}

/** A Bull queue under `<REDIS_PREFIX>:bull`, on the process's shared queue connections. */
export function bullQueue<T>(
  name: string,
  env: Pick<InfrastructureEnv, 'REDIS_PREFIX'>,
  redis: QueueRedis,
  logger: Logger,
): Bull.Queue<T> {
  return openQueue<T>(name, { redis, prefix: `${env.REDIS_PREFIX}:bull`, logger });
}

/**
 * The client of the catalog cache and the rate limits: while Redis is down a command fails at once
 * (no offline queue, no retry, 500 ms at most), so a request loses nothing but its fallback's time.
 */
export function createCacheRedis(url: string, logger: Logger): Redis {
  return createRedisClient(url, {
    name: 'cache',
    logger,
    bounds: { commandTimeoutMs: 500, maxRetriesPerRequest: 0, offlineQueue: false },
  });
}

export interface Messaging<DB> {
  broker: Broker;
  outbox: Outbox;
  relay: OutboxRelay<DB>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface MessagingSettings {
  url: string;
  exchange: string;
  queuePrefix: string;
  pollMs: number;
}

export function messagingSettings(env: InfrastructureEnv): MessagingSettings {
  return {
    url: env.AMQP_URL,
    exchange: env.AMQP_EXCHANGE,
    queuePrefix: env.AMQP_QUEUE_PREFIX,
    pollMs: env.OUTBOX_POLL_MS,
  };
}

/** The broker with this process's consumers, the outbox and its relay, wired together. */
export function createMessaging<DB>(
  settings: MessagingSettings,
  db: Database<DB>['db'],
  clock: Clock,
  logger: Logger,
  consumers: Consumer[],
  brokerOptions: Partial<BrokerOptions> = {},
): Messaging<DB> {
  const broker = new Broker({
    url: settings.url,
    exchange: settings.exchange,
    queuePrefix: settings.queuePrefix,
    logger: logger.child({ component: 'rabbitmq' }),
    consumers,
    ...brokerOptions,
  });
  const outbox = new Outbox(clock);
  const relay = new OutboxRelay({ db, broker, logger: logger.child({ component: 'outbox' }), pollMs: settings.pollMs });
  outbox.attach(relay);
  // Commits in any process wake the relay through LISTEN/NOTIFY; the poll is the safety net.
  const pool = poolOf(db);
  const listener = pool
    ? new OutboxListener({
        connection: pool.options,
        logger: logger.child({ component: 'outbox-listener' }),
        onWake: () => relay.wake(),
      })
    : undefined;
  return {
    broker,
    outbox,
    relay,
    async start() {
      await broker.start();
      relay.start();
      listener?.start();
    },
    async stop() {
      await listener?.stop();
      await relay.stop();
      await broker.close();
    },
  };
}

/**
 * Listens on the process's HOST and PORT and, on SIGTERM, drains and closes `closers` stage by stage
 * (sockets, queues, brokers, mail, Redis, databases). `onServer` attaches more to the HTTP server
 * (Socket.io) before it listens.
 */
export function serve(
  app: Express,
  env: { HOST: string; PORT: number; SHUTDOWN_GRACE_SECONDS: number; SHUTDOWN_DRAIN_SECONDS: number },
  logger: Logger,
  lifecycle: MutableLifecycle,
  closers: Closer[],
  onServer?: (server: Server) => void,
) {
  return runServer({
    app,
    host: env.HOST,
    port: env.PORT,
    logger,
    lifecycle,
    graceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    drainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
    closers,
    ...(onServer ? { onServer } : {}),
  });
}
