/** Registering, logging in, refresh-token rotation and reuse detection, the profile and the JWKS. */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, PASSWORD, registerUser } from './harness.js';

const h = useAuthHarness('auth_flow');

describe('register and login', () => {
  it('registers a user with role user and an unverified email, answering 201 { user } without the hash', async () => {
    const email = uniqueEmail();
    const res = await request(h.app)
      .post('/api/v1/auth/register')
      .send({ email: email.toUpperCase(), password: PASSWORD, name: 'Ann' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual(expect.objectContaining({ email, name: 'Ann', role: 'user', emailVerified: false }));
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$2b\$/);
  });

  it('answers 409 when the email is already registered, whatever its case', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const res = await request(h.app)
      .post('/api/v1/auth/register')
      .send({ email: email.toUpperCase(), password: PASSWORD, name: 'Bo' });
    expectProblem(res, 409);
  });

  it('creates one account when the same email registers concurrently (unique index), answering 409 to the rest', async () => {
    const email = uniqueEmail();
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        request(h.app).post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Race' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await h.models.User.countDocuments({ email })).toBe(1);
  });

  it('rejects a password over 72 characters or under the minimum with 400, over 72 bytes with 422', async () => {
    const long = await request(h.app)
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail(), password: 'x'.repeat(73), name: 'X' });
    expect(expectProblem(long, 400).errors).toEqual([
      expect.objectContaining({ field: 'body.password', message: expect.stringMatching(/72 characters/) }),
    ]);
    // 37 characters the document allows, 74 bytes bcrypt would cut: a rule the document states in words.
    const wide = await request(h.app)
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail(), password: 'é'.repeat(37), name: 'X' });
    expect(expectProblem(wide, 422).errors).toEqual([
      expect.objectContaining({ field: 'body.password', message: expect.stringMatching(/72 bytes/) }),
    ]);
    const short = await request(h.app)
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail(), password: 'short', name: 'X' });
    expect(expectProblem(short, 400).errors?.[0]?.field).toBe('body.password');
  });

  it('logs in with the login contract: accessToken, tokenType Bearer, expiresIn, user, and an httpOnly SameSite cookie', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const res = await request(h.app).post('/api/v1/auth/login').send({ email, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.any(String),
        user: expect.objectContaining({ id: expect.any(String), email, name: 'Test User', role: 'user' }),
      }),
    );
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/^refresh_token=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
  });

  it('answers GET /me for the bearer of the access token', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { accessToken } = await login(h.app, email);
    const res = await request(h.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(email);
  });
});

describe('refresh tokens', () => {
  it('rotates on every refresh: the new token works, and the pair is issued again', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const first = await login(h.app, email);
    const res = await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    const again = await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: res.body.refreshToken });
    expect(again.status).toBe(200);
  });

  it('accepts the refresh token from the httpOnly cookie', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { cookie } = await login(h.app, email);
    const res = await request(h.app).post('/api/v1/auth/refresh').set('Cookie', cookie).send({});
    expect(res.status).toBe(200);
  });

  it('stores refresh tokens only as hashes', async () => {
    const email = uniqueEmail();
    const user = await registerUser(h.app, email);
    const { refreshToken } = await login(h.app, email);
    const stored = await h.models.RefreshToken.find({ userId: user.id }).lean();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(refreshToken);
  });

  it('revokes the whole family when an already-used refresh token is presented again, and audits it', async () => {
    const email = uniqueEmail();
    const user = await registerUser(h.app, email);
    const first = await login(h.app, email);
    const second = await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);

    expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }), 401);
    // The legitimate newest token dies with its family.
    expectProblem(
      await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }),
      401,
    );
    const events = await h.models.AuditEvent.find({ userId: user.id, type: 'refresh.reuse_detected' });
    expect(events).toHaveLength(1);
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { refreshToken } = await login(h.app, email);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => request(h.app).post('/api/v1/auth/refresh').send({ refreshToken })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('answers 401 to an unknown refresh token and to an expired session', async () => {
    expectProblem(
      await request(h.app)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'x'.repeat(43) }),
      401,
    );
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { refreshToken } = await login(h.app, email);
    h.clock.advance(h.settings.refreshTokenTtlMs + 1000);
    try {
      expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken }), 401);
    } finally {
      h.clock.advance(-(h.settings.refreshTokenTtlMs + 1000));
    }
  });
});

describe('profile', () => {
  it('changes the name', async () => {
    const { accessToken } = await login(h.app, (await registerUser(h.app, uniqueEmail())).email);
    const res = await request(h.app)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ name: 'New Name' });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe('New Name');
  });

  it('refuses a password change without the correct current password', async () => {
    const { accessToken } = await login(h.app, (await registerUser(h.app, uniqueEmail())).email);
    const missing = await request(h.app)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ newPassword: 'another-long-password' });
    expect(expectProblem(missing, 400).errors?.[0]?.field).toBe('body.currentPassword');
    const wrong = await request(h.app)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ currentPassword: 'not-the-password', newPassword: 'another-long-password' });
    expect(expectProblem(wrong, 422).errors?.[0]?.field).toBe('body.currentPassword');
  });

  it('changes the password with the current one and revokes the other sessions but not this one', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const other = await login(h.app, email);
    const current = await login(h.app, email);
    const res = await request(h.app)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${current.accessToken}`)
      .send({ currentPassword: PASSWORD, newPassword: 'another-long-password' });
    expect(res.status).toBe(200);
    expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }), 401);
    expect(
      (await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: current.refreshToken })).status,
    ).toBe(200);
    await login(h.app, email, 'another-long-password');
  });
});

describe('JWKS', () => {
  it('publishes the signing key with its kid', async () => {
    const res = await request(h.app).get('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys).toEqual([expect.objectContaining({ kid: h.key.kid, kty: 'EC', alg: 'ES256', use: 'sig' })]);
    expect(JSON.stringify(res.body)).not.toMatch(/"d":/);
  });
});
