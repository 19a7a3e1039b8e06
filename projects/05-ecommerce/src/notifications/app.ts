/** The worker's only HTTP surface: liveness and readiness (PostgreSQL and RabbitMQ required, Redis optional). */
import { createBaseApp, finishApp, healthRoutes, type Lifecycle, type Logger } from '@roadmap/core';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { databaseReadiness } from '../platform/database.js';
import type { NotificationsDatabase } from './database.js';

export interface NotificationsAppDeps {
  logger: Logger;
  db: Kysely<NotificationsDatabase>;
  brokerConnected: () => boolean;
  queueReadiness: () => Promise<unknown>;
  lifecycle?: Lifecycle;
}

export function createNotificationsApp(deps: NotificationsAppDeps): Express {
  const app = createBaseApp({ logger: deps.logger });
  app.use(
    healthRoutes({
      checks: {
        postgres: databaseReadiness(deps.db),
        rabbitmq: async () => (deps.brokerConnected() ? undefined : Promise.reject(new Error('disconnected'))),
      },
      optionalChecks: { redis: deps.queueReadiness },
      isDraining: () => deps.lifecycle?.isDraining() ?? false,
    }),
  );
  return finishApp(app);
}
