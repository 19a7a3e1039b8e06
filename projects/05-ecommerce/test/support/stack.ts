/**
 * The three processes of the project, in this test process, on real services with isolated names: a
 * PostgreSQL database of their own (schemas shop, payments, notifications migrated in it), a Redis key
 * prefix, an exchange and queue prefix on the shared RabbitMQ, and an SMTP sink. The brokers can be
 * routed through a fault-injecting TCP proxy, to cut RabbitMQ without touching the shared server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestIssuer, type TestIssuer } from '@roadmap/auth';
import type { Logger } from '@roadmap/core';
import {
  createTestPgDatabase,
  createTestRedis,
  isolatedName,
  startSmtpSink,
  startTcpProxy,
  testLogger,
  testServices,
  type SmtpSink,
  type TcpProxy,
  type TestPgDatabase,
  type TestRedis,
} from '@roadmap/testing';
import { connect } from 'amqplib';
import Bull from 'bull';
import type { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import type { DomainEvent } from '../../src/contracts/events.js';
import { NOTIFICATIONS_CONSUMER, orderMailConsumer } from '../../src/notifications/order-events.js';
import type { NotificationsDatabase } from '../../src/notifications/database.js';
import { MAIL_QUEUE, PgMailOutbox, type MailJob } from '../../src/notifications/mail/pg-mail-outbox.js';
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
import { systemClock, type Clock } from '../../src/platform/clock.js';
import { createDatabase, type Database } from '../../src/platform/database.js';
import { deleteTopology } from '../../src/platform/messaging/topology.js';
import { migrateSchema } from '../../src/platform/migrations.js';
import { createCacheRedis } from '../../src/platform/redis.js';
import { createMessaging, type Messaging } from '../../src/platform/runtime.js';
import { createShopApp, createShopServices, type ShopDeps, type ShopServices } from '../../src/shop/app.js';
import type { ShopDatabase } from '../../src/shop/database.js';
import { createShopOpenApiDocument } from '../../src/shop/openapi.js';
import { SHOP_PAYMENT_CONSUMER } from '../../src/shop/modules/orders/index.js';
import { withConformance, type ConformingApp } from './conformance.js';

export const WEBHOOK_SECRET = 'whsec_test_secret_for_the_e-commerce_suite_0001';

/** A clock the test moves by hand; it starts at the real time so PostgreSQL's own now() stays close. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export interface StackOptions {
  /** Route every broker connection through a TCP proxy the test can cut. */
  brokerProxy?: boolean;
  reservationTtlSeconds?: number;
  /** Called by a service's consumer after its effect committed, before the ack (crash tests, latency). */
  beforeAck?: (service: 'shop' | 'payments' | 'notifications', event: DomainEvent) => Promise<void>;
  outboxPollMs?: number;
  /** Start the fake provider's webhook delivery (tests of webhooks themselves send their own). */
  deliverWebhooks?: boolean;
  logger?: Logger;
}

export interface Stack {
  name: string;
  issuer: TestIssuer;
  clock: TestClock;
  shop: ConformingApp & {
    services: ShopServices;
    database: Database<ShopDatabase>;
    messaging: Messaging<ShopDatabase>;
    redis: Redis;
    deps: ShopDeps;
  };
  payments: ConformingApp & {
    services: PaymentsServices;
    database: Database<PaymentsDatabase>;
    messaging: Messaging<PaymentsDatabase>;
    fake: FakeProvider;
    webhookQueue: Bull.Queue<WebhookJob>;
    server: Server;
    url: string;
  };
  notifications: {
    database: Database<NotificationsDatabase>;
    messaging: Messaging<NotificationsDatabase>;
    mail: PgMailOutbox;
    queue: Bull.Queue<MailJob>;
  };
  smtp: SmtpSink;
  redis: TestRedis;
  proxy: TcpProxy | undefined;
  exchange: string;
  queuePrefix: string;
  assertConforms(): void;
  cleanup(): Promise<void>;
}

async function migrated<DB>(url: string, schema: string): Promise<Database<DB>> {
  const database = createDatabase<DB>({ url, schema, maxConnections: 10 });
  await migrateSchema(database.db, schema);
  return database;
}

