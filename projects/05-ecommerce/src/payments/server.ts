/**
 * The payments process: config, PostgreSQL (schema payments), the provider, Bull, RabbitMQ, HTTP.
 * Opens the connections and runs the process that process.ts puts together.
 */
import { createVerifierFromEnv } from '@roadmap/auth';
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import { messagingSettings, openDatabase, openQueueRedis, serve } from '../platform/runtime.js';
import { loadPaymentsConfig, paymentProvider } from './config.js';
import type { PaymentsDatabase } from './database.js';
import { WEBHOOK_PATH } from './modules/webhooks/index.js';
import { createPaymentsProcess } from './process.js';
import { StripeProvider } from './providers/stripe-provider.js';

startOrExit(async () => {
  const config = loadPaymentsConfig();
  const logger = createLogger({ name: 'payments', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const database = await openDatabase<PaymentsDatabase>(config, 'payments', logger);
  const queueRedis = openQueueRedis(config, logger, 'payments');

  const fake = paymentProvider(config) === 'fake';
  if (fake) {
    // Loud on purpose: production runs it only when PAYMENT_PROVIDER=fake was set, and whoever reads
    // the log must see that no money moves.
    logger.warn(
      { PAYMENT_PROVIDER: 'fake', explicit: config.PAYMENT_PROVIDER !== undefined, routes: '/fake-provider/*' },
      'PAYMENT_PROVIDER=fake: payments are simulated, no money moves, and /fake-provider/* is served',
    );
  } else {
    logger.info({ PAYMENT_PROVIDER: 'stripe' }, 'payments go to Stripe');
  }
  const webhookTarget = config.FAKE_PROVIDER_WEBHOOK_URL ?? `http://127.0.0.1:${config.PORT}${WEBHOOK_PATH}`;

  const payments = createPaymentsProcess(
    {
      logger,
      db: database.db,
      messaging: messagingSettings(config),
      queues: { redis: queueRedis, prefix: `${config.REDIS_PREFIX}:bull` },
    },
    {
      verifier: createVerifierFromEnv(config),
      provider: fake
        ? 'fake'
        : new StripeProvider({ secretKey: config.STRIPE_SECRET_KEY ?? '', apiBase: config.STRIPE_API_BASE }),
      publicUrl: config.PAYMENTS_PUBLIC_URL,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      webhookToleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
      webhookTarget: () => webhookTarget,
      maintenance: true,
      lifecycle,
      trustProxy: config.TRUST_PROXY,
      jobs: { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS },
    },
  );
  await payments.start();

  await serve(payments.app, config, logger, lifecycle, [
    ...payments.closers,
    { name: 'redis', stage: 'redis', close: () => queueRedis.close() },
    { name: 'postgres', stage: 'databases', close: () => database.close() },
  ]);
});
