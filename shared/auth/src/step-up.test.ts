import { createBaseApp, finishApp } from '@roadmap/core';
import { expectProblem, testLogger } from '@roadmap/testing';
import request from 'supertest';
import { createAccessTokenVerifier } from './access-token.js';
import { currentUser, requireAuth } from './middleware.js';
import { requireMfa } from './step-up.js';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER } from './testing/test-issuer.js';

const issuer = createTestIssuer();
const NOW = new Date('2030-01-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

const app = createBaseApp({ logger: testLogger('auth-step-up') });
app.post('/refunds', requireAuth(issuer.verifier), requireMfa({ maxAgeSeconds: 600, now: () => NOW }), (_req, res) => {
  res.json({ ok: true });
});
const enrolmentVerifier = createAccessTokenVerifier({
  publicKeyPem: issuer.key.publicKeyPem,
  issuer: TEST_ISSUER,
  audience: TEST_AUDIENCE,
  acceptMfaEnrolmentTokens: true,
});
app.get('/enrolment', requireAuth(enrolmentVerifier), (req, res) => {
  res.json(currentUser(req));
});
app.get('/anything', requireAuth(issuer.verifier), (_req, res) => {
  res.json({ ok: true });
});
finishApp(app);

const refund = (token: string) => request(app).post('/refunds').set('Authorization', `Bearer ${token}`);

describe('requireMfa', () => {
  it('lets through a token whose second factor is younger than the limit', async () => {
    const token = issuer.tokenFor({ role: 'admin', amr: ['pwd', 'otp'], authTime: minutesAgo(9) });
    await refund(token).expect(200);
  });

  it('accepts a passkey sign-in (hwk) as a second factor', async () => {
    await refund(issuer.tokenFor({ amr: ['hwk'], authTime: minutesAgo(1) })).expect(200);
  });

  it('answers 401 insufficient_user_authentication with max_age when the second factor is too old', async () => {
    const res = await refund(issuer.tokenFor({ role: 'admin', amr: ['pwd', 'otp'], authTime: minutesAgo(11) }));
    const problem = expectProblem(res, 401);
    expect(problem).toMatchObject({ error: 'insufficient_user_authentication', maxAge: 600 });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="insufficient_user_authentication", /);
    expect(res.headers['www-authenticate']).toMatch(/max_age=600$/);
  });

  it('answers the same to a password-only token however fresh', async () => {
    const res = await refund(issuer.tokenFor({ amr: ['pwd'], authTime: minutesAgo(0) }));
    expect(expectProblem(res, 401).error).toBe('insufficient_user_authentication');
  });

  it('answers the same to a token without amr or auth_time (issued before MFA existed)', async () => {
    expect(expectProblem(await refund(issuer.tokenFor({ role: 'admin' })), 401).error).toBe(
      'insufficient_user_authentication',
    );
    expect(expectProblem(await refund(issuer.tokenFor({ amr: ['otp'] })), 401).error).toBe(
      'insufficient_user_authentication',
    );
  });

  it('still answers a plain 401 without a token', async () => {
    const res = await request(app).post('/refunds');
    expect(expectProblem(res, 401).error).toBeUndefined();
  });
});

describe('tokens of users who must enrol a second factor', () => {
  const pending = () => issuer.tokenFor({ amr: ['pwd'], authTime: NOW, mfaEnrolmentRequired: true });

  it('are refused with 403 mfa_enrolment_required by every verifier by default', async () => {
    const res = await request(app).get('/anything').set('Authorization', `Bearer ${pending()}`);
    expect(expectProblem(res, 403).error).toBe('mfa_enrolment_required');
  });

  it('are accepted by a verifier made for the enrolment routes, which sees the restriction', async () => {
    const res = await request(app).get('/enrolment').set('Authorization', `Bearer ${pending()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amr: ['pwd'], authTime: NOW.getTime() / 1000, mfaEnrolmentRequired: true });
  });
});
