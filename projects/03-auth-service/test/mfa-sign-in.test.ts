/**
 * The MFA ticket (expiry, single use, bound to its user), amr and auth_time across refresh, and
 * recovery codes (shown once, stored as digests, used once, audited, the owner emailed, replaced with
 * a fresh second factor).
 */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { totpCodeAt } from '../src/modules/mfa/index.js';
import { login, refreshWith, registerUser, useAuthHarness } from './harness.js';
import { claimsOf, completeLogin, signInWithFreshTotp, ticketFor } from './mfa-helpers.js';

const h = useAuthHarness('auth_mfa_sign_in');
const STEP = 30_000;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A user with TOTP and recovery codes, the clock moved past the codes already used. */
async function enrolledUser() {
  const user = await registerUser(h.app, uniqueEmail());
  const session = await signInWithFreshTotp(h.app, h.clock, user);
  h.clock.advance(2 * STEP);
  return { ...user, ...session };
}

describe('the MFA ticket', () => {
  it('expires: refused 5 minutes after the password was checked', async () => {
    const user = await enrolledUser();
    const mfaTicket = await ticketFor(h.app, user.email, user.password);
    h.clock.advance(5 * 60_000 + 1000);
    const res = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) });
    expect(expectProblem(res, 401).detail).toMatch(/ticket is invalid, used or expired/);
  });

  it('is used once: a second sign-in with it is refused, whatever the factor', async () => {
    const user = await enrolledUser();
    const mfaTicket = await ticketFor(h.app, user.email, user.password);
    await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) }).expect(200);
    h.clock.advance(STEP);
    const again = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) });
    expect(expectProblem(again, 401).detail).toMatch(/ticket/);
    const withRecovery = await completeLogin(h.app, { mfaTicket, recoveryCode: user.recoveryCodes[0] });
    expectProblem(withRecovery, 401);
  });

  it("is bound to its user: another account's valid code and recovery code are refused on it", async () => {
    const alice = await enrolledUser();
    const bob = await enrolledUser();
    const mfaTicket = await ticketFor(h.app, alice.email, alice.password);
    expectProblem(await completeLogin(h.app, { mfaTicket, code: totpCodeAt(bob.secret, h.clock.now()) }), 401);
    expectProblem(await completeLogin(h.app, { mfaTicket, recoveryCode: bob.recoveryCodes[0] }), 401);
    // Bob's code was not spent by the attempt, and Alice's ticket still works with her own.
    const res = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(alice.secret, h.clock.now()) });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(alice.email);
  });

  it('is stored only as a hash', async () => {
    const user = await enrolledUser();
    const mfaTicket = await ticketFor(h.app, user.email, user.password);
    expect(JSON.stringify(await h.models.MfaTicket.find({ userId: user.id }).lean())).not.toContain(mfaTicket);
  });

  it('answers 400 to a body with no factor or with two', async () => {
    const user = await enrolledUser();
    const mfaTicket = await ticketFor(h.app, user.email, user.password);
    expectProblem(await completeLogin(h.app, { mfaTicket }), 400);
    expectProblem(await completeLogin(h.app, { mfaTicket, code: '123456', recoveryCode: user.recoveryCodes[0] }), 400);
  });
});

describe('amr and auth_time across refresh', () => {
  it('keeps the sign-in amr and auth_time on every refresh, however much later', async () => {
    const user = await enrolledUser();
    const mfaTicket = await ticketFor(h.app, user.email, user.password);
    const signedIn = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) });
    const original = claimsOf(signedIn.body.accessToken);
    expect(original).toMatchObject({ amr: ['pwd', 'otp'], auth_time: Math.floor(h.clock.now().getTime() / 1000) });

    h.clock.advance(60 * 60_000);
    const refreshed = await refreshWith(h.app, signedIn.body.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.accessToken)).toMatchObject({ amr: original.amr, auth_time: original.auth_time });
  });

  it('never upgrades a password-only session: a refresh after enrolling a factor still says ["pwd"]', async () => {
    const user = await registerUser(h.app, uniqueEmail());
    const session = await login(h.app, user.email);
    expect(claimsOf(session.accessToken)).toMatchObject({ amr: ['pwd'] });
    h.clock.advance(STEP);
    const refreshed = await refreshWith(h.app, session.refreshToken);
    expect(claimsOf(refreshed.body.accessToken).amr).toEqual(['pwd']);
  });
});

