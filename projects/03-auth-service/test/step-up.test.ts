/**
 * Step-up on role changes (a second factor no older than 10 minutes, or 401 naming
 * insufficient_user_authentication with max_age, RFC 9470), and MFA_REQUIRED_ROLES=admin: an admin
 * without a factor still signs in, but their tokens reach only the enrolment routes until they enrol.
 */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { defaultSettings } from '../src/config.js';
import { totpCodeAt } from '../src/modules/mfa/index.js';
import { login, makeAdmin, refreshWith, registerUser, useAuthHarness } from './harness.js';
import { claimsOf, enrolTotp, signInWithFreshTotp } from './mfa-helpers.js';

const h = useAuthHarness('auth_step_up', {
  settings: { mfa: { ...defaultSettings().mfa, requiredRoles: ['admin'] } },
});
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const changeRole = (token: string, userId: string, role: 'user' | 'admin' = 'admin') =>
  request(h.app).patch(`/api/v1/admin/users/${userId}/role`).set(bearer(token)).send({ role });

async function adminWithTotp() {
  const admin = await registerUser(h.app, uniqueEmail('admin'));
  await makeAdmin(h.models, admin.id);
  return { ...admin, ...(await signInWithFreshTotp(h.app, h.clock, admin)) };
}

describe('role changes', () => {
  it('go through with a second factor proven 9 minutes ago', async () => {
    const admin = await adminWithTotp();
    const user = await registerUser(h.app, uniqueEmail());
    h.clock.advance(9 * 60_000);
    expect((await changeRole(admin.accessToken, user.id)).status).toBe(200);
  });

  it('are refused 401 insufficient_user_authentication with max_age once the factor is 11 minutes old', async () => {
    const admin = await adminWithTotp();
    const user = await registerUser(h.app, uniqueEmail());
    h.clock.advance(11 * 60_000);

    const res = await changeRole(admin.accessToken, user.id);
    expect(expectProblem(res, 401)).toMatchObject({ error: 'insufficient_user_authentication', maxAge: 600 });
    expect(res.headers['www-authenticate']).toMatch(/error="insufficient_user_authentication".*max_age=600/);
    expect((await h.models.User.findById(user.id).lean())?.role).toBe('user');
  });

  it('go through again after a step-up, whose token names the factor and a new auth_time', async () => {
    const admin = await adminWithTotp();
    const user = await registerUser(h.app, uniqueEmail());
    h.clock.advance(11 * 60_000);
    const stepUp = await request(h.app)
      .post('/api/v1/auth/mfa/step-up')
      .set(bearer(admin.accessToken))
      .send({ code: totpCodeAt(admin.secret, h.clock.now()) });
    expect(stepUp.status).toBe(200);
    expect(claimsOf(stepUp.body.accessToken)).toMatchObject({
      amr: ['pwd', 'otp'],
      auth_time: Math.floor(h.clock.now().getTime() / 1000),
      sid: claimsOf(admin.accessToken).sid,
    });
    expect((await changeRole(stepUp.body.accessToken, user.id)).status).toBe(200);
    expect(await h.models.AuditEvent.countDocuments({ type: 'mfa.step_up', userId: admin.id })).toBe(1);
  });

  it('are refused to a fresh token refreshed from an old sign-in (refresh keeps auth_time)', async () => {
    const admin = await adminWithTotp();
    const user = await registerUser(h.app, uniqueEmail());
    h.clock.advance(11 * 60_000);
    const refreshed = await refreshWith(h.app, admin.refreshToken);
    expect(expectProblem(await changeRole(refreshed.body.accessToken, user.id), 401).error).toBe(
      'insufficient_user_authentication',
    );
  });

  it('refuse a step-up with a wrong code, and one on a session that has ended', async () => {
    const admin = await adminWithTotp();
    h.clock.advance(11 * 60_000);
    const wrong = String((Number(totpCodeAt(admin.secret, h.clock.now())) + 1) % 1_000_000).padStart(6, '0');
    const res = await request(h.app)
      .post('/api/v1/auth/mfa/step-up')
      .set(bearer(admin.accessToken))
      .send({ code: wrong });
    expectProblem(res, 401);
    await request(h.app).post('/api/v1/auth/logout').send({ refreshToken: admin.refreshToken }).expect(204);
    const ended = await request(h.app)
      .post('/api/v1/auth/mfa/step-up')
      .set(bearer(admin.accessToken))
      .send({ code: totpCodeAt(admin.secret, h.clock.now()) });
    expect(expectProblem(ended, 401).detail).toMatch(/session/);
  });
});

describe('MFA_REQUIRED_ROLES=admin', () => {
  it('lets an admin without a factor sign in, but only to enrol: other routes answer 403 mfa_enrolment_required', async () => {
    const admin = await registerUser(h.app, uniqueEmail('admin'));
    await makeAdmin(h.models, admin.id);
    const { accessToken } = await login(h.app, admin.email);
    expect(claimsOf(accessToken)).toMatchObject({ mfa_enrolment_required: true });

    expect((await request(h.app).get('/api/v1/auth/me').set(bearer(accessToken))).status).toBe(200);
    const status = await request(h.app).get('/api/v1/auth/mfa').set(bearer(accessToken));
    expect(status.body).toMatchObject({ totp: 'off', enrolmentRequired: true });
    for (const res of [
      await request(h.app).get('/api/v1/admin/users').set(bearer(accessToken)),
      await request(h.app).get('/api/v1/auth/sessions').set(bearer(accessToken)),
      await request(h.app).patch('/api/v1/auth/me').set(bearer(accessToken)).send({ name: 'X' }),
    ]) {
      expect(expectProblem(res, 403).error).toBe('mfa_enrolment_required');
    }
  });

  it('lifts the restriction once the admin has enrolled: the next refresh gives an ordinary token', async () => {
    const admin = await registerUser(h.app, uniqueEmail('admin'));
    await makeAdmin(h.models, admin.id);
    const session = await login(h.app, admin.email);
    await enrolTotp(h.app, session.accessToken, h.clock.now());

    const refreshed = await refreshWith(h.app, session.refreshToken);
    expect(claimsOf(refreshed.body.accessToken).mfa_enrolment_required).toBeUndefined();
    await request(h.app).get('/api/v1/admin/users').set(bearer(refreshed.body.accessToken)).expect(200);
  });

  it('leaves users of other roles alone', async () => {
    const user = await registerUser(h.app, uniqueEmail());
    const { accessToken } = await login(h.app, user.email);
    expect(claimsOf(accessToken).mfa_enrolment_required).toBeUndefined();
    await request(h.app).get('/api/v1/auth/sessions').set(bearer(accessToken)).expect(200);
  });
});
