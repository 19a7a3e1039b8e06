/**
 * The notifications worker: consumes order events, records each email with its inbox entry, and
 * delivers it through the shared mail path (@roadmap/mail: Bull + nodemailer, marked sent only once
 * SMTP accepted it, retried for hours, swept when a job was lost). Opens the connections and runs
 * the process that process.ts puts together.
 */
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import { longestSendMs, retryFromEnv } from '@roadmap/mail';
import { messagingSettings, openDatabase, openQueueRedis, serve } from '../platform/runtime.js';
import { loadNotificationsConfig } from './config.js';
import type { NotificationsDatabase } from './database.js';
import { createNotificationsProcess } from './process.js';

startOrExit(async () => {
  const config = loadNotificationsConfig();
  const logger = createLogger({ name: 'notifications', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const database = await openDatabase<NotificationsDatabase>(config, 'notifications', logger);
  const queueRedis = openQueueRedis(config, logger, 'notifications');

  const notifications = createNotificationsProcess(
    {
      logger,
      db: database.db,
      messaging: messagingSettings(config),
      queues: { redis: queueRedis, prefix: `${config.REDIS_PREFIX}:bull` },
      smtpUrl: config.SMTP_URL,
    },
    {
      mail: { from: config.MAIL_FROM, messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN, leaseMs: longestSendMs() * 2 },
      retry: retryFromEnv(config),
      sweep: { intervalMs: config.MAIL_SWEEP_SECONDS * 1000 },
      lifecycle,
    },
  );
  await notifications.start();

  await serve(notifications.app, config, logger, lifecycle, [
    ...notifications.closers,
    { name: 'redis', stage: 'redis', close: () => queueRedis.close() },
    { name: 'postgres', stage: 'databases', close: () => database.close() },
  ]);
});