describe('recovery codes', () => {
  it('gives 10 codes once at enrolment and stores only their digests', async () => {
    const user = await enrolledUser();
    expect(user.recoveryCodes).toHaveLength(10);
    const stored = await h.models.RecoveryCode.find({ userId: user.id }).lean();
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const code of user.recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace('-', ''));
    }
  });

  it('signs in with a code once (amr otp), audits it and emails the owner; the same code is then refused', async () => {
    const user = await enrolledUser();
    const code = user.recoveryCodes[3] ?? '';
    const res = await completeLogin(h.app, {
      mfaTicket: await ticketFor(h.app, user.email, user.password),
      recoveryCode: code.toUpperCase(),
    });
    expect(res.status).toBe(200);
    expect(claimsOf(res.body.accessToken).amr).toEqual(['pwd', 'otp']);
    expect(await h.models.AuditEvent.countDocuments({ type: 'mfa.recovery_code_used', userId: user.id })).toBe(1);
    const mail = await h.smtp.waitForMessage(
      (m) => m.to.includes(user.email) && /recovery code was used/.test(m.subject),
    );
    expect(mail.text).toMatch(/9 unused codes are left/);

    const again = await completeLogin(h.app, {
      mfaTicket: await ticketFor(h.app, user.email, user.password),
      recoveryCode: code,
    });
    expectProblem(again, 401);
    const status = await request(h.app).get('/api/v1/auth/mfa').set(bearer(res.body.accessToken));
    expect(status.body.recoveryCodesLeft).toBe(9);
  });

  it('lets one of two concurrent sign-ins with the same code through', async () => {
    const user = await enrolledUser();
    const tickets = await Promise.all([1, 2].map(() => ticketFor(h.app, user.email, user.password)));
    const results = await Promise.all(
      tickets.map((mfaTicket) => completeLogin(h.app, { mfaTicket, recoveryCode: user.recoveryCodes[0] })),
    );
    expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
    expect(await h.models.AuditEvent.countDocuments({ type: 'mfa.recovery_code_used', userId: user.id })).toBe(1);
  });

  it('makes a new set with a fresh second factor, and the old codes stop working', async () => {
    const user = await enrolledUser();
    h.clock.advance(11 * 60_000);
    const stale = await request(h.app).post('/api/v1/auth/mfa/recovery-codes').set(bearer(user.accessToken));
    expect(expectProblem(stale, 401).error).toBe('insufficient_user_authentication');

    const stepUp = await request(h.app)
      .post('/api/v1/auth/mfa/step-up')
      .set(bearer(user.accessToken))
      .send({ code: totpCodeAt(user.secret, h.clock.now()) });
    const fresh = await request(h.app).post('/api/v1/auth/mfa/recovery-codes').set(bearer(stepUp.body.accessToken));
    expect(fresh.status).toBe(201);
    expect(fresh.body.recoveryCodes).toHaveLength(10);

    const old = await completeLogin(h.app, {
      mfaTicket: await ticketFor(h.app, user.email, user.password),
      recoveryCode: user.recoveryCodes[1],
    });
    expectProblem(old, 401);
    const renewed = await completeLogin(h.app, {
      mfaTicket: await ticketFor(h.app, user.email, user.password),
      recoveryCode: fresh.body.recoveryCodes[0],
    });
    expect(renewed.status).toBe(200);
  });
});
