/**
 * The three processes of the project, built in the test process from the shared harness's context
 * (@roadmap/testing): a PostgreSQL database of the file's own (schemas shop, payments, notifications
 * migrated in it), its Redis prefix, an exchange and queue prefix on the shared RabbitMQ, and its SMTP
 * sink. The broker connections, and the shop's database, can go through the harness's fault proxies,
 * to cut RabbitMQ or PostgreSQL without touching the shared servers. Everything is closed by the
 * harness's clean-up, the app's closers first.
 */
import { type AccessTokenVerifier } from '@roadmap/auth';
import { createTestIssuer, type TestIssuer } from '@roadmap/auth/testing';
import { closeInOrder, type TrustProxy } from '@roadmap/core';
import { closeRedisClient, createQueueRedis, type QueueRedis } from '@roadmap/redis';
import {
  isolatedName,
  listen,
  testServices,
  type FaultProxy,
  type SmtpSink,
  type TestContext,
  type TestRedis,
} from '@roadmap/testing';
import { connect } from 'amqplib';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { DomainEvent } from '../../src/contracts/events.js';
import type { NotificationsDatabase } from '../../src/notifications/database.js';
import { createNotificationsProcess, type NotificationsProcess } from '../../src/notifications/process.js';
import type { PaymentsDatabase } from '../../src/payments/database.js';
import { WEBHOOK_PATH } from '../../src/payments/modules/webhooks/index.js';
import { createPaymentsOpenApiDocument } from '../../src/payments/openapi.js';
import { createPaymentsProcess, type PaymentsProcess } from '../../src/payments/process.js';
import type { FakeProvider } from '../../src/payments/providers/fake-provider.js';
import { createDatabase, type Database } from '../../src/platform/database.js';
import { deleteTopology } from '../../src/platform/messaging/topology.js';
import { migrateSchema } from '../../src/platform/migrations.js';
import { createCacheRedis } from '../../src/platform/runtime.js';
import type { ShopDeps } from '../../src/shop/app.js';
import type { ShopDatabase } from '../../src/shop/database.js';
import { createRealtimeAdapter } from '../../src/shop/modules/realtime/index.js';
import { createShopProcess, type ShopProcess } from '../../src/shop/process.js';
import type { LiveShop } from './live-shop.js';

export const WEBHOOK_SECRET = 'whsec_test_secret_for_the_e-commerce_suite_0001';

export interface StackOptions {
  /** Route every broker connection through a fault proxy the test can cut. */
  brokerProxy?: boolean;
  /** Route the shop's PostgreSQL pool (only the shop's) through a fault proxy (`stack.shopDatabaseProxy`). */
  shopDatabaseProxy?: boolean;
  reservationTtlSeconds?: number;
  /** Called by a service's consumer after its effect committed, before the ack (crash tests, latency). */
  beforeAck?: (service: 'shop' | 'payments' | 'notifications', event: DomainEvent) => Promise<void>;
  outboxPollMs?: number;
  /** Start the fake provider's webhook delivery (tests of webhooks themselves send their own). */
  deliverWebhooks?: boolean;
  /** Serve Socket.io from a listening shop instance, fed by its RabbitMQ consumer (stack.live). */
  realtime?: boolean;
  /** How the shop checks access tokens; the stack's own test issuer by default. */
  verifier?: AccessTokenVerifier;
  /** The shop and payments behind a proxy (the edge) whose X-Forwarded-* headers they believe. */
  trustProxy?: TrustProxy;
  /** Where the admin page finds the auth service. */
  dashboard?: ShopDeps['dashboard'];
}

