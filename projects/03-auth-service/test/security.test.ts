import { AccessTokenIssuer } from '@roadmap/auth';
import { createTestIssuer } from '@roadmap/auth/testing';
import { expectProblem, fieldsOf, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, PASSWORD, registerUser } from './harness.js';

const h = useAuthHarness('auth_security');

describe('headers', () => {
  it('sends helmet security headers', async () => {
    const res = await request(h.app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS for an allow-listed origin, with credentials', async () => {
    const res = await request(h.app)
      .options('/api/v1/auth/login')
      .set('Origin', 'https://app.example.test')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.test');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('gives a disallowed origin no CORS headers', async () => {
    const preflight = await request(h.app)
      .options('/api/v1/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await request(h.app).get('/healthz').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('no user enumeration', () => {
  it('answers an unknown email and a wrong password with the same status and body', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const wrong = await request(h.app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ email, password: 'wrong-password-1' });
    const unknown = await request(h.app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ email: uniqueEmail(), password: 'wrong-password-1' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
  });

  it('answers forgot-password identically for a known and an unknown email, and mails only the known one', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const known = await request(h.app).post('/api/v1/auth/forgot-password').send({ email });
    const unknownEmail = uniqueEmail();
    const unknown = await request(h.app).post('/api/v1/auth/forgot-password').send({ email: unknownEmail });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    await h.smtp.waitForMessage((m) => m.to.includes(email) && m.subject.includes('Reset'));
    await h.background.drain();
    expect(h.smtp.messages.some((m) => m.to.includes(unknownEmail))).toBe(false);
  });
});

describe('mass assignment', () => {
  it('rejects role and emailVerified in a register body', async () => {
    const email = uniqueEmail();
    const res = await request(h.app)
      .post('/api/v1/auth/register')
      .send({ email, password: PASSWORD, name: 'M', role: 'admin', emailVerified: true });
    expectProblem(res, 400);
    expect(await h.models.User.exists({ email })).toBeNull();
  });

  it('rejects role and emailVerified in a profile body and leaves the user unchanged', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { accessToken } = await login(h.app, email);
    const res = await request(h.app)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ name: 'X', role: 'admin', emailVerified: true });
    expectProblem(res, 400);
    const user = await h.models.User.findOne({ email });
    expect(user?.role).toBe('user');
    expect(user?.emailVerified).toBe(false);
  });
});

describe('NoSQL injection', () => {
  it('answers 400 to an operator object where the email string belongs', async () => {
    await registerUser(h.app, uniqueEmail());
    const res = await request(h.app)
      .post('/api/v1/auth/login')
      .send({ email: { $gt: '' }, password: PASSWORD });
    expect(fieldsOf(expectProblem(res, 400))).toContain('body.email');
  });

  it('answers 400 to an operator object as the password, and in forgot-password and refresh', async () => {
    expectProblem(
      await request(h.app)
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail(), password: { $ne: null } }),
      400,
    );
    expectProblem(
      await request(h.app)
        .post('/api/v1/auth/forgot-password')
        .send({ email: { $ne: null } }),
      400,
    );
    expectProblem(
      await request(h.app)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: { $ne: null } }),
      400,
    );
  });
});

describe('access tokens at a protected route', () => {
  async function tokenOf(): Promise<{ token: string; userId: string }> {
    const email = uniqueEmail();
    const user = await registerUser(h.app, email);
    return { token: (await login(h.app, email)).accessToken, userId: user.id };
  }
  const me = (token: string) => request(h.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('rejects alg none', async () => {
    const { userId } = await tokenOf();
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const nowSeconds = Math.floor(Date.now() / 1000);
    const claims = {
      sub: userId,
      role: 'admin',
      jti: 'x',
      iss: h.settings.issuer,
      aud: h.settings.audience,
      iat: nowSeconds,
      exp: nowSeconds + 600,
    };
    const none = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    expectProblem(await me(none), 401);
  });

  it('rejects a tampered payload (role raised to admin)', async () => {
    const { token } = await tokenOf();
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expectProblem(await me(`${header}.${forged}.${signature}`), 401);
  });

  it('rejects a token signed by a foreign key', async () => {
    const { userId } = await tokenOf();
    const foreign = createTestIssuer();
    const token = new AccessTokenIssuer({
      key: foreign.key,
      issuer: h.settings.issuer,
      audience: h.settings.audience,
      ttlSeconds: 60,
    }).sign({ id: userId, role: 'user' }).token;
    expectProblem(await me(token), 401);
  });

  it('rejects an expired token', async () => {
    const { userId } = await tokenOf();
    const expired = new AccessTokenIssuer({
      key: h.key,
      issuer: h.settings.issuer,
      audience: h.settings.audience,
      ttlSeconds: -60,
    }).sign({ id: userId, role: 'user' }).token;
    expect(expectProblem(await me(expired), 401).detail).toMatch(/expired/);
  });

  it('rejects a token for another audience', async () => {
    const { userId } = await tokenOf();
    const other = new AccessTokenIssuer({
      key: h.key,
      issuer: h.settings.issuer,
      audience: 'another-api',
      ttlSeconds: 60,
    }).sign({ id: userId, role: 'user' }).token;
    expect(expectProblem(await me(other), 401).detail).toMatch(/not meant for this service/);
  });

  it('answers 403 to a user without the admin role on an admin route', async () => {
    const { token } = await tokenOf();
    expectProblem(await request(h.app).get('/api/v1/admin/users').set('Authorization', `Bearer ${token}`), 403);
  });
});

// Every response of every API test is checked against the OpenAPI document by the harness, so the
// document cannot leave out a status a route answers; these check the documents themselves.
describe('service documents', () => {
  it('serves Swagger UI at /docs', async () => {
    const res = await request(h.app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
  });

  it('reports ready when MongoDB and Redis answer', async () => {
    const res = await request(h.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ mongo: { status: 'up' }, redis: { status: 'up' } });
  });
});
