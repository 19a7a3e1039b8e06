import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, loginAttempt, PASSWORD, registerUser, testSettings } from './harness.js';

const limits = { windowMs: 60_000, loginPerIp: 4, loginPerAccount: 3, registerPerIp: 2, forgotPasswordPerIp: 2 };

const h = useAuthHarness('auth_ratelimit', {
  settings: {
    rateLimits: limits,
    // Lockout thresholds out of reach, so these tests see only the rate limits.
    pairLockout: { ...testSettings().pairLockout, threshold: 1000 },
    accountLockout: { ...testSettings().accountLockout, threshold: 1000 },
  },
});

function loginFrom(ip: string, email: string, app = h.app) {
  return loginAttempt(app, email, 'wrong-password-1', ip);
}

function expect429WithRetryAfter(res: request.Response): void {
  expectProblem(res, 429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

it('limits login attempts by IP across accounts, answering 429 with Retry-After', async () => {
  const ip = '192.0.2.10';
  for (let i = 0; i < limits.loginPerIp; i += 1) expect((await loginFrom(ip, uniqueEmail())).status).toBe(401);
  expect429WithRetryAfter(await loginFrom(ip, uniqueEmail()));
  // Another IP is not affected.
  expect((await loginFrom('192.0.2.11', uniqueEmail())).status).toBe(401);
});

it('limits login attempts by account across IPs', async () => {
  const email = uniqueEmail();
  for (let i = 0; i < limits.loginPerAccount; i += 1)
    expect((await loginFrom(`192.0.2.${20 + i}`, email)).status).toBe(401);
  expect429WithRetryAfter(await loginFrom('192.0.2.30', email));
  // The account key is the normalised email: case does not escape the limit.
  expect429WithRetryAfter(await loginFrom('192.0.2.31', email.toUpperCase()));
});

it('holds the limit across two instances sharing Redis', async () => {
  const replica = h.replica();
  const ip = '192.0.2.40';
  const apps = [h.app, replica, h.app, replica];
  for (const app of apps) expect((await loginFrom(ip, uniqueEmail(), app)).status).toBe(401);
  expect429WithRetryAfter(await loginFrom(ip, uniqueEmail(), replica));
});

it('limits registration by IP', async () => {
  const register = () =>
    request(h.app)
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', '192.0.2.50')
      .send({ email: uniqueEmail(), password: PASSWORD, name: 'R' });
  expect((await register()).status).toBe(201);
  expect((await register()).status).toBe(201);
  expect429WithRetryAfter(await register());
});

it('limits forgot-password by IP', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const forgot = () =>
    request(h.app).post('/api/v1/auth/forgot-password').set('X-Forwarded-For', '192.0.2.60').send({ email });
  expect((await forgot()).status).toBe(202);
  expect((await forgot()).status).toBe(202);
  expect429WithRetryAfter(await forgot());
});

describe('the per-account limit against a single attacker', () => {
  const locked = useAuthHarness('auth_ratelimit_lockout', {
    settings: {
      rateLimits: { ...limits, loginPerIp: 1000, loginPerAccount: 4 },
      pairLockout: { ...testSettings().pairLockout, threshold: 2 },
      accountLockout: { ...testSettings().accountLockout, threshold: 1000 },
    },
  });

  it('counts only wrong-password answers, so attempts refused by the IP lockout cannot keep the real user out', async () => {
    const email = uniqueEmail();
    await registerUser(locked.app, email);
    const attacker = '192.0.2.70';
    for (let i = 0; i < 2; i += 1) expect((await loginFrom(attacker, email, locked.app)).status).toBe(401);
    // Locked for this IP: these test no password and must not use up the account's allowance.
    for (let i = 0; i < 6; i += 1) expectProblem(await loginFrom(attacker, email, locked.app), 429);

    const real = await request(locked.app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '192.0.2.71')
      .send({ email, password: PASSWORD });
    expect(real.status).toBe(200);
  });

  it('still limits wrong passwords by account across IPs', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 4; i += 1) expect((await loginFrom(`192.0.2.${80 + i}`, email, locked.app)).status).toBe(401);
    expect429WithRetryAfter(await loginFrom('192.0.2.90', email, locked.app));
  });
});
