/**
 * The notifications worker: consumes order events, records each email with its inbox entry, and
 * delivers it through the shared mail path (@roadmap/mail: Bull + nodemailer, marked sent only once
 * SMTP accepted it, retried for hours, swept when a job was lost).
 */
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import { createSmtpTransport, longestSendMs, MailOutbox, retryFromEnv } from '@roadmap/mail';
import { PgMailStore } from '@roadmap/mail/postgres';
import { systemClock } from '../platform/clock.js';
import { createMessaging, messagingSettings, openDatabase, openQueueRedis, serve } from '../platform/runtime.js';
import { createNotificationsApp } from './app.js';
import { loadNotificationsConfig } from './config.js';
import type { NotificationsDatabase } from './database.js';
import { MAIL_QUEUE, orderMailConsumer } from './order-events.js';

startOrExit(async () => {
  const config = loadNotificationsConfig();
  const logger = createLogger({ name: 'notifications', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const database = await openDatabase<NotificationsDatabase>(config, 'notifications', logger);
  const queueRedis = openQueueRedis(config, logger, 'notifications');
  const store = new PgMailStore(database.db);
  const outbox = new MailOutbox({
    store,
    redis: queueRedis,
    prefix: `${config.REDIS_PREFIX}:bull`,
    queueName: MAIL_QUEUE,
    logger,
    retry: retryFromEnv(config),
    sweep: { intervalMs: config.MAIL_SWEEP_SECONDS * 1000 },
  });
  const transport = createSmtpTransport(config.SMTP_URL);
  outbox.startWorker({
    transport,
    from: config.MAIL_FROM,
    messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN,
    leaseMs: longestSendMs() * 2,
  });
  outbox.startSweeper();
  const messaging = createMessaging(messagingSettings(config), database.db, systemClock, logger, [
    orderMailConsumer({ db: database.db, store, outbox, clock: systemClock }),
  ]);
  await messaging.start();

  await serve(
    createNotificationsApp({
      logger,
      db: database.db,
      brokerConnected: () => messaging.broker.isConnected(),
      queueReadiness: queueRedis.readiness,
      lifecycle,
    }),
    config,
    logger,
    lifecycle,
    [
      { name: 'rabbitmq', stage: 'brokers', close: () => messaging.stop() },
      { name: 'mail outbox', stage: 'mail', close: () => outbox.close() },
      { name: 'smtp', stage: 'mail', close: () => transport.close() },
      { name: 'redis', stage: 'redis', close: () => queueRedis.close() },
      { name: 'postgres', stage: 'databases', close: () => database.close() },
    ],
  );
});
