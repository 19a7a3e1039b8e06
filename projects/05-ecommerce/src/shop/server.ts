/**
 * The shop API process: config, PostgreSQL (schema shop), Redis, Bull, RabbitMQ, HTTP with Socket.io
 * (Redis adapter) and the admin page, graceful shutdown.
 */
import { createVerifierFromEnv } from '@roadmap/auth';
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import { closeQueue, closeRedisClient, redisReadiness } from '@roadmap/redis';
import { systemClock } from '../platform/clock.js';
import type { Consumer } from '../platform/messaging/broker.js';
import { startMessagingMaintenance } from '../platform/messaging/maintenance.js';
import {
  bullQueue,
  createCacheRedis,
  createMessaging,
  messagingSettings,
  openDatabase,
  openQueueRedis,
  serve,
} from '../platform/runtime.js';
import { createShopApp, createShopServices, demoLogins, type ShopDeps } from './app.js';
import { loadShopConfig } from './config.js';
import type { ShopDatabase } from './database.js';
import { EXPIRY_QUEUE, scheduleExpiry, startReservationExpiry, type ExpiryJob } from './jobs/reservation-expiry.js';
import { SHOP_PAYMENT_CONSUMER } from './modules/orders/index.js';
import { createRealtimeAdapter, createRealtimeGateway, realtimeEventsConsumer } from './modules/realtime/index.js';

startOrExit(async () => {
  const config = loadShopConfig();
  const logger = createLogger({ name: 'shop', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const clock = systemClock;
  const verifier = createVerifierFromEnv(config);

  const database = await openDatabase<ShopDatabase>(config, 'shop', logger);
  // Without Redis the catalog is served from PostgreSQL: the cache client never makes a request wait.
  const redis = createCacheRedis(config.REDIS_URL, logger);
  const queueRedis = openQueueRedis(config, logger, 'shop');
  const expiryQueue = bullQueue<ExpiryJob>(EXPIRY_QUEUE, config, queueRedis, logger);
  const maintenanceQueue = bullQueue<{ prune: true }>('shop-messaging-maintenance', config, queueRedis, logger);
  const policy = { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS };

  const consumers: Consumer[] = [];
  const realtime = createRealtimeAdapter(config.REDIS_URL, { key: `${config.REDIS_PREFIX}:socket.io`, logger });
  const messaging = createMessaging(messagingSettings(config), database.db, clock, logger, consumers);
  const deps: ShopDeps = {
    logger,
    db: database.db,
    redis,
    redisReady: redisReadiness(() => [redis, ...queueRedis.clients()]),
    verifier,
    outbox: messaging.outbox,
    clock,
    lifecycle,
    onOrderPlaced: scheduleExpiry(expiryQueue, clock, policy, logger),
    brokerConnected: () => messaging.broker.isConnected(),
    dashboard: {
      authPublicUrl: config.AUTH_PUBLIC_URL,
      authEdgePath: config.AUTH_EDGE_PATH,
      rabbitmqManagementUrl: config.RABBITMQ_MANAGEMENT_URL,
      // The seeded accounts exist where the seed ran: development (start.sh, docker compose).
      demoAccounts: config.NODE_ENV === 'production' ? [] : demoLogins(),
    },
    queues: [expiryQueue, maintenanceQueue],
    realtimeReady: realtime.readiness,
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
  };
  const services = createShopServices(deps);
  consumers.push({ name: SHOP_PAYMENT_CONSUMER, handle: (event) => services.paymentOutcomes.handle(event) });
  const io = createRealtimeGateway({ verifier, service: services.realtime, logger, adapter: realtime.adapter });
  consumers.push(realtimeEventsConsumer(io));
  // As readiness turns 503, every socket's transport is closed: its client reconnects on its own,
  // through the load balancer, to an instance that is not draining.
  const draining = {
    ...lifecycle,
    startDraining: () => {
      lifecycle.startDraining();
      io.engine.close();
    },
  };
  await messaging.start();
  const expiry = startReservationExpiry({
    queue: expiryQueue,
    orders: services.orders,
    sweepEveryMs: config.EXPIRY_SWEEP_SECONDS * 1000,
    logger,
  });
  await startMessagingMaintenance(maintenanceQueue, database.db, clock, logger);

  await serve(
    createShopApp(deps, services),
    config,
    logger,
    draining,
    [
      { name: 'postgres', stage: 'databases', close: () => database.close() },
      { name: 'redis cache', stage: 'redis', close: () => closeRedisClient(redis) },
      { name: 'redis queues', stage: 'redis', close: () => queueRedis.close() },
      { name: 'expiry sweep', stage: 'queues', close: () => expiry.close() },
      { name: 'expiry queue', stage: 'queues', close: () => closeQueue(expiryQueue) },
      { name: 'maintenance queue', stage: 'queues', close: () => closeQueue(maintenanceQueue) },
      { name: 'rabbitmq and outbox relay', stage: 'brokers', close: () => messaging.stop() },
      { name: 'socket.io', stage: 'sockets', close: () => io.close() },
      { name: 'socket.io redis', stage: 'redis', close: () => realtime.close() },
    ],
    (server) => io.attach(server),
  );
});
