/** The payments process: config, PostgreSQL (schema payments), the provider, Bull, RabbitMQ, HTTP. */
import { createVerifierFromEnv } from '@roadmap/auth';
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import { closeQueue } from '@roadmap/redis';
import { systemClock } from '../platform/clock.js';
import type { Consumer } from '../platform/messaging/broker.js';
import { startMessagingMaintenance } from '../platform/messaging/maintenance.js';
import {
  bullQueue,
  createMessaging,
  messagingSettings,
  openDatabase,
  openQueueRedis,
  serve,
} from '../platform/runtime.js';
import { createPaymentsApp, createPaymentsServices, type PaymentsDeps } from './app.js';
import { loadPaymentsConfig, paymentProvider } from './config.js';
import type { PaymentsDatabase } from './database.js';
import { startWebhookDelivery, WEBHOOK_QUEUE, webhookSender, type WebhookJob } from './jobs/fake-webhooks.js';
import { WEBHOOK_PATH } from './modules/webhooks/webhook.routes.js';
import { FakeProvider } from './providers/fake-provider.js';
import { StripeProvider } from './providers/stripe-provider.js';

startOrExit(async () => {
  const config = loadPaymentsConfig();
  const logger = createLogger({ name: 'payments', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const clock = systemClock;
  const database = await openDatabase<PaymentsDatabase>(config, 'payments', logger);
  const queueRedis = openQueueRedis(config, logger, 'payments');
  const webhookQueue = bullQueue<WebhookJob>(WEBHOOK_QUEUE, config, queueRedis, logger);
  const maintenanceQueue = bullQueue<{ prune: true }>('payments-messaging-maintenance', config, queueRedis, logger);
  const policy = { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS };

  const fakeProvider =
    paymentProvider(config) === 'fake'
      ? new FakeProvider(database.db, webhookSender(webhookQueue, policy), clock, config.PAYMENTS_PUBLIC_URL)
      : undefined;
  const provider =
    fakeProvider ?? new StripeProvider({ secretKey: config.STRIPE_SECRET_KEY ?? '', apiBase: config.STRIPE_API_BASE });
  if (fakeProvider) {
    // Loud on purpose: production runs it only when PAYMENT_PROVIDER=fake was set, and whoever reads
    // the log must see that no money moves.
    logger.warn(
      { PAYMENT_PROVIDER: 'fake', explicit: config.PAYMENT_PROVIDER !== undefined, routes: '/fake-provider/*' },
      'PAYMENT_PROVIDER=fake: payments are simulated, no money moves, and /fake-provider/* is served',
    );
  } else {
    logger.info({ PAYMENT_PROVIDER: 'stripe' }, 'payments go to Stripe');
  }
  const consumers: Consumer[] = [];
  const messaging = createMessaging(messagingSettings(config), database.db, clock, logger, consumers);
  const deps: PaymentsDeps = {
    logger,
    db: database.db,
    verifier: createVerifierFromEnv(config),
    provider,
    fakeProvider,
    outbox: messaging.outbox,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    webhookToleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
    lifecycle,
    trustProxy: config.TRUST_PROXY,
    brokerConnected: () => messaging.broker.isConnected(),
    queueReadiness: queueRedis.readiness,
  };
  const services = createPaymentsServices(deps);
  consumers.push(services.consumer);
  await messaging.start();
  if (fakeProvider) {
    const target = config.FAKE_PROVIDER_WEBHOOK_URL ?? `http://127.0.0.1:${config.PORT}${WEBHOOK_PATH}`;
    startWebhookDelivery(webhookQueue, () => target, config.STRIPE_WEBHOOK_SECRET, logger);
  }
  await startMessagingMaintenance(maintenanceQueue, database.db, clock, logger);

  await serve(createPaymentsApp(deps, services), config, logger, lifecycle, [
    { name: 'postgres', stage: 'databases', close: () => database.close() },
    { name: 'webhook queue', stage: 'queues', close: () => closeQueue(webhookQueue) },
    { name: 'maintenance queue', stage: 'queues', close: () => closeQueue(maintenanceQueue) },
    { name: 'redis', stage: 'redis', close: () => queueRedis.close() },
    { name: 'rabbitmq and outbox relay', stage: 'brokers', close: () => messaging.stop() },
  ]);
});
