/**
 * The mail path on real services for tests and the outage script: an isolated MongoDB database and
 * Redis prefix, an SMTP sink, and fault proxies in front of Redis and SMTP so either can be cut.
 */
import type { Logger } from '@roadmap/core';
import { createQueueRedis, type QueueRedis } from '@roadmap/redis';
import {
  createTestRedis,
  startFaultProxy,
  startSmtpSink,
  targetOf,
  testServices,
  type CapturedMail,
  type FaultProxy,
  type SmtpSink,
  type TestRedis,
} from '@roadmap/testing';
import { createTestDatabase, type TestDatabase } from '@roadmap/testing/mongo';
import { Schema, type Model } from 'mongoose';
import type { Transporter } from 'nodemailer';
import { MailOutbox, type SweepSettings } from '../../src/mail-outbox.js';
import type { MailRetryPolicy } from '../../src/retry-policy.js';
import { createSmtpTransport } from '../../src/smtp-transport.js';
import { MongoMailStore } from '../../src/mongo/mongo-mail-store.js';
import { embeddedMailSource, withOwedMail } from '../../src/mongo/owed-mail.js';

export const MESSAGE_ID_DOMAIN = 'mail-test.local';

/** Retries every 100-500 ms so a few seconds of outage stand for hours. */
export const QUICK_RETRY: MailRetryPolicy = { attempts: 40, baseDelayMs: 100, maxDelayMs: 500 };
export const QUICK_SWEEP: Partial<SweepSettings> = { intervalMs: 300, enqueueAfterMs: 200, recheckAfterMs: 1000 };

/** A business document that owes mail: a comment, say. */
export interface Note {
  body: string;
  owedMail?: unknown[];
  owedMailAt?: Date;
}

export interface MailRig {
  db: TestDatabase;
  redis: TestRedis;
  sink: SmtpSink;
  smtpProxy: FaultProxy;
  redisProxy: FaultProxy;
  queueRedis: QueueRedis;
  transport: Transporter;
  store: MongoMailStore;
  Note: Model<Note>;
  outbox: MailOutbox;
  /** Messages the sink received with this key's Message-ID. */
  received(key: string): CapturedMail[];
  close(): Promise<void>;
}

export interface MailRigOptions {
  logger: Logger;
  retry?: Partial<MailRetryPolicy>;
  sweep?: Partial<SweepSettings>;
  /** Start the worker (default true). */
  worker?: boolean;
}

export async function startMailRig({
  logger,
  retry = QUICK_RETRY,
  sweep = QUICK_SWEEP,
  worker = true,
}: MailRigOptions): Promise<MailRig> {
  const db = await createTestDatabase('mail');
  const redis = await createTestRedis('mail');
  const sink = await startSmtpSink();
  const smtpProxy = await startFaultProxy({ target: { host: sink.host, port: sink.port } });
  const redisProxy = await startFaultProxy({ target: targetOf(testServices.redisUrl) });
  const queueRedis = createQueueRedis(redisProxy.url(testServices.redisUrl), { logger, name: 'mail-test' });
  const transport = createSmtpTransport(`smtp://127.0.0.1:${smtpProxy.port}`, {
    connectionTimeoutMs: 1000,
    greetingTimeoutMs: 1000,
    socketTimeoutMs: 2000,
  });
  const store = new MongoMailStore(db.connection);
  await store.ensureIndexes();
  const noteSchema = new Schema<Note>({ body: { type: String, required: true } });
  withOwedMail(noteSchema);
  const Note = db.connection.model<Note>('Note', noteSchema);
  await Note.createIndexes();
  const outbox = new MailOutbox({
    store,
    redis: queueRedis,
    prefix: redis.prefix,
    logger,
    retry,
    sweep,
    sources: [embeddedMailSource('notes', Note.collection, store)],
  });
  if (worker) {
    outbox.startWorker({ transport, from: 'mail@example.test', messageIdDomain: MESSAGE_ID_DOMAIN, leaseMs: 5000 });
    outbox.startSweeper();
  }
  return {
    db,
    redis,
    sink,
    smtpProxy,
    redisProxy,
    queueRedis,
    transport,
    store,
    Note,
    outbox,
    received(key) {
      const id = `<${Buffer.from(key).toString('base64url')}@${MESSAGE_ID_DOMAIN}>`;
      return sink.messages.filter((mail) => mail.headers.get('message-id') === id);
    },
    async close() {
      smtpProxy.restore();
      redisProxy.restore();
      await outbox.close(3000);
      await queueRedis.close();
      transport.close();
      await Promise.all([smtpProxy.close(), redisProxy.close()]);
      await sink.close();
      await redis.cleanup();
      await db.cleanup();
    },
  };
}
