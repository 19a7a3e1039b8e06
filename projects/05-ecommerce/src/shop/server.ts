/** The shop API process: config, PostgreSQL (schema shop), Redis, Bull, RabbitMQ, HTTP, graceful shutdown. */
import { createVerifierFromEnv } from '@roadmap/auth';
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import { systemClock } from '../platform/clock.js';
import type { Consumer } from '../platform/messaging/broker.js';
import { startMessagingMaintenance } from '../platform/messaging/maintenance.js';
import { createCacheRedis } from '../platform/redis.js';
import { bullQueue, createMessaging, messagingSettings, openDatabase, serve } from '../platform/runtime.js';
import { createShopApp, createShopServices, type ShopDeps } from './app.js';
import { loadShopConfig } from './config.js';
import type { ShopDatabase } from './database.js';
import { EXPIRY_QUEUE, scheduleExpiry, startReservationExpiry, type ExpiryJob } from './jobs/reservation-expiry.js';
import { SHOP_PAYMENT_CONSUMER } from './modules/orders/index.js';

startOrExit(async () => {
  const config = loadShopConfig();
  const logger = createLogger({ name: 'shop', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const clock = systemClock;

  const database = await openDatabase<ShopDatabase>(config, 'shop', logger);
  const redis = createCacheRedis({ url: config.REDIS_URL });
  await redis
    .connect()
    .catch((err: unknown) => logger.warn({ err }, 'redis unavailable at start; serving without cache'));
  const expiryQueue = bullQueue<ExpiryJob>(EXPIRY_QUEUE, config);
  const maintenanceQueue = bullQueue<{ prune: true }>('shop-messaging-maintenance', config);
  const policy = { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS };

  const consumers: Consumer[] = [];
  const messaging = createMessaging(messagingSettings(config), database.db, clock, logger, consumers);
  const deps: ShopDeps = {
    logger,
    db: database.db,
    redis,
    verifier: createVerifierFromEnv(config),
    outbox: messaging.outbox,
    clock,
    lifecycle,
    onOrderPlaced: scheduleExpiry(expiryQueue, clock, policy, logger),
    brokerConnected: () => messaging.broker.isConnected(),
    settings: {
      cartTokenSecret: config.CART_TOKEN_SECRET,
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      lowStockThreshold: config.LOW_STOCK_THRESHOLD,
      cacheTtlSeconds: config.CATALOG_CACHE_TTL_SECONDS,
      paymentsUrl: config.PAYMENTS_PUBLIC_URL,
      redisPrefix: `${config.REDIS_PREFIX}:shop:`,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      checkoutRateLimitPerMinute: config.CHECKOUT_RATE_LIMIT_PER_MINUTE,
    },
  };
  const services = createShopServices(deps);
  consumers.push({ name: SHOP_PAYMENT_CONSUMER, handle: (event) => services.paymentOutcomes.handle(event) });
  await messaging.start();
  await startReservationExpiry(expiryQueue, services.orders, config.EXPIRY_SWEEP_SECONDS * 1000);
  await startMessagingMaintenance(maintenanceQueue, database.db, clock, logger);

  await serve(createShopApp(deps, services), config, logger, lifecycle, [
    { name: 'postgres', stage: 'databases', close: () => database.close() },
    { name: 'redis', stage: 'redis', close: () => redis.quit() },
    { name: 'expiry queue', stage: 'queues', close: () => expiryQueue.close() },
    { name: 'maintenance queue', stage: 'queues', close: () => maintenanceQueue.close() },
    { name: 'rabbitmq and outbox relay', stage: 'brokers', close: () => messaging.stop() },
  ]);
});
