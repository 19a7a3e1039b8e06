/** The notifications worker: consumes order events, records emails, delivers them with Bull + nodemailer. */
import { createLifecycle, createLogger, startOrExit } from '@roadmap/core';
import nodemailer from 'nodemailer';
import { systemClock } from '../platform/clock.js';
import { bullQueue, createMessaging, messagingSettings, openDatabase, serve } from '../platform/runtime.js';
import { createNotificationsApp } from './app.js';
import { loadNotificationsConfig } from './config.js';
import type { NotificationsDatabase } from './database.js';
import { MAIL_QUEUE, PgMailOutbox, type MailJob } from './mail/pg-mail-outbox.js';
import { orderMailConsumer } from './order-events.js';

startOrExit(async () => {
  const config = loadNotificationsConfig();
  const logger = createLogger({ name: 'notifications', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const database = await openDatabase<NotificationsDatabase>(config, 'notifications', logger);
  const mailQueue = bullQueue<MailJob>(MAIL_QUEUE, config);
  // Bounded waits on SMTP too (nodemailer reads these from the URL's query).
  const smtpUrl = new URL(config.SMTP_URL);
  for (const [name, ms] of [
    ['connectionTimeout', 5000],
    ['greetingTimeout', 5000],
    ['socketTimeout', 15000],
  ] as const) {
    if (!smtpUrl.searchParams.has(name)) smtpUrl.searchParams.set(name, String(ms));
  }
  const transport = nodemailer.createTransport(smtpUrl.toString());
  const mail = new PgMailOutbox({
    db: database.db,
    queue: mailQueue,
    transport,
    from: config.MAIL_FROM,
    messageIdDomain: config.MAIL_MESSAGE_ID_DOMAIN,
    policy: { attempts: config.MAIL_ATTEMPTS, backoffMs: config.MAIL_BACKOFF_MS },
    clock: systemClock,
    logger,
  });
  const messaging = createMessaging(messagingSettings(config), database.db, systemClock, logger, [
    orderMailConsumer(database.db, mail),
  ]);
  await mail.start(config.MAIL_SWEEP_SECONDS * 1000);
  await messaging.start();

  await serve(
    createNotificationsApp({
      logger,
      db: database.db,
      brokerConnected: () => messaging.broker.isConnected(),
      queueReadiness: () => mailQueue.client.ping(),
      lifecycle,
    }),
    config,
    logger,
    lifecycle,
    [
      { name: 'postgres', stage: 'databases', close: () => database.close() },
      { name: 'smtp', stage: 'mail', close: async () => transport.close() },
      { name: 'mail queue', stage: 'queues', close: () => mailQueue.close() },
      { name: 'rabbitmq', stage: 'brokers', close: () => messaging.stop() },
    ],
  );
});
