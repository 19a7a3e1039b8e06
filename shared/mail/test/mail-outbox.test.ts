/**
 * The mail path on real MongoDB-compatible storage, Redis and SMTP, with faults injected through
 * proxies: every owed message arrives exactly once whatever was down when.
 */
import { testLogger, waitFor } from '@roadmap/testing';
import { deliverMail, MailBusyError } from '../src/mail-delivery.js';
import { owedMailFields, owedMailPush } from '../src/mongo/owed-mail.js';
import { MESSAGE_ID_DOMAIN, startMailRig, type MailRig } from './support/mail-rig.js';
import { runSmtpOutage } from './support/smtp-outage.js';

const logger = testLogger('mail');

const mail = (key: string) => ({ key, to: 'author@example.test', subject: `About ${key}`, text: `Hello ${key}` });

/** What a worker sends with, on the rig's store (or another) and transport, with a 5 s lease. */
function deliveryDeps(rig: MailRig, store: MailRig['store'] = rig.store) {
  const now = () => new Date();
  return {
    store,
    transport: rig.transport,
    from: 'mail@example.test',
    logger,
    now,
    leaseMs: 5000,
    messageIdDomain: MESSAGE_ID_DOMAIN,
  };
}

async function sentStatus(rig: MailRig, key: string): Promise<string | undefined> {
  return (await rig.store.get(key))?.status;
}

