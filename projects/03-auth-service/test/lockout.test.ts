import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, loginAttempt, PASSWORD, registerUser } from './harness.js';

const MINUTE = 60_000;
const pairLockout = { threshold: 3, baseDelayMs: MINUTE, maxDelayMs: 4 * MINUTE, resetAfterMs: 60 * MINUTE };
const accountLockout = { threshold: 6, windowMs: 60 * MINUTE };

const h = useAuthHarness('auth_lockout', { settings: { pairLockout, accountLockout } });

function attempt(email: string, password: string, ip: string) {
  return loginAttempt(h.app, email, password, ip);
}

async function failTimes(email: string, ip: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) expectProblem(await attempt(email, 'wrong-password-1', ip), 401);
}

function retryAfterOf(res: request.Response): number {
  expectProblem(res, 429);
  return Number(res.headers['retry-after']);
}

it('locks the account for the attacking IP after repeated failures, even with the right password', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  await failTimes(email, '198.51.100.1', 3);
  expect(retryAfterOf(await attempt(email, PASSWORD, '198.51.100.1'))).toBe(60);
  const audit = await h.models.AuditEvent.find({ email, type: 'account.locked' }).lean();
  expect(audit).toEqual([
    expect.objectContaining({ ip: '198.51.100.1', details: expect.objectContaining({ scope: 'address' }) }),
  ]);
  expect(await h.models.AuditEvent.countDocuments({ email, type: 'login.locked' })).toBe(1);
});

it('does not lock the real user out from another IP when one IP is locked', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  await failTimes(email, '198.51.100.2', 3);
  expect((await attempt(email, PASSWORD, '198.51.100.3')).status).toBe(200);
});

it('lets the lock expire, then escalates the delay on the next lockout', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const ip = '198.51.100.4';
  await failTimes(email, ip, 3);
  expect(retryAfterOf(await attempt(email, PASSWORD, ip))).toBe(60);
  h.clock.advance(MINUTE + 1000);
  await failTimes(email, ip, 3);
  expect(retryAfterOf(await attempt(email, PASSWORD, ip))).toBe(120);
  h.clock.advance(2 * MINUTE + 1000);
  // Expired: the right password works again.
  expect((await attempt(email, PASSWORD, ip)).status).toBe(200);
});

it('caps the delay so nobody is locked out for longer than the maximum', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const ip = '198.51.100.5';
  let last = 0;
  for (let round = 0; round < 5; round += 1) {
    // Three failures lock the address; one, once this account counts as under attack.
    for (let i = 0; i < pairLockout.threshold && (await attempt(email, 'wrong-password-1', ip)).status === 401; i += 1);
    last = retryAfterOf(await attempt(email, PASSWORD, ip));
    h.clock.advance(last * 1000 + 1000);
  }
  expect(last).toBe(240);
});

it('tightens, never locks, an account failing from many addresses: each failing address is locked after one more failure', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  // Six addresses, one failure each: the account is now under attack.
  for (let i = 0; i < 6; i += 1) expectProblem(await attempt(email, 'wrong-password-1', `203.0.113.${100 + i}`), 401);
  expect(await h.models.AuditEvent.countDocuments({ email, type: 'account.under_attack' })).toBe(1);

  // Any address that fails now is locked out at once.
  expectProblem(await attempt(email, 'wrong-password-1', '203.0.113.150'), 401);
  expectProblem(await attempt(email, PASSWORD, '203.0.113.150'), 429);
  // An address that has not failed still gets in, with the right password.
  expect((await attempt(email, PASSWORD, '203.0.113.200')).status).toBe(200);
});

it('treats unknown emails exactly like real ones, so neither a lock nor an attack reveals an account', async () => {
  const real = uniqueEmail();
  await registerUser(h.app, real);
  const unknown = uniqueEmail();
  const answers = async (email: string, net: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt(email, 'wrong-password-1', `${net}.${i}`)).status);
    for (let i = 0; i < 4; i += 1) statuses.push((await attempt(email, 'wrong-password-1', `${net}.50`)).status);
    return statuses;
  };

  expect(await answers(unknown, '192.0.2')).toEqual(await answers(real, '198.18.0'));
});

it('resets the counter on success', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const ip = '198.51.100.7';
  await failTimes(email, ip, 2);
  expect((await attempt(email, PASSWORD, ip)).status).toBe(200);
  await failTimes(email, ip, 2);
  expect((await attempt(email, PASSWORD, ip)).status).toBe(200);
});

it('puts the current-password check of a password change under the same lockout, so a stolen access token cannot guess passwords', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const ip = '198.51.100.8';
  const { accessToken } = await login(h.app, email, PASSWORD, ip);
  const change = (currentPassword: string) =>
    request(h.app)
      .patch('/api/v1/auth/me')
      .set('X-Forwarded-For', ip)
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ currentPassword, newPassword: 'another-long-password' });
  for (let i = 0; i < pairLockout.threshold; i += 1) expectProblem(await change(`wrong-password-${i}`), 422);
  expect(retryAfterOf(await change(PASSWORD))).toBe(60);
  expect(await h.models.AuditEvent.countDocuments({ email, type: 'login.failed' })).toBe(pairLockout.threshold);
});
