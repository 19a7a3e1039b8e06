/** The worker's only HTTP surface: liveness and readiness (platform/readiness.ts: PostgreSQL required, RabbitMQ and Redis reported). */
import { createBaseApp, finishApp, type Lifecycle, type Logger } from '@roadmap/core';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { serviceHealthRoutes } from '../platform/readiness.js';
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
    serviceHealthRoutes({
      db: deps.db,
      brokerConnected: deps.brokerConnected,
      degradable: { redis: deps.queueReadiness },
      lifecycle: deps.lifecycle,
    }),
  );
  return finishApp(app);
}
