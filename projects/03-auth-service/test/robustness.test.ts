/** Hostile or odd input on every endpoint is a 4xx problem+json, never a 500. */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, makeAdmin, registerUser } from './harness.js';

const h = useAuthHarness('auth_robustness');
let userToken: string;
let adminToken: string;
beforeAll(async () => {
  userToken = (await login(h.app, (await registerUser(h.app, uniqueEmail())).email)).accessToken;
  const admin = await registerUser(h.app, uniqueEmail('admin'));
  await makeAdmin(h.models, admin.id);
  adminToken = (await login(h.app, admin.email)).accessToken;
});

const operator = { $gt: '' };

describe('bodies', () => {
  it.each([
    ['/register', { email: 'a@b.co', password: operator, name: 'X' }],
    ['/register', { email: 'a@b.co', password: 'long-enough-pw', name: ['X'] }],
    ['/register', [1, 2, 3]],
    ['/register', '"just a string"'],
    ['/login', { email: ['a@b.co'], password: 'x' }],
    ['/login', { email: 'a@b.co', password: 'x'.repeat(73) }],
    ['/login', { email: 'not-an-email', password: 'x' }],
    ['/refresh', { refreshToken: 'short' }],
    ['/refresh', { refreshToken: ['x'.repeat(43)] }],
    ['/logout', { refreshToken: operator }],
    ['/verify-email', { token: operator }],
    ['/verify-email', {}],
    ['/forgot-password', { email: null }],
    ['/reset-password', { token: 'x'.repeat(43), newPassword: operator }],
    ['/reset-password', { token: operator, newPassword: 'long-enough-pw' }],
    ['/login/mfa', { mfaTicket: operator, code: '123456' }],
    ['/login/mfa', { mfaTicket: 'x'.repeat(43), code: operator }],
    ['/login/mfa', { mfaTicket: 'x'.repeat(43), code: '12345' }],
    ['/login/mfa', { mfaTicket: 'x'.repeat(43), recoveryCode: ['abcde-fghjk'] }],
    ['/login/mfa', { mfaTicket: 'x'.repeat(43), passkey: { id: 'not base64url!', type: 'public-key' } }],
    ['/login/mfa/passkey-options', { mfaTicket: operator }],
    ['/login/passkey', { response: operator }],
    ['/login/passkey', { response: { id: 'abc', rawId: 'abc', type: 'public-key', response: {} } }],
  ])('POST %s with %j is 400', async (path, body) => {
    const res = await request(h.app)
      .post(`/api/v1/auth${path}`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    expectProblem(res, 400);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await request(h.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.co", ');
    expectProblem(res, 400);
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await request(h.app)
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail(), password: 'long-enough-pw', name: 'x'.repeat(20_000) });
    expectProblem(res, 413);
  });

  it.each([[{ name: operator }], [{ newPassword: 'long-enough-pw', currentPassword: operator }], [{}]])(
    'PATCH /me with %j is 400',
    async (body) => {
      const res = await request(h.app).patch('/api/v1/auth/me').set('Authorization', `Bearer ${userToken}`).send(body);
      expectProblem(res, 400);
    },
  );

  it('ignores a refresh cookie that is not a string (cookie-parser JSON cookies) with 401', async () => {
    const res = await request(h.app)
      .post('/api/v1/auth/refresh')
      .set('Cookie', `refresh_token=${encodeURIComponent('j:{"$gt":""}')}`);
    expectProblem(res, 401);
  });
});

describe('paths and queries', () => {
  it.each([
    ['delete', '/api/v1/auth/sessions/not-an-id', 400],
    ['delete', '/api/v1/auth/sessions/0123456789abcdef01234567', 404],
  ] as const)('%s %s is %i', async (method, path, status) => {
    expectProblem(await request(h.app)[method](path).set('Authorization', `Bearer ${userToken}`), status);
  });

  it.each([
    '/api/v1/admin/users?q=a&q=b',
    '/api/v1/admin/users?q[$ne]=x&role[$gt]=',
    '/api/v1/admin/users?role=root',
    '/api/v1/admin/users?page=0',
    '/api/v1/admin/users?limit=1000',
    '/api/v1/admin/users?sort=passwordHash',
    '/api/v1/admin/audit-events?type=nope',
    '/api/v1/admin/audit-events?userId[$ne]=x',
    `/api/v1/admin/users?q=${encodeURIComponent('^(a+)+$')}`,
    '/api/v1/admin/users?page=999999',
  ])('GET %s is not a 5xx', async (url) => {
    const res = await request(h.app).get(url).set('Authorization', `Bearer ${adminToken}`);
    expect(res.status).toBeLessThan(500);
  });

  it('answers 400 to an admin path with a malformed user id and to an unknown role', async () => {
    expectProblem(
      await request(h.app)
        .patch('/api/v1/admin/users/0123456789abcdef01234567/role')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ role: 'root' }),
      400,
    );
    expectProblem(
      await request(h.app).post('/api/v1/admin/users/%24gt/enable').set('Authorization', `Bearer ${adminToken}`),
      400,
    );
  });
});
