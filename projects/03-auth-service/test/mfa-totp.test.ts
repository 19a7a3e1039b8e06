/**
 * TOTP through HTTP with the test clock: enrolment (activated by a first code, secret sealed and never
 * answered again), sign-in needing the code, the drift window, replay, the brute-force limits that
 * never lock the owner out, and disabling with a fresh second factor.
 */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { totpCodeAt } from '../src/modules/mfa/index.js';
import { login, registerUser, useAuthHarness, type RegisteredUser } from './harness.js';
import { claimsOf, completeLogin, enrolTotp, signInWithFreshTotp, ticketFor } from './mfa-helpers.js';

const h = useAuthHarness('auth_mfa_totp');
const STEP = 30_000;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function userWithTotp(): Promise<RegisteredUser & { secret: string }> {
  const user = await registerUser(h.app, uniqueEmail());
  const { secret } = await enrolTotp(h.app, (await login(h.app, user.email)).accessToken, h.clock.now());
  // Past the enrolment's own step and the one after it, so drift tests meet unused steps.
  h.clock.advance(3 * STEP);
  return { ...user, secret };
}

describe('enrolment', () => {
  it('answers an otpauth URI and a QR code, stores the secret sealed, and activates only after a valid code', async () => {
    const user = await registerUser(h.app, uniqueEmail());
    const { accessToken } = await login(h.app, user.email);
    const started = await request(h.app).post('/api/v1/auth/mfa/totp').set(bearer(accessToken));
    expect(started.status).toBe(201);
    const { secret, otpauthUri, qrCode } = started.body as { secret: string; otpauthUri: string; qrCode: string };
    expect(otpauthUri).toMatch(new RegExp(`^otpauth://totp/.+\\?secret=${secret}&`));
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const stored = await h.models.TotpFactor.findOne({ userId: user.id }).lean();
    expect(stored?.status).toBe('pending');
    expect(JSON.stringify(stored)).not.toContain(secret);

    // Not active yet: the password alone still signs in.
    const plain = await request(h.app).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(plain.body.accessToken).toEqual(expect.any(String));
    const wrong = await request(h.app)
      .post('/api/v1/auth/mfa/totp/confirm')
      .set(bearer(accessToken))
      .send({ code: totpCodeAt(secret, h.clock.after(5 * STEP)) });
    expect(expectProblem(wrong, 400).errors?.[0]?.field).toBe('body.code');
    const confirmed = await request(h.app)
      .post('/api/v1/auth/mfa/totp/confirm')
      .set(bearer(accessToken))
      .send({ code: totpCodeAt(secret, h.clock.now()) });
    expect(confirmed.status).toBe(200);
    expect((await h.models.TotpFactor.findOne({ userId: user.id }).lean())?.status).toBe('active');
  });

  it('never answers the secret again after enrolment', async () => {
    const user = await userWithTotp();
    const session = await signInWithFreshTotp(h.app, h.clock, await registerUser(h.app, uniqueEmail()));
    const status = await request(h.app).get('/api/v1/auth/mfa').set(bearer(session.accessToken));
    expect(status.body).toEqual({ totp: 'on', passkeys: 0, recoveryCodesLeft: 10, enrolmentRequired: false });
    expect(JSON.stringify(status.body)).not.toContain(session.secret);
    // Starting again while active is refused rather than handing out a new secret.
    h.clock.advance(STEP);
    const again = await request(h.app).post('/api/v1/auth/mfa/totp').set(bearer(session.accessToken));
    expectProblem(again, 409);
    expect(user.secret).not.toBe(session.secret);
  });
});

describe('signing in', () => {
  it('answers mfa_required with a ticket and no tokens to the right password alone', async () => {
    const user = await userWithTotp();
    const sessionsBefore = await h.models.Session.countDocuments({ userId: user.id });
    const res = await request(h.app).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mfaRequired: true,
      mfaTicket: expect.any(String),
      expiresAt: expect.any(String),
      methods: ['totp', 'recovery-code'],
    });
    expect(res.body.accessToken).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await h.models.Session.countDocuments({ userId: user.id })).toBe(sessionsBefore);
  });

  it('gives tokens naming amr ["pwd","otp"] and auth_time for the ticket and the current code', async () => {
    const user = await userWithTotp();
    const res = await completeLogin(h.app, {
      mfaTicket: await ticketFor(h.app, user.email, user.password),
      code: totpCodeAt(user.secret, h.clock.now()),
    });
    expect(res.status).toBe(200);
    expect(claimsOf(res.body.accessToken)).toMatchObject({
      amr: ['pwd', 'otp'],
      auth_time: Math.floor(h.clock.now().getTime() / 1000),
    });
  });

  it.each([
    ['the previous step', -1],
    ['the next step', 1],
  ])('accepts the code of %s (clock drift)', async (_name, steps) => {
    const user = await userWithTotp();
    const code = totpCodeAt(user.secret, h.clock.after(steps * STEP));
    const res = await completeLogin(h.app, { mfaTicket: await ticketFor(h.app, user.email, user.password), code });
    expect(res.status).toBe(200);
  });

  it.each([-2, 2])('refuses the code of %i steps away', async (steps) => {
    const user = await userWithTotp();
    const code = totpCodeAt(user.secret, h.clock.after(steps * STEP));
    const res = await completeLogin(h.app, { mfaTicket: await ticketFor(h.app, user.email, user.password), code });
    expectProblem(res, 401);
  });

  it('refuses a code replayed within its window, even on a new ticket', async () => {
    const user = await userWithTotp();
    const code = totpCodeAt(user.secret, h.clock.now());
    const first = await completeLogin(h.app, { mfaTicket: await ticketFor(h.app, user.email, user.password), code });
    expect(first.status).toBe(200);
    h.clock.advance(10_000);
    const replay = await completeLogin(h.app, { mfaTicket: await ticketFor(h.app, user.email, user.password), code });
    expectProblem(replay, 401);
  });

  it('accepts one of two concurrent sign-ins with the same code', async () => {
    const user = await userWithTotp();
    const code = totpCodeAt(user.secret, h.clock.now());
    const tickets = await Promise.all([1, 2].map(() => ticketFor(h.app, user.email, user.password)));
    const results = await Promise.all(tickets.map((mfaTicket) => completeLogin(h.app, { mfaTicket, code })));
    expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
  });
});

