/**
 * The notifications process, put together from connections opened elsewhere: the mail store and its
 * delivery (@roadmap/mail), the broker's consumer, the health app and what closes them. server.ts
 * passes the real connections; the tests' stack passes its isolated ones, so both run this one
 * composition.
 */
import type { Closer, Logger, MutableLifecycle } from '@roadmap/core';
import {
  createSmtpTransport,
  MailOutbox,
  type MailRetryPolicy,
  type SweepSettings,
  type WorkerOptions,
} from '@roadmap/mail';
import { PgMailStore } from '@roadmap/mail/postgres';
import type { QueueRedis } from '@roadmap/redis';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import { systemClock } from '../platform/clock.js';
import type { BrokerOptions } from '../platform/messaging/broker.js';
import { createMessaging, type Messaging, type MessagingSettings } from '../platform/runtime.js';
import { createNotificationsApp } from './app.js';
import type { NotificationsDatabase } from './database.js';
import { MAIL_QUEUE, orderMailConsumer } from './modules/order-mail/index.js';

export interface NotificationsConnections {
  logger: Logger;
  db: Kysely<NotificationsDatabase>;
  messaging: MessagingSettings;
  /** Bull's connections and key prefix, for the mail queue. */
  queues: { redis: QueueRedis; prefix: string };
  smtpUrl: string;
}

export interface NotificationsProcessOptions {
  mail: Omit<WorkerOptions, 'transport' | 'concurrency'>;
  retry?: Partial<MailRetryPolicy>;
  sweep?: Partial<SweepSettings>;
  lifecycle?: MutableLifecycle;
  broker?: Partial<BrokerOptions>;
}

export interface NotificationsProcess {
  /** The worker's health app (/healthz, /readyz). */
  app: Express;
  /** Replaceable (a test may restart the process's broker); the closers stop whichever is current. */
  messaging: Messaging<NotificationsDatabase>;
  mail: MailOutbox;
  store: PgMailStore;
  closers: Closer[];
  start(): Promise<void>;
}

export function createNotificationsProcess(
  connections: NotificationsConnections,
  options: NotificationsProcessOptions,
): NotificationsProcess {
  const { logger, db, queues } = connections;
  const store = new PgMailStore(db);
  const mail = new MailOutbox({
    store,
    redis: queues.redis,
    prefix: queues.prefix,
    queueName: MAIL_QUEUE,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sweep ? { sweep: options.sweep } : {}),
  });
  const transport = createSmtpTransport(connections.smtpUrl);
  const messaging = createMessaging(
    connections.messaging,
    db,
    systemClock,
    logger,
    [orderMailConsumer({ db, store, outbox: mail, clock: systemClock })],
    options.broker,
  );

  const notifications: NotificationsProcess = {
    app: createNotificationsApp({
      logger,
      db,
      brokerConnected: () => notifications.messaging.broker.isConnected(),
      queueReadiness: queues.redis.readiness,
      ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}),
    }),
    messaging,
    mail,
    store,
    closers: [
      { name: 'rabbitmq', stage: 'brokers', close: () => notifications.messaging.stop() },
      { name: 'mail outbox', stage: 'mail', close: () => mail.close() },
      { name: 'smtp', stage: 'mail', close: () => transport.close() },
    ],
    async start() {
      mail.startDelivery({ transport, ...options.mail });
      await notifications.messaging.start();
    },
  };
  return notifications;
}
