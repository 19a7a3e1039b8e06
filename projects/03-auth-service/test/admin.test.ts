import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, makeAdmin, registerUser } from './harness.js';
import { signInWithFreshTotp } from './mfa-helpers.js';

const h = useAuthHarness('auth_admin');
let adminToken: string;
let adminId: string;
// Role changes need a second factor proven within 10 minutes: the admin signs in with password and code.
beforeAll(async () => {
  const admin = await registerUser(h.app, uniqueEmail('admin'));
  await makeAdmin(h.models, admin.id);
  adminId = admin.id;
  adminToken = (await signInWithFreshTotp(h.app, h.clock, admin)).accessToken;
});

const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${adminToken}`);

it('lists users paginated and searchable by email or name, case-insensitively', async () => {
  const marker = `Zed${Date.now()}`;
  await registerUser(h.app, uniqueEmail(`${marker.toLowerCase()}a`));
  await registerUser(h.app, uniqueEmail(`${marker.toLowerCase()}b`));
  const page1 = await asAdmin(request(h.app).get(`/api/v1/admin/users?q=${marker.toUpperCase()}&limit=1&sort=email`));
  expect(page1.status).toBe(200);
  expect(page1.body).toEqual(expect.objectContaining({ total: 2, totalPages: 2, page: 1, limit: 1 }));
  const page2 = await asAdmin(request(h.app).get(`/api/v1/admin/users?q=${marker}&limit=1&page=2&sort=email`));
  expect(page2.body.data[0].email).not.toBe(page1.body.data[0].email);
});

it('treats regex characters in the search as plain text', async () => {
  const res = await asAdmin(request(h.app).get('/api/v1/admin/users').query({ q: '.*' }));
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(0);
});

it('changes a role and records it in the audit log, queryable by admins', async () => {
  const user = await registerUser(h.app, uniqueEmail());
  const res = await asAdmin(request(h.app).patch(`/api/v1/admin/users/${user.id}/role`).send({ role: 'admin' }));
  expect(res.status).toBe(200);
  expect(res.body.user.role).toBe('admin');
  const audit = await asAdmin(request(h.app).get(`/api/v1/admin/audit-events?type=role.changed&userId=${user.id}`));
  expect(audit.body.data).toEqual([
    expect.objectContaining({ type: 'role.changed', actorId: adminId, details: { from: 'user', to: 'admin' } }),
  ]);
});

it('puts a changed role in the next access token the user gets by refreshing', async () => {
  const user = await registerUser(h.app, uniqueEmail());
  const { refreshToken } = await login(h.app, user.email);
  await asAdmin(request(h.app).patch(`/api/v1/admin/users/${user.id}/role`).send({ role: 'admin' })).expect(200);
  const refreshed = await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken });
  expect(refreshed.status).toBe(200);
  const claims = JSON.parse(
    Buffer.from((refreshed.body.accessToken as string).split('.')[1] ?? '', 'base64url').toString(),
  ) as { role: string };
  expect(claims.role).toBe('admin');
  await request(h.app)
    .get('/api/v1/admin/users')
    .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
    .expect(200);
});

it('records failed logins in the audit log', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  await request(h.app).post('/api/v1/auth/login').send({ email, password: 'wrong-password-1' }).expect(401);
  const audit = await asAdmin(request(h.app).get('/api/v1/admin/audit-events?type=login.failed'));
  expect(audit.body.data.some((e: { email: string }) => e.email === email)).toBe(true);
});

it('stops a disabled user at the next refresh and at login, and enabling lets them log in again', async () => {
  const user = await registerUser(h.app, uniqueEmail());
  const session = await login(h.app, user.email);
  await asAdmin(request(h.app).post(`/api/v1/admin/users/${user.id}/disable`)).expect(200);
  expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }), 401);
  expectProblem(
    await request(h.app).post('/api/v1/auth/login').send({ email: user.email, password: user.password }),
    403,
  );
  await asAdmin(request(h.app).post(`/api/v1/admin/users/${user.id}/enable`)).expect(200);
  await login(h.app, user.email);
});

it('answers 404 for an unknown user id and 400 for a malformed one', async () => {
  expectProblem(
    await asAdmin(request(h.app).patch('/api/v1/admin/users/0123456789abcdef01234567/role').send({ role: 'user' })),
    404,
  );
  expectProblem(await asAdmin(request(h.app).post('/api/v1/admin/users/nope/disable')), 400);
});

it('refuses an admin changing their own role', async () => {
  expectProblem(await asAdmin(request(h.app).patch(`/api/v1/admin/users/${adminId}/role`).send({ role: 'user' })), 409);
});

it('answers 401 without a token and 403 for a plain user', async () => {
  expectProblem(await request(h.app).get('/api/v1/admin/audit-events'), 401);
  const user = await registerUser(h.app, uniqueEmail());
  const { accessToken } = await login(h.app, user.email);
  expectProblem(
    await request(h.app).get('/api/v1/admin/audit-events').set('Authorization', `Bearer ${accessToken}`),
    403,
  );
});
