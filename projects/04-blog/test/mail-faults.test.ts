/**
 * Comments under faults, through fault proxies between the blog and its real Redis, SMTP server and
 * MongoDB: a comment is answered at once and kept whatever Redis does, the email it owes is recorded
 * with it and sent once Redis is back, an SMTP outage loses and duplicates nothing, and a database
 * outage is a prompt 503 that names no driver detail.
 */
import { expectProblem, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { commentEmailKey } from '../src/modules/comments/index.js';
import { makeUser, publishedPost, type PostBody, type TestUser } from './fixtures.js';
import { useBlogHarness } from './harness.js';

/** The longest a request may take with Redis or SMTP down (the bound: about 1-2 s). */
const BOUND_MS = 2000;
/** With MongoDB down: connectMongo's default bound is 2 s, 2.5 s at worst (see mongoBounds). */
const DATABASE_BOUND_MS = 3000;

const h = useBlogHarness('blog-mail-faults', { faults: { redis: true, smtp: true, mongo: true } });
let author: TestUser;
let reader: TestUser;
let post: PostBody;

beforeAll(async () => {
  author = makeUser(h.issuer, 'user', 'author');
  reader = makeUser(h.issuer, 'user', 'reader');
  post = await publishedPost(h.app, author, makeUser(h.issuer, 'admin'), { title: 'Faulty post' });
});
afterEach(() => {
  h.proxies.redis?.restore();
  h.proxies.smtp?.restore();
  h.proxies.mongo?.restore();
});

async function timedComment(body: string) {
  const started = Date.now();
  const res = await request(h.app).post(`/api/v1/posts/${post.id}/comments`).set(reader.header).send({ body });
  return { res, ms: Date.now() - started };
}

/** The messages the sink received for this comment's email (by the Message-ID its key gives). */
function received(commentId: string) {
  const id = h.messageIdOf(commentEmailKey(commentId, author.email));
  return h.smtp.messages.filter((mail) => mail.headers.get('message-id') === id);
}

async function readiness() {
  const res = await request(h.app).get('/readyz');
  return { status: res.status, body: res.body as { status: string; checks: Record<string, { status: string }> } };
}

describe.each([
  ['cut (connections reset)', () => h.proxies.redis?.cut()],
  ['blackholed (connections accepted, nothing answered)', () => h.proxies.redis?.blackhole()],
])('with Redis %s', (_label, breakRedis) => {
  it('answers a comment within the bound, keeps it, and emails the author once Redis is back', async () => {
    breakRedis();

    const { res, ms } = await timedComment(`While Redis is down ${_label}`);

    expect(res.status).toBe(201);
    expect(ms).toBeLessThan(BOUND_MS);
    const id = res.body.id as string;
    expect(await h.models.Comment.countDocuments({ _id: id })).toBe(1);
    // Owed, recorded in MongoDB, not sent.
    const owed = await waitFor(async () => (await h.mail.store.get(commentEmailKey(id, author.email))) ?? undefined, {
      description: 'the owed email to be recorded',
    });
    expect(owed.status).toBe('pending');
    const notReady = await readiness();
    expect(notReady).toEqual({
      status: 503,
      body: { status: 'not ready', checks: { mongo: { status: 'up' }, redis: { status: 'down' } } },
    });
    expect(received(id)).toEqual([]);

    h.proxies.redis?.restore();

    await waitFor(() => received(id).length > 0, { timeoutMs: 10_000, description: 'the owed email' });
    await waitFor(async () => (await readiness()).status === 200, { description: 'readiness after Redis is back' });
    const after = await timedComment('After Redis is back');
    expect(after.res.status).toBe(201);
    expect(after.ms).toBeLessThan(BOUND_MS);
    await waitFor(() => received(after.res.body.id as string).length === 1, { timeoutMs: 10_000 });
    await waitFor(async () => (await h.mail.store.get(commentEmailKey(id, author.email)))?.status === 'sent');
    expect(received(id)).toHaveLength(1);
  });
});

describe('with the mail server down', () => {
  it('delivers every email owed during a mail server outage exactly once when it is back', async () => {
    h.proxies.smtp?.cut();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { res, ms } = await timedComment(`During the SMTP outage ${i}`);
      expect(res.status).toBe(201);
      expect(ms).toBeLessThan(BOUND_MS);
      ids.push(res.body.id as string);
    }
    // Tried and refused, still owed.
    const stored = await waitFor(async () => {
      const mail = await h.mail.store.get(commentEmailKey(ids[0] ?? '', author.email));
      return mail && mail.attempts >= 2 ? mail : undefined;
    });
    expect(stored).toMatchObject({
      status: 'pending',
      lastError: expect.stringMatching(/ECONNRESET|ECONNREFUSED|closed/),
    });

    h.proxies.smtp?.restore();

    await waitFor(() => ids.every((id) => received(id).length > 0), { timeoutMs: 15_000, description: 'every email' });
    await h.mail.sweep({ eager: true });
    expect(ids.map((id) => received(id).length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('never waits for a mail server that accepts and never answers, and sends once it answers', async () => {
    h.proxies.smtp?.blackhole();

    const { res, ms } = await timedComment('The mail server is silent');

    expect(res.status).toBe(201);
    expect(ms).toBeLessThan(BOUND_MS);
    const key = commentEmailKey(res.body.id as string, author.email);
    const stuck = await waitFor(async () => {
      const mail = await h.mail.store.get(key);
      return mail?.lastError ? mail : undefined;
    });
    expect(stuck).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/greeting|timeout/i) });

    h.proxies.smtp?.restore();

    await waitFor(async () => (await h.mail.store.get(key))?.status === 'sent', { timeoutMs: 15_000 });
    expect(received(res.body.id as string)).toHaveLength(1);
  });
});

describe('with MongoDB cut', () => {
  it('answers 503 at once with a problem that names no driver detail, and serves again once it is back', async () => {
    h.proxies.mongo?.cut();

    const { res, ms } = await timedComment('While MongoDB is down');

    expect(ms).toBeLessThan(DATABASE_BOUND_MS);
    expect(expectProblem(res, 503).detail).toBe('A dependency is unavailable; try again shortly.');
    expect(res.headers['retry-after']).toBe('2');
    expect(JSON.stringify(res.body)).not.toMatch(/ECONN|Mongo|127\.0\.0\.1|timed out|socket/i);
    expect(await readiness()).toEqual({
      status: 503,
      body: { status: 'not ready', checks: { mongo: { status: 'down' }, redis: { status: 'up' } } },
    });

    h.proxies.mongo?.restore();

    const back = await waitFor(
      async () => {
        const attempt = await timedComment('After MongoDB is back');
        return attempt.res.status === 201 ? attempt : undefined;
      },
      { timeoutMs: 15_000, description: 'a comment once MongoDB is back' },
    );
    expect(back.ms).toBeLessThan(BOUND_MS);
    await waitFor(async () => (await readiness()).status === 200, { description: 'readiness after MongoDB is back' });
  });
});