describe('the mail outbox', () => {
  let rig: MailRig;

  beforeAll(async () => {
    rig = await startMailRig({ logger });
  });

  afterAll(async () => {
    await rig.close();
  });

  it('records mail inside the business document and delivers it once, leaving the document clean', async () => {
    const note = await rig.Note.create({ body: 'a comment', ...owedMailFields([mail('note:1')], new Date()) });

    rig.outbox.relaySoon('notes', note._id);

    await rig.sink.waitForMessage((m) => m.subject === 'About note:1');
    await waitFor(async () => (await sentStatus(rig, 'note:1')) === 'sent', { description: 'note:1 marked sent' });
    const stored = await rig.Note.findById(note._id).lean();
    expect(stored?.owedMail).toBeUndefined();
    expect(stored?.owedMailAt).toBeUndefined();
    expect(rig.received('note:1')).toHaveLength(1);
  });

  it('records mail pushed in an update of the document, with the change itself', async () => {
    const note = await rig.Note.create({ body: 'draft' });

    await rig.Note.updateOne(
      { _id: note._id },
      { $set: { body: 'confirmed' }, ...owedMailPush(mail('note:2'), new Date()) },
    );
    rig.outbox.relaySoon('notes', note._id);

    await rig.sink.waitForMessage((m) => m.subject === 'About note:2');
    expect(rig.received('note:2')).toHaveLength(1);
  });

  it('sends mail a crash left in a business document, through the sweep', async () => {
    // Written with its owed mail, but the process "died" before relaying it.
    await rig.Note.create({ body: 'orphan', ...owedMailFields([mail('note:orphan')], new Date()) });

    await rig.sink.waitForMessage((m) => m.subject === 'About note:orphan', 10_000);

    expect(rig.received('note:orphan')).toHaveLength(1);
  });

  it('sends a message once when its job is delivered twice at the same time', async () => {
    await rig.store.insert(mail('dup:1'), new Date());
    const deps = deliveryDeps(rig);

    const outcomes = await Promise.allSettled([
      deliverMail({ key: 'dup:1', generation: 0 }, deps),
      deliverMail({ key: 'dup:1', generation: 0 }, deps),
    ]);
    const again = await deliverMail({ key: 'dup:1', generation: 0 }, deps);

    const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : o.reason));
    expect(values).toContainEqual('sent');
    expect(values.filter((v) => v === 'sent')).toHaveLength(1);
    expect(values.every((v) => v === 'sent' || v === 'already-sent' || v instanceof MailBusyError)).toBe(true);
    expect(again).toBe('already-sent');
    expect(rig.received('dup:1')).toHaveLength(1);
  });

  it('sends a message once when the database fails just after SMTP accepted it', async () => {
    await rig.store.insert(mail('db-blip:1'), new Date());
    let failures = 2;
    const store = Object.create(rig.store) as typeof rig.store;
    store.markSent = async (...args) => {
      if (failures-- > 0) throw Object.assign(new Error('read ECONNRESET'), { name: 'MongoNetworkError' });
      return rig.store.markSent(...args);
    };
    const deps = deliveryDeps(rig, store);

    const outcome = await deliverMail({ key: 'db-blip:1', generation: 0 }, deps);

    expect(outcome).toBe('sent');
    expect(failures).toBe(-1);
    expect((await rig.store.get('db-blip:1'))?.status).toBe('sent');
    expect(rig.received('db-blip:1')).toHaveLength(1);
  });

  it('never waits on Redis to record, and sends what was recorded while Redis was down once it is back', async () => {
    rig.redisProxy.cut();
    let recordMs: number;
    let whileDown;
    try {
      const started = Date.now();
      await rig.outbox.record(mail('redis-down:1'));
      recordMs = Date.now() - started;
      await rig.outbox.idle(5000);
      whileDown = await rig.store.get('redis-down:1');
    } finally {
      rig.redisProxy.restore();
    }

    expect(recordMs).toBeLessThan(1000);
    expect(whileDown?.status).toBe('pending');
    expect(whileDown?.queuedAt).toBeUndefined();

    await rig.sink.waitForMessage((m) => m.subject === 'About redis-down:1', 10_000);
    await waitFor(async () => (await sentStatus(rig, 'redis-down:1')) === 'sent', { description: 'marked sent' });
    expect(rig.received('redis-down:1')).toHaveLength(1);
  });

  it('marks a message failed once its retries are spent, keeps it listed, and sends it on a manual retry', async () => {
    const failing = await startMailRig({ logger, retry: { attempts: 2, baseDelayMs: 50, maxDelayMs: 50 } });
    try {
      failing.smtpProxy.cut();
      await failing.outbox.record(mail('fails:1'));
      await waitFor(async () => (await failing.store.get('fails:1'))?.status === 'failed', {
        timeoutMs: 10_000,
        description: 'the message to be marked failed',
      });
      const [listed] = await failing.outbox.list({ status: 'failed' });
      expect(listed).toMatchObject({
        key: 'fails:1',
        attempts: 2,
        lastError: expect.stringMatching(/ECONNRESET|closed/i),
      });

      failing.smtpProxy.restore();
      const retried = await failing.outbox.retryFailed('fails:1');

      expect(retried).toMatchObject({ status: 'pending', generation: 1, attempts: 0 });
      await failing.sink.waitForMessage((m) => m.subject === 'About fails:1', 10_000);
      await waitFor(async () => (await failing.store.get('fails:1'))?.status === 'sent', { description: 'sent' });
      expect(failing.received('fails:1')).toHaveLength(1);
      expect(await failing.outbox.retryFailed('fails:1')).toBeNull();
    } finally {
      await failing.close();
    }
  });

  it('erases the body of a sensitive message once it is sent', async () => {
    await rig.outbox.record({ ...mail('reset:1'), text: 'Reset: https://x.test/reset?token=s3cret', sensitive: true });

    await rig.sink.waitForMessage((m) => m.subject === 'About reset:1');
    await waitFor(async () => (await sentStatus(rig, 'reset:1')) === 'sent', { description: 'marked sent' });

    expect(rig.sink.messages.find((m) => m.subject === 'About reset:1')?.text).toContain('s3cret');
    expect((await rig.store.get('reset:1'))?.text).not.toContain('s3cret');
  });
});

describe('Redis coming back', () => {
  it('queues mail recorded just before Redis returned at once, not at the next periodic sweep', async () => {
    // Periodic sweeps a minute apart, and new mail left to its own enqueue for 10 s (the defaults):
    // only the sweep run on reconnect can send this message within the test's deadline.
    const rig = await startMailRig({ logger, sweep: { intervalMs: 60_000 } });
    try {
      rig.redisProxy.cut();
      await rig.outbox.record(mail('reconnect:1'));
      await rig.outbox.idle(5000);
      expect((await rig.store.get('reconnect:1'))?.queuedAt).toBeUndefined();

      rig.redisProxy.restore();

      await rig.sink.waitForMessage((m) => m.subject === 'About reconnect:1', 5000);
      expect(rig.received('reconnect:1')).toHaveLength(1);
    } finally {
      await rig.close();
    }
  });
});

describe('an SMTP outage', () => {
  it('loses and duplicates no message recorded before or during it', async () => {
    const report = await runSmtpOutage({ logger, messages: 12, outageMs: 3000, settleMs: 15_000 });

    expect(report).toMatchObject({ owed: 12, delivered: 12, duplicated: 0, lost: 0 });
  }, 40_000);
});
