import { randomBytes } from 'node:crypto';
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, loginAttempt, PASSWORD, registerUser, testSettings } from './harness.js';

const limits = {
  windowMs: 60_000,
  loginPerIp: 4,
  registerPerIp: 2,
  forgotPasswordPerIp: 2,
  refreshPerIp: 5,
  emailLinkPerIp: 3,
  mfaPerIp: 3,
};

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

it('limits nothing per account: wrong passwords from many addresses never rate-limit the owner', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  for (let i = 0; i < 10; i += 1) expect((await loginFrom(`192.0.2.${20 + i}`, email)).status).toBe(401);

  const owner = await request(h.app)
    .post('/api/v1/auth/login')
    .set('X-Forwarded-For', '192.0.2.35')
    .send({ email, password: PASSWORD });

  expect(owner.status).toBe(200);
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

describe('endpoints that take a guessable secret', () => {
  const burst = async (limit: number, send: () => request.Test) => {
    const answers: request.Response[] = [];
    for (let i = 0; i <= limit; i += 1) answers.push(await send());
    return answers;
  };

  it('limits refresh by IP: a burst of random tokens gets 429 with Retry-After', async () => {
    const refresh = (ip: string) =>
      request(h.app)
        .post('/api/v1/auth/refresh')
        .set('X-Forwarded-For', ip)
        .send({ refreshToken: randomBytes(32).toString('base64url') });

    const answers = await burst(limits.refreshPerIp, () => refresh('192.0.2.100'));

    expect(answers.slice(0, limits.refreshPerIp).map((res) => res.status)).toEqual(
      Array(limits.refreshPerIp).fill(401),
    );
    expect429WithRetryAfter(answers[limits.refreshPerIp] as request.Response);
    expect((await refresh('192.0.2.101')).status).toBe(401);
  });

  it('limits verify-email and reset-password together by IP: a burst of random tokens gets 429 with Retry-After', async () => {
    const ip = '192.0.2.110';
    const token = () => randomBytes(32).toString('base64url');
    const links = [
      () => request(h.app).post('/api/v1/auth/verify-email').set('X-Forwarded-For', ip).send({ token: token() }),
      () =>
        request(h.app)
          .post('/api/v1/auth/reset-password')
          .set('X-Forwarded-For', ip)
          .send({ token: token(), newPassword: 'brand-new-password-9' }),
    ];
    let next = 0;

    const answers = await burst(limits.emailLinkPerIp, () => (links[next++ % 2] as () => request.Test)());

    expect(answers.slice(0, limits.emailLinkPerIp).map((res) => res.status)).toEqual(
      Array(limits.emailLinkPerIp).fill(422),
    );
    expect429WithRetryAfter(answers[limits.emailLinkPerIp] as request.Response);
    expect429WithRetryAfter(await (links[1] as () => request.Test)());
  });

  it('limits second factors and passkey sign-ins together by IP: a burst of tickets and codes gets 429', async () => {
    const ip = '192.0.2.120';
    const attempts = [
      () =>
        request(h.app)
          .post('/api/v1/auth/login/mfa')
          .set('X-Forwarded-For', ip)
          .send({ mfaTicket: randomBytes(32).toString('base64url'), code: '123456' }),
      () => request(h.app).post('/api/v1/auth/login/passkey/options').set('X-Forwarded-For', ip),
    ];
    let next = 0;

    const answers = await burst(limits.mfaPerIp, () => (attempts[next++ % 2] as () => request.Test)());

    expect(answers.slice(0, limits.mfaPerIp).map((res) => res.status)).toEqual([401, 200, 401]);
    expect429WithRetryAfter(answers[limits.mfaPerIp] as request.Response);
    expect((await (attempts[0] as () => request.Test)().set('X-Forwarded-For', '192.0.2.121')).status).toBe(401);
  });
});