export interface Stack {
  /** The shop API, checked against its OpenAPI document (the harness's main app). */
  app: Express;
  issuer: TestIssuer;
  /** Each process as its composition root built it, with the connections the stack opened for it. */
  shop: ShopProcess & { database: Database<ShopDatabase>; redis: Redis };
  payments: PaymentsProcess & { database: Database<PaymentsDatabase>; fake: FakeProvider; url: string };
  notifications: NotificationsProcess & { database: Database<NotificationsDatabase> };
  /** The listening shop instance with Socket.io, when the stack was built with `realtime`. */
  live: LiveShop | undefined;
  smtp: SmtpSink;
  redis: TestRedis;
  /** Bull's connections for every queue of the stack (and what tests open beside them). */
  queueRedis: QueueRedis;
  proxy: FaultProxy | undefined;
  /** In front of the shop's database, when the stack was built with `shopDatabaseProxy`. */
  shopDatabaseProxy: FaultProxy | undefined;
  exchange: string;
  queuePrefix: string;
}

const POLICY = { attempts: 5, backoffMs: 50 };

async function migrated<DB>(ctx: TestContext, url: string, schema: string): Promise<Database<DB>> {
  // Hundreds of requests at once queue for ten connections here (the race tests), on a machine that
  // other suites share: wide waits keep them queueing. The production bounds are tested on the real
  // processes (database-outage.test.ts).
  const database = createDatabase<DB>({
    url,
    schema,
    maxConnections: 10,
    connectTimeoutMs: 30_000,
    queryTimeoutMs: 30_000,
  });
  await migrateSchema(database.db, schema);
  ctx.onCleanup(() => database.close());
  return database;
}

/** The broker's endpoint and the topology names of this test file, removed at clean-up. */
async function isolatedBroker(ctx: TestContext, options: StackOptions) {
  const exchange = `${isolatedName(ctx.name)}.ecommerce.events`;
  const queuePrefix = `${exchange}.`;
  ctx.onCleanup(async () => {
    const connection = await connect(testServices.amqpUrl);
    await deleteTopology(await connection.createChannel(), { exchange, queuePrefix });
    await connection.close();
  });
  const proxy = options.brokerProxy ? await ctx.faultProxy('amqp') : undefined;
  return {
    exchange,
    queuePrefix,
    proxy,
    settings: {
      url: proxy ? proxy.url(testServices.amqpUrl) : testServices.amqpUrl,
      exchange,
      queuePrefix,
      pollMs: options.outboxPollMs ?? 100,
    },
  };
}

