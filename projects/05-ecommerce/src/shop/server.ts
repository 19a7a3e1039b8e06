/**
 * The shop API process: config, PostgreSQL (schema shop), Redis, Bull, RabbitMQ, HTTP with Socket.io
 * (Redis adapter) and the admin page, graceful shutdown. Opens the connections and runs the process
 * that process.ts puts together.
 */
import { createVerifierFromEnv } from '@roadmap/auth';
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import { closeRedisClient } from '@roadmap/redis';
import { createCacheRedis, messagingSettings, openDatabase, openQueueRedis, serve } from '../platform/runtime.js';
import { demoLogins } from './app.js';
import { loadShopConfig } from './config.js';
import type { ShopDatabase } from './database.js';
import { createRealtimeAdapter } from './modules/realtime/index.js';
import { createShopProcess } from './process.js';

startOrExit(async () => {
  const config = loadShopConfig();
  const logger = createLogger({ name: 'shop', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();

  const database = await openDatabase<ShopDatabase>(config, 'shop', logger);
  // Without Redis the catalog is served from PostgreSQL: the cache client never makes a request wait.
  const redis = createCacheRedis(config.REDIS_URL, logger);
  const queueRedis = openQueueRedis(config, logger, 'shop');
  const realtime = createRealtimeAdapter(config.REDIS_URL, { key: `${config.REDIS_PREFIX}:socket.io`, logger });

  const shop = createShopProcess(
    {
      logger,
      db: database.db,
      redis,
      messaging: messagingSettings(config),
      queues: { redis: queueRedis, prefix: `${config.REDIS_PREFIX}:bull` },
      realtime,
    },
    {
      verifier: createVerifierFromEnv(config),
      lifecycle,
      dashboard: {
        authPublicUrl: config.AUTH_PUBLIC_URL,
        authEdgePath: config.AUTH_EDGE_PATH,
        rabbitmqManagementUrl: config.RABBITMQ_MANAGEMENT_URL,
        // The seeded accounts exist where the seed ran: development (start.sh, docker compose).
        demoAccounts: config.NODE_ENV === 'production' ? [] : demoLogins(),
      },
      jobs: {
        attempts: config.JOB_ATTEMPTS,
        backoffMs: config.JOB_BACKOFF_MS,
        expirySweepMs: config.EXPIRY_SWEEP_SECONDS * 1000,
      },
      settings: {
        cartTokenSecret: config.CART_TOKEN_SECRET,
        reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
        lowStockThreshold: config.LOW_STOCK_THRESHOLD,
        cacheTtlSeconds: config.CATALOG_CACHE_TTL_SECONDS,
        paymentsUrl: config.PAYMENTS_PUBLIC_URL,
        paymentsEdgePath: config.PAYMENTS_EDGE_PATH,
        redisPrefix: `${config.REDIS_PREFIX}:shop:`,
        rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
        checkoutRateLimitPerMinute: config.CHECKOUT_RATE_LIMIT_PER_MINUTE,
        trustProxy: config.TRUST_PROXY,
      },
    },
  );
  await shop.start();

  await serve(
    shop.app,
    config,
    logger,
    shop.lifecycle ?? lifecycle,
    [
      ...shop.closers,
      { name: 'postgres', stage: 'databases', close: () => database.close() },
      { name: 'redis cache', stage: 'redis', close: () => closeRedisClient(redis) },
      { name: 'redis queues', stage: 'redis', close: () => queueRedis.close() },
    ],
    (server) => shop.onServer(server),
  );
});
