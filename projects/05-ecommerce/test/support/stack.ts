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
import { createSmtpTransport, MailOutbox } from '@roadmap/mail';
import { PgMailStore } from '@roadmap/mail/postgres';
import { closeQueue, closeRedisClient, createQueueRedis, openQueue, type QueueRedis } from '@roadmap/redis';
import {
  isolatedName,
  listen,
  testServices,
  type FaultProxy,
  type SmtpSink,
  type TestContext,
  type TestRedis,
} from '@roadmap/testing';
import type { TrustProxy } from '@roadmap/core';
import { connect } from 'amqplib';
import type Bull from 'bull';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { DomainEvent } from '../../src/contracts/events.js';
import { createNotificationsApp } from '../../src/notifications/app.js';
import type { NotificationsDatabase } from '../../src/notifications/database.js';
import { MAIL_QUEUE, orderMailConsumer } from '../../src/notifications/order-events.js';
import { createPaymentsApp, createPaymentsServices, type PaymentsServices } from '../../src/payments/app.js';
import type { PaymentsDatabase } from '../../src/payments/database.js';
import {
  startWebhookDelivery,
  WEBHOOK_QUEUE,
  webhookSender,
  type WebhookJob,
} from '../../src/payments/jobs/fake-webhooks.js';
import { WEBHOOK_PATH } from '../../src/payments/modules/webhooks/webhook.routes.js';
import { createPaymentsOpenApiDocument } from '../../src/payments/openapi.js';
import { FakeProvider } from '../../src/payments/providers/fake-provider.js';
import { systemClock } from '../../src/platform/clock.js';
import { createDatabase, type Database } from '../../src/platform/database.js';
import type { Consumer } from '../../src/platform/messaging/broker.js';
import { deleteTopology } from '../../src/platform/messaging/topology.js';
import { migrateSchema } from '../../src/platform/migrations.js';
import { createCacheRedis, createMessaging, type Messaging } from '../../src/platform/runtime.js';
import { createShopApp, createShopServices, type ShopDeps, type ShopServices } from '../../src/shop/app.js';
import type { ShopDatabase } from '../../src/shop/database.js';
import { SHOP_PAYMENT_CONSUMER } from '../../src/shop/modules/orders/index.js';
import { startLiveShop, type LiveShop } from './live-shop.js';

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
  shop: {
    app: Express;
    services: ShopServices;
    database: Database<ShopDatabase>;
    messaging: Messaging<ShopDatabase>;
    redis: Redis;
    deps: ShopDeps;
  };
  payments: {
    app: Express;
    services: PaymentsServices;
    database: Database<PaymentsDatabase>;
    messaging: Messaging<PaymentsDatabase>;
    fake: FakeProvider;
    webhookQueue: Bull.Queue<WebhookJob>;
    url: string;
  };
  notifications: {
    /** The worker's health app (/healthz, /readyz). */
    app: Express;
    database: Database<NotificationsDatabase>;
    messaging: Messaging<NotificationsDatabase>;
    mail: MailOutbox;
    store: PgMailStore;
  };
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
  // Events carry the real time they were written (latency is measured from it); the shop's rules run
  // on the test's clock (reservations expire when the test says).
  const messaging = <DB>(db: Database<DB>, consumers: Consumer[], service: 'shop' | 'payments' | 'notifications') =>
    createMessaging(broker.settings, db.db, systemClock, logger, consumers, hooks(service));
  const queueRedis = createQueueRedis(testServices.redisUrl, { logger, name: ctx.name });
  const queue = <T>(name: string) => {
    const opened = openQueue<T>(name, { redis: queueRedis, prefix: `${redis.prefix}bull`, logger });
    ctx.onCleanup(() => closeQueue(opened));
    return opened;
  };
  ctx.onCleanup(() => queueRedis.close());

  // Shop
  const shopDatabaseProxy = options.shopDatabaseProxy ? await ctx.faultProxy('postgres') : undefined;
  const shopDb = await migrated<ShopDatabase>(ctx, shopDatabaseProxy?.url(pg.url) ?? pg.url, 'shop');
  const shopRedis = createCacheRedis(testServices.redisUrl, logger);
  ctx.onCleanup(() => closeRedisClient(shopRedis));
  const shopConsumers: Consumer[] = [];
  const shopMessaging = messaging(shopDb, shopConsumers, 'shop');
  const shopDeps: ShopDeps = {
    logger,
    db: shopDb.db,
    redis: shopRedis,
    verifier: options.verifier ?? issuer.verifier,
    outbox: shopMessaging.outbox,
    clock,
    brokerConnected: () => shopMessaging.broker.isConnected(),
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
  };
  const shopServices = createShopServices(shopDeps);
  shopConsumers.push({ name: SHOP_PAYMENT_CONSUMER, handle: (event) => shopServices.paymentOutcomes.handle(event) });
  const shopApp = ctx.conform(createShopApp(shopDeps, shopServices));
  const live = options.realtime
    ? await startLiveShop(ctx, { deps: shopDeps, services: shopServices, verifier: shopDeps.verifier }, redis.prefix)
    : undefined;
  if (live) shopConsumers.push(live.consumer);

  // Payments
  const paymentsDb = await migrated<PaymentsDatabase>(ctx, pg.url, 'payments');
  const webhookQueue = queue<WebhookJob>(WEBHOOK_QUEUE);
  const paymentsConsumers: Consumer[] = [];
  const paymentsMessaging = messaging(paymentsDb, paymentsConsumers, 'payments');
  const fake = new FakeProvider(
    paymentsDb.db,
    webhookSender(webhookQueue, POLICY),
    systemClock,
    'http://payments.test',
  );
  const paymentsDeps = {
    logger,
    db: paymentsDb.db,
    verifier: issuer.verifier,
    provider: fake,
    fakeProvider: fake,
    outbox: paymentsMessaging.outbox,
    webhookSecret: WEBHOOK_SECRET,
    webhookToleranceSeconds: 300,
    brokerConnected: () => paymentsMessaging.broker.isConnected(),
    trustProxy: options.trustProxy ?? 0,
  };
  const paymentsServices = createPaymentsServices(paymentsDeps);
  paymentsConsumers.push(paymentsServices.consumer);
  const paymentsApp = ctx.conform(createPaymentsApp(paymentsDeps, paymentsServices), createPaymentsOpenApiDocument());
  const paymentsServer = await listen(paymentsApp);
  ctx.onCleanup(() => paymentsServer.close());
  if (options.deliverWebhooks !== false)
    startWebhookDelivery(webhookQueue, () => `${paymentsServer.url}${WEBHOOK_PATH}`, WEBHOOK_SECRET, logger);

  // Notifications
  const notificationsDb = await migrated<NotificationsDatabase>(ctx, pg.url, 'notifications');
  const store = new PgMailStore(notificationsDb.db);
  const mail = new MailOutbox({
    store,
    redis: queueRedis,
    prefix: `${redis.prefix}bull`,
    queueName: MAIL_QUEUE,
    logger,
    retry: { attempts: 5, baseDelayMs: 50, maxDelayMs: 200 },
    sweep: { intervalMs: 300, enqueueAfterMs: 200, recheckAfterMs: 1000 },
  });
  const transport = createSmtpTransport(`smtp://${smtp.host}:${smtp.port}`);
  mail.startWorker({ transport, from: 'Shop <orders@shop.test>', messageIdDomain: 'shop.test' });
  mail.startSweeper();
  ctx.onCleanup(async () => {
    await mail.close();
    transport.close();
  });
  const notificationsMessaging = messaging(
    notificationsDb,
    [orderMailConsumer({ db: notificationsDb.db, store, outbox: mail, clock: systemClock })],
    'notifications',
  );

  const stack: Stack = {
    app: shopApp,
    issuer,
    shop: {
      app: shopApp,
      services: shopServices,
      database: shopDb,
      messaging: shopMessaging,
      redis: shopRedis,
      deps: shopDeps,
    },
    payments: {
      app: paymentsApp,
      services: paymentsServices,
      database: paymentsDb,
      messaging: paymentsMessaging,
      fake,
      webhookQueue,
      url: paymentsServer.url,
    },
    notifications: {
      app: createNotificationsApp({
        logger,
        db: notificationsDb.db,
        brokerConnected: () => notificationsMessaging.broker.isConnected(),
        queueReadiness: queueRedis.readiness,
      }),
      database: notificationsDb,
      messaging: notificationsMessaging,
      mail,
      store,
    },
    live,
    smtp,
    redis,
    queueRedis,
    proxy: broker.proxy,
    shopDatabaseProxy,
    exchange: broker.exchange,
    queuePrefix: broker.queuePrefix,
  };
  // A test may have replaced a process's messaging (a restart): stop whatever is current, first.
  ctx.onCleanup(async () => {
    broker.proxy?.restore();
    for (const current of [stack.shop.messaging, stack.payments.messaging, stack.notifications.messaging])
      await current.stop();
  });
  for (const started of [shopMessaging, paymentsMessaging, notificationsMessaging]) await started.start();
  await Promise.all(
    [shopMessaging, paymentsMessaging, notificationsMessaging].map((m) => m.broker.waitUntilConnected()),
  );
  return stack;
}
