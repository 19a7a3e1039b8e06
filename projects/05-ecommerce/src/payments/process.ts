/**
 * The payments process, put together from connections opened elsewhere: the provider, its services
 * and app, the broker's consumer, the Bull jobs and what closes them. server.ts passes the real
 * connections; the tests' stack passes its isolated ones, so both run this one composition.
 */
import type { AccessTokenVerifier } from '@roadmap/auth';
import type { Closer, Logger, MutableLifecycle, TrustProxy } from '@roadmap/core';
import { closeQueue, openQueue, type QueueRedis } from '@roadmap/redis';
import type Bull from 'bull';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { systemClock } from '../platform/clock.js';
import type { BrokerOptions, Consumer } from '../platform/messaging/broker.js';
import { startMessagingMaintenance } from '../platform/messaging/maintenance.js';
import { createMessaging, type Messaging, type MessagingSettings } from '../platform/runtime.js';
import { createPaymentsApp, createPaymentsServices, type PaymentsDeps, type PaymentsServices } from './app.js';
import type { PaymentsDatabase } from './database.js';
import { startWebhookDelivery, WEBHOOK_QUEUE, webhookSender, type WebhookJob } from './jobs/fake-webhooks.js';
import { FakeProvider } from './providers/fake-provider.js';
import type { PaymentProvider } from './providers/provider.js';

export interface PaymentsConnections {
  logger: Logger;
  db: Kysely<PaymentsDatabase>;
  messaging: MessagingSettings;
  /** Bull's connections and key prefix (the fake provider's webhooks, the messaging maintenance). */
  queues: { redis: QueueRedis; prefix: string };
}

export interface PaymentsProcessOptions {
  verifier: AccessTokenVerifier;
  /** A real provider (Stripe), or the fake one, built here on the process's database and queue. */
  provider: PaymentProvider | 'fake';
  /** Where clients reach the service (the fake provider's pages link to it). */
  publicUrl: string;
  webhookSecret: string;
  webhookToleranceSeconds: number;
  /** Where the fake provider delivers its webhooks; none: they stay queued (tests that send their own). */
  webhookTarget?: () => string;
  /** Prunes the outbox and inbox on a repeatable job (off in tests, which drop their schema). */
  maintenance?: boolean;
  lifecycle?: MutableLifecycle;
  trustProxy?: TrustProxy;
  broker?: Partial<BrokerOptions>;
  jobs?: { attempts: number; backoffMs: number };
}

export interface PaymentsProcess {
  app: Express;
  deps: PaymentsDeps;
  services: PaymentsServices;
  /** Replaceable (a test may restart the process's broker); the closers stop whichever is current. */
  messaging: Messaging<PaymentsDatabase>;
  /** Set when the provider is the fake one. */
  fake: FakeProvider | undefined;
  webhookQueue: Bull.Queue<WebhookJob>;
  closers: Closer[];
  start(): Promise<void>;
}

export function createPaymentsProcess(
  connections: PaymentsConnections,
  options: PaymentsProcessOptions,
): PaymentsProcess {
  const { logger, db, queues } = connections;
  const policy = options.jobs ?? { attempts: 5, backoffMs: 1000 };
  const webhookQueue = openQueue<WebhookJob>(WEBHOOK_QUEUE, { redis: queues.redis, prefix: queues.prefix, logger });
  const maintenanceQueue = options.maintenance
    ? openQueue<{ prune: true }>('payments-messaging-maintenance', {
        redis: queues.redis,
        prefix: queues.prefix,
        logger,
      })
    : undefined;
  const fake =
    options.provider === 'fake'
      ? new FakeProvider({
          db,
          webhooks: webhookSender(webhookQueue, policy),
          clock: systemClock,
          publicUrl: options.publicUrl,
        })
      : undefined;

  const consumers: Consumer[] = [];
  const messaging = createMessaging(connections.messaging, db, systemClock, logger, consumers, options.broker);
  const deps: PaymentsDeps = {
    logger,
    db,
    verifier: options.verifier,
    provider: fake ?? (options.provider as PaymentProvider),
    fakeProvider: fake,
    outbox: messaging.outbox,
    webhookSecret: options.webhookSecret,
    webhookToleranceSeconds: options.webhookToleranceSeconds,
    ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    trustProxy: options.trustProxy ?? 0,
    brokerConnected: () => payments.messaging.broker.isConnected(),
    queueReadiness: queues.redis.readiness,
  };
  const services = createPaymentsServices(deps);
  consumers.push(services.consumer);

  const closers: Closer[] = [
    { name: 'rabbitmq and outbox relay', stage: 'brokers', close: () => payments.messaging.stop() },
    { name: 'webhook queue', stage: 'queues', close: () => closeQueue(webhookQueue) },
  ];
  if (maintenanceQueue)
    closers.push({ name: 'maintenance queue', stage: 'queues', close: () => closeQueue(maintenanceQueue) });

  const payments: PaymentsProcess = {
    app: createPaymentsApp(deps, services),
    deps,
    services,
    messaging,
    fake,
    webhookQueue,
    closers,
    async start() {
      await payments.messaging.start();
      if (fake && options.webhookTarget)
        startWebhookDelivery(webhookQueue, options.webhookTarget, options.webhookSecret, logger);
      if (maintenanceQueue) await startMessagingMaintenance(maintenanceQueue, db, systemClock, logger);
    },
  };
  return payments;
}