export async function createStack(name: string, options: StackOptions = {}): Promise<Stack> {
  const logger = options.logger ?? testLogger(name);
  const pg: TestPgDatabase = await createTestPgDatabase(name);
  const redis = await createTestRedis(name);
  const smtp = await startSmtpSink();
  const issuer = createTestIssuer();
  const clock = createTestClock();
  const exchange = `${isolatedName(name)}.ecommerce.events`;
  const queuePrefix = `${exchange}.`;
  const amqp = new URL(testServices.amqpUrl);
  const proxy = options.brokerProxy ? await startTcpProxy(amqp.hostname, Number(amqp.port || 5672)) : undefined;
  const messagingSettings = {
    url: proxy ? proxy.url(testServices.amqpUrl) : testServices.amqpUrl,
    exchange,
    queuePrefix,
    pollMs: options.outboxPollMs ?? 100,
  };
  const bull = <T>(queue: string) => new Bull<T>(queue, testServices.redisUrl, { prefix: `${redis.prefix}bull` });
  const policy = { attempts: 5, backoffMs: 50 };

  // Shop
  const shopDb = await migrated<ShopDatabase>(pg.url, 'shop');
  const shopRedis = createCacheRedis({ url: testServices.redisUrl });
  await shopRedis.connect();
  const shopConsumers: Parameters<typeof createMessaging>[4] = [];
  const hooks = (service: 'shop' | 'payments' | 'notifications') => ({
    retryDelayMs: 50,
    ...(options.beforeAck ? { beforeAck: (event: DomainEvent) => options.beforeAck!(service, event) } : {}),
  });
  const shopMessaging = createMessaging(messagingSettings, shopDb.db, clock, logger, shopConsumers, hooks('shop'));
  const shopDeps: ShopDeps = {
    logger,
    db: shopDb.db,
    redis: shopRedis,
    verifier: issuer.verifier,
    outbox: shopMessaging.outbox,
    clock,
    brokerConnected: () => shopMessaging.broker.isConnected(),
    settings: {
      cartTokenSecret: 'test-cart-token-secret-of-at-least-32-chars',
      reservationTtlSeconds: options.reservationTtlSeconds ?? 900,
      lowStockThreshold: 3,
      cacheTtlSeconds: 300,
      paymentsUrl: 'http://payments.test',
      redisPrefix: `${redis.prefix}shop:`,
      rateLimitPerMinute: 100_000,
      checkoutRateLimitPerMinute: 100_000,
    },
  };
  const shopServices = createShopServices(shopDeps);
  shopConsumers.push({ name: SHOP_PAYMENT_CONSUMER, handle: (event) => shopServices.paymentOutcomes.handle(event) });
  const shopApp = withConformance(createShopApp(shopDeps, shopServices), createShopOpenApiDocument());

  // Payments
  const paymentsDb = await migrated<PaymentsDatabase>(pg.url, 'payments');
  const webhookQueue = bull<WebhookJob>(WEBHOOK_QUEUE);
  const paymentsConsumers: Parameters<typeof createMessaging>[4] = [];
  const paymentsMessaging = createMessaging(
    messagingSettings,
    paymentsDb.db,
    systemClock,
    logger,
    paymentsConsumers,
    hooks('payments'),
  );
  let paymentsUrl = '';
  const fake = new FakeProvider(
    paymentsDb.db,
    webhookSender(webhookQueue, policy),
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
  };
  const paymentsServices = createPaymentsServices(paymentsDeps);
  paymentsConsumers.push(paymentsServices.consumer);
  const paymentsApp = withConformance(
    createPaymentsApp(paymentsDeps, paymentsServices),
    createPaymentsOpenApiDocument(),
  );
  const server = createServer(paymentsApp.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  paymentsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (options.deliverWebhooks !== false)
    startWebhookDelivery(webhookQueue, () => `${paymentsUrl}${WEBHOOK_PATH}`, WEBHOOK_SECRET, logger);

  // Notifications
  const notificationsDb = await migrated<NotificationsDatabase>(pg.url, 'notifications');
  const mailQueue = bull<MailJob>(MAIL_QUEUE);
  const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
  const mail = new PgMailOutbox({
    db: notificationsDb.db,
    queue: mailQueue,
    transport,
    from: 'Shop <orders@shop.test>',
    messageIdDomain: 'shop.test',
    policy,
    clock: systemClock,
    logger,
    sweepAfterMs: 0,
  });
  await mail.start(60_000);
  const notificationsMessaging = createMessaging(
    messagingSettings,
    notificationsDb.db,
    systemClock,
    logger,
    [orderMailConsumer(notificationsDb.db, mail)],
    hooks('notifications'),
  );

  for (const messaging of [shopMessaging, paymentsMessaging, notificationsMessaging]) await messaging.start();
  await Promise.all(
    [shopMessaging, paymentsMessaging, notificationsMessaging].map((m) => m.broker.waitUntilConnected()),
  );

  const stack: Stack = {
    name,
    issuer,
    clock,
    shop: {
      ...shopApp,
      services: shopServices,
      database: shopDb,
      messaging: shopMessaging,
      redis: shopRedis,
      deps: shopDeps,
    },
    payments: {
      ...paymentsApp,
      services: paymentsServices,
      database: paymentsDb,
      messaging: paymentsMessaging,
      fake,
      webhookQueue,
      server,
      url: paymentsUrl,
    },
    notifications: { database: notificationsDb, messaging: notificationsMessaging, mail, queue: mailQueue },
    smtp,
    redis,
    proxy,
    exchange,
    queuePrefix,
    assertConforms() {
      shopApp.assertConforms();
      paymentsApp.assertConforms();
    },
    async cleanup() {
      proxy?.restore();
      // A test may have replaced a process's messaging (a restart): stop whatever is current.
      for (const messaging of [stack.shop.messaging, stack.payments.messaging, stack.notifications.messaging])
        await messaging.stop();
      await Promise.all([webhookQueue.close(), mailQueue.close()]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      transport.close();
      await shopRedis.quit();
      await Promise.all([shopDb.close(), paymentsDb.close(), notificationsDb.close()]);
      const connection = await connect(testServices.amqpUrl);
      const channel = await connection.createChannel();
      await deleteTopology(channel, { exchange, queuePrefix });
      await connection.close();
      await proxy?.close();
      await smtp.close();
      await redis.cleanup();
      await pg.cleanup();
    },
  };
  return stack;
}

export { NOTIFICATIONS_CONSUMER };
