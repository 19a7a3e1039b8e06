/**
 * The whole mail path of a MongoDB project as its tests run it: its own Redis connections, an SMTP
 * transport with short timeouts, retries every 50-500 ms and sweeps every half second (so seconds
 * of outage stand for hours), the worker and the sweeper started, and one `close()` for all of it.
 * Point `redisUrl` and `smtpUrl` at fault proxies to cut either.
 */
import { settleWithin, type Logger } from '@roadmap/core';
import { createQueueRedis, type QueueRedis } from '@roadmap/redis';
import type { Connection } from 'mongoose';
import type { Transporter } from 'nodemailer';
import { messageIdFor } from '../mail-delivery.js';
import type { MailOutbox, OwedMailSource } from '../mail-outbox.js';
import type { MailRetryPolicy } from '../retry-policy.js';
import { createSmtpTransport } from '../smtp-transport.js';
import type { MongoMailStore } from '../mongo/mongo-mail-store.js';
import { openMongoMailOutbox } from '../mongo/open-outbox.js';

export const QUICK_MAIL_RETRY: MailRetryPolicy = { attempts: 40, baseDelayMs: 50, maxDelayMs: 500 };

export interface TestMailPathOptions {
  connection: Connection;
  redisUrl: string;
  smtpUrl: string;
  /** Bull key prefix: the test's isolated Redis prefix. */
  prefix: string;
  logger: Logger;
  sources: (store: MongoMailStore) => OwedMailSource[];
  from: string;
  messageIdDomain: string;
  retry?: Partial<MailRetryPolicy>;
}

export interface TestMailPath {
  outbox: MailOutbox;
  queueRedis: QueueRedis;
  transport: Transporter;
  /** The Message-ID a message with this key carries, to find it in an SMTP sink. */
  messageIdOf(key: string): string;
  close(): Promise<void>;
}

/**
 * Waits (at most `timeoutMs`) for every connection still reconnecting, e.g. after a test's cut that
 * the harness restored just before cleanup. Closing Bull's worker aborts its blocking reads only on a
 * connected client; on one still reconnecting they are sent again once it is back and each blocks for
 * Bull's drainDelay (5 s), one after another: a 25 s close.
 */
async function reconnected(queueRedis: QueueRedis, timeoutMs: number): Promise<void> {
  const reconnecting = queueRedis.clients().filter((client) => client.status !== 'ready' && client.status !== 'end');
  const ready = reconnecting.map((client) => new Promise((resolve) => client.once('ready', resolve)));
  await settleWithin(Promise.all(ready), timeoutMs);
}

export async function startTestMailPath(options: TestMailPathOptions): Promise<TestMailPath> {
  const { logger, messageIdDomain } = options;
  const queueRedis = createQueueRedis(options.redisUrl, { logger, name: 'mail-test' });
  const transport = createSmtpTransport(options.smtpUrl, {
    connectionTimeoutMs: 1000,
    greetingTimeoutMs: 1000,
    socketTimeoutMs: 2000,
  });
  const outbox = await openMongoMailOutbox({
    connection: options.connection,
    redis: queueRedis,
    prefix: options.prefix,
    logger,
    retry: options.retry ?? QUICK_MAIL_RETRY,
    sweep: { intervalMs: 500, enqueueAfterMs: 200, recheckAfterMs: 2000 },
    sources: options.sources,
  });
  outbox.startDelivery({ transport, from: options.from, messageIdDomain, leaseMs: 8000 });
  return {
    outbox,
    queueRedis,
    transport,
    messageIdOf: (key) => messageIdFor(key, messageIdDomain),
    async close() {
      await reconnected(queueRedis, 2000);
      await outbox.close(3000);
      transport.close();
      await queueRedis.close();
    },
  };
}
