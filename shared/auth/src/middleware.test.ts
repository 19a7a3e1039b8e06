import { createBaseApp, finishApp } from '@roadmap/core';
import { expectProblem, testLogger } from '@roadmap/testing';
import request from 'supertest';
import { AccessTokenIssuer } from './access-token.js';
import { currentUser, optionalAuth, requireAuth, requireRole } from './middleware.js';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER } from './testing/test-issuer.js';

const issuer = createTestIssuer();
const app = createBaseApp({ logger: testLogger('auth-middleware') });
app.get('/private', requireAuth(issuer.verifier), (req, res) => {
  res.json(currentUser(req));
});
app.get('/admin', requireAuth(issuer.verifier), requireRole('admin'), (_req, res) => {
  res.json({ ok: true });
});
app.get('/maybe', optionalAuth(issuer.verifier), (req, res) => {
  res.json({ user: req.user?.id ?? null });
});
finishApp(app);

describe('requireAuth', () => {
  it('puts the verified user on the request', async () => {
    const res = await request(app)
      .get('/private')
      .set('Authorization', `Bearer ${issuer.tokenFor({ id: 'u1', role: 'user' })}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: 'u1', role: 'user', tokenId: expect.any(String) }));
  });

  it('answers 401 problem+json with WWW-Authenticate when the token is missing or not a Bearer token', async () => {
    const missing = await request(app).get('/private');
    expectProblem(missing, 401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expectProblem(await request(app).get('/private').set('Authorization', 'Basic dXNlcjpwYXNz'), 401);
  });

  it.each([
    [
      'expired',
      () =>
        new AccessTokenIssuer({ key: issuer.key, issuer: TEST_ISSUER, audience: TEST_AUDIENCE, ttlSeconds: -60 }).sign({
          id: 'u',
          role: 'user',
        }).token,
    ],
    [
      'wrong audience',
      () =>
        new AccessTokenIssuer({ key: issuer.key, issuer: TEST_ISSUER, audience: 'other', ttlSeconds: 60 }).sign({
          id: 'u',
          role: 'user',
        }).token,
    ],
    ['foreign key', () => createTestIssuer().tokenFor()],
    ['garbage', () => 'not.a.jwt'],
  ])('answers 401 problem+json to a %s token', async (_name, token) => {
    expectProblem(await request(app).get('/private').set('Authorization', `Bearer ${token()}`), 401);
  });
});

describe('requireRole', () => {
  it('answers 403 to an authenticated user without the role', async () => {
    expectProblem(
      await request(app)
        .get('/admin')
        .set('Authorization', `Bearer ${issuer.tokenFor({ role: 'user' })}`),
      403,
    );
  });

  it('lets a user with the role through', async () => {
    await request(app)
      .get('/admin')
      .set('Authorization', `Bearer ${issuer.tokenFor({ role: 'admin' })}`)
      .expect(200);
  });
});

describe('optionalAuth', () => {
  it('lets anonymous callers through but still rejects a bad token', async () => {
    expect((await request(app).get('/maybe')).body).toEqual({ user: null });
    expectProblem(await request(app).get('/maybe').set('Authorization', 'Bearer bad.token.here'), 401);
  });
});
