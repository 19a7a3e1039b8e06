/**
 * The auth service under faults, through fault proxies between it and its real Redis and SMTP
 * server. Rate limits and lockout counters live in Redis, so without it a login is refused, fast:
 * 503 within the bound, never a hang, and prompt again once Redis is back. Emailed links owed
 * during a mail server outage arrive exactly once when it returns, and their bodies are then erased.
 */
import { expectProblem, uniqueEmail, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { loginAttempt, PASSWORD, registerUser, useAuthHarness } from './harness.js';

/** The longest a request may take with a dependency down (the bound: about 1-2 s). */
const BOUND_MS = 2000;

const h = useAuthHarness('auth_faults', { faults: { redis: true, smtp: true } });
afterEach(() => {
  h.proxies.redis?.restore();
  h.proxies.smtp?.restore();
});

async function timedLogin(email: string) {
  const started = Date.now();
  const res = await loginAttempt(h.app, email, PASSWORD);
  return { res, ms: Date.now() - started };
}

const readyz = () => request(h.app).get('/readyz');

describe.each([
  ['cut (connections reset)', () => h.proxies.redis?.cut()],
  ['blackholed (connections accepted, nothing answered)', () => h.proxies.redis?.blackhole()],
])('with Redis %s', (_label, breakRedis) => {
  it('refuses a login with 503 within the bound, naming no driver detail, and logs in promptly once Redis is back', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    breakRedis();

    const { res, ms } = await timedLogin(email);

    expect(ms).toBeLessThan(BOUND_MS);
    expect(expectProblem(res, 503).detail).toBe('A dependency is unavailable; try again shortly.');
    expect(JSON.stringify(res.body)).not.toMatch(/ECONN|redis|Command|127\.0\.0\.1|timed out/i);
    const notReady = await readyz();
    expect(notReady.status).toBe(503);
    expect(notReady.body).toEqual({
      status: 'not ready',
      checks: { mongo: { status: 'up' }, redis: { status: 'down' } },
    });

    h.proxies.redis?.restore();

    await waitFor(async () => (await readyz()).status === 200, { description: 'readiness after Redis is back' });
    const after = await timedLogin(email);
    expect(after.res.status).toBe(200);
    expect(after.ms).toBeLessThan(BOUND_MS);
  });
});

describe('with the mail server down', () => {
  it('sends every verification link owed during the outage exactly once when it is back, then erases its body', async () => {
    h.proxies.smtp?.cut();
    const emails = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')];
    const users = [];
    for (const email of emails) users.push(await registerUser(h.app, email));
    const tokens = await h.models.EmailToken.find({ userId: { $in: users.map((user) => user.id) } }).lean();
    const keys = tokens.map((token) => `verify-email:${token._id.toString()}`);
    await waitFor(async () => ((await h.mail.store.get(keys[0] ?? ''))?.attempts ?? 0) >= 2, {
      description: 'a refused attempt',
    });

    h.proxies.smtp?.restore();

    const sent = () => emails.map((email) => h.smtp.messages.filter((m) => m.to.includes(email)).length);
    await waitFor(() => sent().every((count) => count > 0), { timeoutMs: 15_000, description: 'every link' });
    await waitFor(async () => {
      const stored = await Promise.all(keys.map((key) => h.mail.store.get(key)));
      return stored.every((mail) => mail?.status === 'sent');
    });
    await h.mail.sweep({ eager: true });
    await h.mail.idle();
    expect(sent()).toEqual([1, 1, 1]);
    for (const key of keys) expect((await h.mail.store.get(key))?.text).toBe('[erased after sending]');
  });
});

describe('with MongoDB failing just after a forgot-password answer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('still records and sends the promised reset link, once, when MongoDB answers again', async () => {
    const email = uniqueEmail('forgot');
    await registerUser(h.app, email);
    const create = h.models.EmailToken.create.bind(h.models.EmailToken);
    let refused = 0;
    jest.spyOn(h.models.EmailToken, 'create').mockImplementation(((...args: Parameters<typeof create>) => {
      // The first two writes of the reset token meet a dead connection.
      if (refused < 2) {
        refused += 1;
        return Promise.reject(
          Object.assign(new Error('connection 7 to 127.0.0.1:27017 closed'), { name: 'MongoNetworkError' }),
        );
      }
      return create(...args);
    }) as unknown as typeof h.models.EmailToken.create);

    await request(h.app).post('/api/v1/auth/forgot-password').send({ email }).expect(202);

    const mail = await h.smtp.waitForMessage((m) => m.to.includes(email) && m.subject.includes('Reset'), 15_000);
    expect(refused).toBe(2);
    await h.mail.sweep({ eager: true });
    await h.mail.idle();
    expect(h.smtp.messages.filter((m) => m.to.includes(email) && m.subject.includes('Reset'))).toHaveLength(1);
    const token = /token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? '';
    await request(h.app)
      .post('/api/v1/auth/reset-password')
      .send({ token: decodeURIComponent(token), newPassword: 'brand-new-password-9' })
      .expect(204);
  });
});