export async function buildStack(ctx: TestContext, options: StackOptions = {}): Promise<Stack> {
  const { logger, clock } = ctx;
  const pg = await ctx.pgDatabase();
  const redis = await ctx.redis();
  const smtp = await ctx.smtp();
  const issuer = createTestIssuer();
  const broker = await isolatedBroker(ctx, options);
  const hooks = (service: 'shop' | 'payments' | 'notifications') => ({
    retryDelayMs: 50,
    ...(options.beforeAck ? { beforeAck: (event: DomainEvent) => options.beforeAck!(service, event) } : {}),
  });
  const queueRedis = createQueueRedis(testServices.redisUrl, { logger, name: ctx.name });
  ctx.onCleanup(() => queueRedis.close());
  const queues = { redis: queueRedis, prefix: `${redis.prefix}bull` };

  // Shop: its rules run on the test's clock (reservations expire when the test says); its jobs are
  // left out (tests expire by sweep, or open the expiry queue themselves).
  const shopDatabaseProxy = options.shopDatabaseProxy ? await ctx.faultProxy('postgres') : undefined;
  const shopDb = await migrated<ShopDatabase>(ctx, shopDatabaseProxy?.url(pg.url) ?? pg.url, 'shop');
  const shopRedis = createCacheRedis(testServices.redisUrl, logger);
  ctx.onCleanup(() => closeRedisClient(shopRedis));
  const realtime = options.realtime
    ? createRealtimeAdapter(testServices.redisUrl, { key: `${redis.prefix}socket.io`, logger })
    : undefined;
  const shop = createShopProcess(
    { logger, db: shopDb.db, redis: shopRedis, messaging: broker.settings, ...(realtime ? { realtime } : {}) },
    {
      verifier: options.verifier ?? issuer.verifier,
      clock,
      broker: hooks('shop'),
      ...(options.dashboard ? { dashboard: options.dashboard } : {}),
      settings: {
        cartTokenSecret: 'test-cart-token-secret-of-at-least-32-chars',
        reservationTtlSeconds: options.reservationTtlSeconds ?? 900,
        lowStockThreshold: 3,
        cacheTtlSeconds: 300,
        paymentsUrl: 'http://payments.test',
        redisPrefix: `${redis.prefix}shop:`,
        rateLimitPerMinute: 100_000,
        checkoutRateLimitPerMinute: 100_000,
        trustProxy: options.trustProxy ?? 0,
      },
    },
  );
  const shopApp = ctx.conform(shop.app);
  const live = options.realtime ? await listenLive(ctx, shop, shopApp) : undefined;

  // Payments: the fake provider, its webhooks delivered to this listening instance.
  const paymentsDb = await migrated<PaymentsDatabase>(ctx, pg.url, 'payments');
  let paymentsUrl = '';
  const payments = createPaymentsProcess(
    { logger, db: paymentsDb.db, messaging: broker.settings, queues },
    {
      verifier: issuer.verifier,
      provider: 'fake',
      publicUrl: 'http://payments.test',
      webhookSecret: WEBHOOK_SECRET,
      webhookToleranceSeconds: 300,
      ...(options.deliverWebhooks !== false ? { webhookTarget: () => `${paymentsUrl}${WEBHOOK_PATH}` } : {}),
      trustProxy: options.trustProxy ?? 0,
      broker: hooks('payments'),
      jobs: POLICY,
    },
  );
  const paymentsApp = ctx.conform(payments.app, createPaymentsOpenApiDocument());
  const paymentsServer = await listen(paymentsApp);
  ctx.onCleanup(() => paymentsServer.close());
  paymentsUrl = paymentsServer.url;

  // Notifications
  const notificationsDb = await migrated<NotificationsDatabase>(ctx, pg.url, 'notifications');
  const notifications = createNotificationsProcess(
    {
      logger,
      db: notificationsDb.db,
      messaging: broker.settings,
      queues,
      smtpUrl: `smtp://${smtp.host}:${smtp.port}`,
    },
    {
      mail: { from: 'Shop <orders@shop.test>', messageIdDomain: 'shop.test' },
      retry: { attempts: 5, baseDelayMs: 50, maxDelayMs: 200 },
      sweep: { intervalMs: 300, enqueueAfterMs: 200, recheckAfterMs: 1000 },
      broker: hooks('notifications'),
    },
  );

  const stack: Stack = {
    app: shopApp,
    issuer,
    shop: Object.assign(shop, { app: shopApp, database: shopDb, redis: shopRedis }),
    payments: Object.assign(payments, {
      app: paymentsApp,
      database: paymentsDb,
      fake: payments.fake!,
      url: paymentsServer.url,
    }),
    notifications: Object.assign(notifications, { database: notificationsDb }),
    live,
    smtp,
    redis,
    queueRedis,
    proxy: broker.proxy,
    shopDatabaseProxy,
    exchange: broker.exchange,
    queuePrefix: broker.queuePrefix,
  };
  // What each process built closes as it would at shutdown, the broker's proxy restored first so
  // that stopping does not wait on a cut connection. A test may have replaced a process's messaging
  // (a restart): the closers stop whichever is current.
  ctx.onCleanup(async () => {
    broker.proxy?.restore();
    await closeInOrder([...shop.closers, ...payments.closers, ...notifications.closers], logger);
  });
  for (const started of [shop, payments, notifications]) await started.start();
  await Promise.all([shop, payments, notifications].map((p) => p.messaging.broker.waitUntilConnected()));
  return stack;
}

/** The shop on a real port with Socket.io attached, as server.ts runs it. */
async function listenLive(ctx: TestContext, shop: ShopProcess, app: Express): Promise<LiveShop> {
  const server = await listen(app);
  shop.onServer(server.server);
  ctx.onCleanup(() => server.close());
  return { url: server.url, io: shop.io! };
}
