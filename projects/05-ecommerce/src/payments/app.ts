/** createPaymentsApp(deps) -> the payments service as an Express app. No listening, no global connections. */
import type { AccessTokenVerifier } from '@roadmap/auth';
import {
  createBaseApp,
  docsRoutes,
  finishApp,
  methodNotAllowed,
  type Lifecycle,
  type Logger,
  type TrustProxy,
} from '@roadmap/core';
import express, { type Express } from 'express';
import type { Kysely } from 'kysely';
import type { Outbox } from '../platform/messaging/outbox.js';
import { serviceHealthRoutes } from '../platform/readiness.js';
import type { PaymentsDatabase } from './database.js';
import {
  fakeProviderRoutes,
  orderEventsConsumer,
  PaymentRepository,
  paymentRoutes,
  PaymentService,
} from './modules/payments/index.js';
import {
  readWebhookBody,
  WEBHOOK_PATH,
  WebhookRepository,
  webhookRoutes,
  WebhookService,
} from './modules/webhooks/index.js';

import { createPaymentsOpenApiDocument, PAYMENTS_API_BASE } from './openapi.js';
import type { FakeProvider } from './providers/fake-provider.js';
import type { PaymentProvider } from './providers/provider.js';

export interface PaymentsDeps {
  logger: Logger;
  db: Kysely<PaymentsDatabase>;
  verifier: AccessTokenVerifier;
  provider: PaymentProvider;
  /** Set when the provider is the fake one: its authentication page is served too. */
  fakeProvider?: FakeProvider | undefined;
  outbox: Outbox;
  webhookSecret: string;
  webhookToleranceSeconds: number;
  lifecycle?: Lifecycle;
  brokerConnected?: () => boolean;
  /** Readiness of the Redis behind the webhook queue (optional: webhooks are still accepted). */
  queueReadiness?: () => Promise<unknown>;
  /** The proxies whose X-Forwarded-* headers are believed (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
}

export function createPaymentsServices(deps: PaymentsDeps) {
  const repository = new PaymentRepository(deps.db);
  const payments = new PaymentService({
    db: deps.db,
    payments: repository,
    provider: deps.provider,
    outbox: deps.outbox,
    logger: deps.logger,
  });
  const webhooks = new WebhookService({
    db: deps.db,
    payments: repository,
    events: new WebhookRepository(),
    service: payments,
    providerName: deps.provider.name,
    secret: deps.webhookSecret,
    toleranceSeconds: deps.webhookToleranceSeconds,
    logger: deps.logger,
  });
  return {
    repository,
    payments,
    webhooks,
    consumer: orderEventsConsumer({ db: deps.db, payments, outbox: deps.outbox }),
  };
}

export type PaymentsServices = ReturnType<typeof createPaymentsServices>;

export function createPaymentsApp(
  deps: PaymentsDeps,
  services: PaymentsServices = createPaymentsServices(deps),
): Express {
  const inner = createBaseApp({ logger: deps.logger, jsonLimit: '32kb', trustProxy: deps.trustProxy });
  inner.use(
    serviceHealthRoutes({
      db: deps.db,
      ...(deps.brokerConnected ? { brokerConnected: deps.brokerConnected } : {}),
      degradable: deps.queueReadiness ? { redis: deps.queueReadiness } : {},
      lifecycle: deps.lifecycle,
    }),
  );
  const document = createPaymentsOpenApiDocument();
  inner.use(docsRoutes(document));
  inner.use(methodNotAllowed(document));
  inner.use(webhookRoutes(services.webhooks));
  inner.use(PAYMENTS_API_BASE, paymentRoutes(services.payments, deps.verifier));
  if (deps.fakeProvider) inner.use(fakeProviderRoutes(deps.fakeProvider));
  finishApp(inner);

  // The webhook signature covers the exact bytes sent, so that one route reads its body raw before
  // the shared JSON parser inside `inner` could turn it into an object (a consumed body is skipped
  // there); a body it refuses is answered by `inner`'s problem handler, like every other error.
  const app = express();
  app.disable('x-powered-by');
  app.post(WEBHOOK_PATH, readWebhookBody());
  app.use(inner);
  return app;
}
