/**
 * The PostgreSQL mail store on the real server: the message commits or rolls back with the
 * business write of its transaction, and is delivered once through the same outbox as on MongoDB.
 */
import { createQueueRedis, type QueueRedis } from '@roadmap/redis';
import {
  createTestRedis,
  createTestSchema,
  startSmtpSink,
  testLogger,
  testServices,
  waitFor,
  type SmtpSink,
  type TestRedis,
  type TestSchema,
} from '@roadmap/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { MailOutbox } from '../src/mail-outbox.js';
import { createSmtpTransport } from '../src/smtp-transport.js';
import { MAIL_OUTBOX_SQL, MAIL_OUTBOX_UPGRADE_SQL, PgMailStore } from '../src/postgres/pg-mail-store.js';

const logger = testLogger('pg-mail');
const mail = (key: string) => ({ key, to: 'buyer@example.test', subject: `Order ${key}`, text: `Thanks for ${key}` });

describe('PgMailStore', () => {
  let schema: TestSchema;
  let db: Kysely<Record<string, never>>;
  let store: PgMailStore;

  beforeAll(async () => {
    schema = await createTestSchema('pg_mail');
    db = new Kysely({ dialect: new PostgresDialect({ pool: schema.pool }) });
    await sql.raw(MAIL_OUTBOX_SQL).execute(db);
    await sql`CREATE TABLE inbox (event_id text PRIMARY KEY)`.execute(db);
    store = new PgMailStore(db);
  });

  afterAll(async () => {
    await schema.cleanup();
  });

  it('records the message only when the business transaction commits', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO inbox VALUES ('evt-1')`.execute(trx);
        await store.within(trx).insert(mail('order:1'), new Date());
        throw new Error('the business write failed');
      }),
    ).rejects.toThrow('the business write failed');
    expect(await store.get('order:1')).toBeNull();

    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO inbox VALUES ('evt-1')`.execute(trx);
      await store.within(trx).insert(mail('order:1'), new Date());
    });

    expect(await store.get('order:1')).toMatchObject({ key: 'order:1', status: 'pending', generation: 0, attempts: 0 });
    expect(await store.insert(mail('order:1'), new Date())).toBe(false);
  });

  it('lets one sender hold the lease, marks sent once, and reopens only failed messages', async () => {
    const now = new Date();
    await store.insert(mail('order:2'), now);
    const lease = new Date(now.getTime() + 60_000);

    const [first, second] = await Promise.all([
      store.claim('order:2', 0, now, lease),
      store.claim('order:2', 0, now, lease),
    ]);

    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await store.markSent('order:2', 0, now, false)).toBe(true);
    expect(await store.markSent('order:2', 0, now, false)).toBe(false);
    expect(await store.reopen('order:2')).toBeNull();

    await store.insert(mail('order:3'), now);
    expect(await store.markFailed('order:3', 0, '451 try later', now)).toBe(true);
    expect(await store.list({ status: 'failed', limit: 10 })).toEqual([
      expect.objectContaining({ key: 'order:3', lastError: '451 try later' }),
    ]);
    expect(await store.reopen('order:3')).toMatchObject({ status: 'pending', generation: 1 });
  });
});

describe('MAIL_OUTBOX_UPGRADE_SQL', () => {
  it("completes the e-commerce project's first mail_outbox table for the shared store", async () => {
    const schema = await createTestSchema('pg_mail_upgrade');
    const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: schema.pool }) });
    try {
      // The table as the e-commerce project's notifications schema first created it (001_mail_outbox).
      await sql`CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), dedupe_key text NOT NULL UNIQUE, recipient text NOT NULL,
        subject text NOT NULL, text_body text NOT NULL, html_body text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0, last_error text, message_id text,
        created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz)`.execute(db);
      await sql.raw(MAIL_OUTBOX_UPGRADE_SQL).execute(db);
      const store = new PgMailStore(db);

      await store.insert(mail('order:old'), new Date());

      expect(await store.claim('order:old', 0, new Date(), new Date(Date.now() + 1000))).toMatchObject({ attempts: 1 });
    } finally {
      await schema.cleanup();
    }
  });
});

describe('MailOutbox on PostgreSQL', () => {
  let schema: TestSchema;
  let redis: TestRedis;
  let queueRedis: QueueRedis;
  let sink: SmtpSink;
  let outbox: MailOutbox;
  let db: Kysely<Record<string, never>>;

  beforeAll(async () => {
    schema = await createTestSchema('pg_mail_outbox');
    db = new Kysely({ dialect: new PostgresDialect({ pool: schema.pool }) });
    await sql.raw(MAIL_OUTBOX_SQL).execute(db);
    redis = await createTestRedis('pg_mail');
    queueRedis = createQueueRedis(testServices.redisUrl, { logger });
    sink = await startSmtpSink();
    outbox = new MailOutbox({ store: new PgMailStore(db), redis: queueRedis, prefix: redis.prefix, logger });
    outbox.startWorker({
      transport: createSmtpTransport(`smtp://127.0.0.1:${sink.port}`),
      from: 'shop@example.test',
      messageIdDomain: 'shop.test',
    });
  });

  afterAll(async () => {
    await outbox.close();
    await queueRedis.close();
    await sink.close();
    await redis.cleanup();
    await schema.cleanup();
  });

  it('delivers a message recorded in a transaction once it is queued after the commit', async () => {
    const store = outbox.store as PgMailStore;
    await db.transaction().execute((trx) => store.within(trx).insert(mail('order:10'), new Date()));

    outbox.enqueueSoon('order:10');

    await sink.waitForMessage((m) => m.subject === 'Order order:10');
    await waitFor(async () => (await store.get('order:10'))?.status === 'sent', { description: 'marked sent' });
    expect(sink.messages.filter((m) => m.subject === 'Order order:10')).toHaveLength(1);
  });
});