describe('brute force', () => {
  it('locks an address out of the codes after 5 wrong ones, audited, while the owner elsewhere signs in', async () => {
    const user = await userWithTotp();
    const attacker = '198.51.100.66';
    const wrong = String((Number(totpCodeAt(user.secret, h.clock.now())) + 500_000) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // A ticket survives 5 wrong codes; the attacker has the password, so takes a new one each time.
      const mfaTicket = await ticketFor(h.app, user.email, user.password, attacker);
      expectProblem(await completeLogin(h.app, { mfaTicket, code: wrong }, attacker), 401);
    }
    const mfaTicket = await ticketFor(h.app, user.email, user.password, attacker);
    const locked = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) }, attacker);
    expectProblem(locked, 429);
    expect(locked.headers['retry-after']).toEqual(expect.any(String));
    expect(await h.models.AuditEvent.countDocuments({ type: 'mfa.failed', userId: user.id })).toBe(5);
    expect(await h.models.AuditEvent.countDocuments({ type: 'mfa.locked', userId: user.id })).toBe(1);

    const owner = '203.0.113.9';
    const ownTicket = await ticketFor(h.app, user.email, user.password, owner);
    const res = await completeLogin(
      h.app,
      { mfaTicket: ownTicket, code: totpCodeAt(user.secret, h.clock.now()) },
      owner,
    );
    expect(res.status).toBe(200);
  });

  it('kills a ticket after 5 wrong codes, so one password check buys only a few guesses', async () => {
    const user = await userWithTotp();
    const mfaTicket = await ticketFor(h.app, user.email, user.password);
    const wrong = String((Number(totpCodeAt(user.secret, h.clock.now())) + 1) % 1_000_000).padStart(6, '0');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const ip = `192.0.2.${attempt + 10}`;
      expectProblem(await completeLogin(h.app, { mfaTicket, code: wrong }, ip), 401);
    }
    const right = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) }, '192.0.2.99');
    expect(expectProblem(right, 401).detail).toMatch(/ticket is invalid/);
  });
});

describe('disabling', () => {
  it('needs a fresh second factor: refused 11 minutes after the sign-in, done after a step-up', async () => {
    const user = await registerUser(h.app, uniqueEmail());
    const session = await signInWithFreshTotp(h.app, h.clock, user);
    h.clock.advance(11 * 60_000);

    const stale = await request(h.app).delete('/api/v1/auth/mfa/totp').set(bearer(session.accessToken));
    expect(expectProblem(stale, 401).error).toBe('insufficient_user_authentication');

    const stepUp = await request(h.app)
      .post('/api/v1/auth/mfa/step-up')
      .set(bearer(session.accessToken))
      .send({ code: totpCodeAt(session.secret, h.clock.now()) });
    expect(stepUp.status).toBe(200);
    await request(h.app).delete('/api/v1/auth/mfa/totp').set(bearer(stepUp.body.accessToken)).expect(204);

    expect(await h.models.TotpFactor.countDocuments({ userId: user.id })).toBe(0);
    expect(await h.models.RecoveryCode.countDocuments({ userId: user.id })).toBe(0);
    expect(await h.models.AuditEvent.countDocuments({ type: 'mfa.totp_disabled', userId: user.id })).toBe(1);
    const plain = await request(h.app).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(plain.body.accessToken).toEqual(expect.any(String));
  });

  it('cannot be done with a password-only session that predates the enrolment (it was ended)', async () => {
    const user = await registerUser(h.app, uniqueEmail());
    const before = await login(h.app, user.email);
    const enrolling = await login(h.app, user.email);
    await enrolTotp(h.app, enrolling.accessToken, h.clock.now());
    expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: before.refreshToken }), 401);
    const res = await request(h.app).delete('/api/v1/auth/mfa/totp').set(bearer(enrolling.accessToken));
    expect(expectProblem(res, 401).error).toBe('insufficient_user_authentication');
  });
});
