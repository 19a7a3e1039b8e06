/** Security events land in the audit collection and in the request log, tagged with the request id. */
import { captureLogs, expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, makeAdmin, registerUser } from './harness.js';
import { signInWithFreshTotp } from './mfa-helpers.js';

const { logger, lines } = captureLogs('auth_audit');
const h = useAuthHarness('auth_audit', { logger });

function securityLines(type: string, requestId: string): Record<string, unknown>[] {
  return lines.filter((line) => line.audit === type && JSON.stringify(line).includes(requestId));
}

it('writes a failed login to the audit collection and to the request log, without the password', async () => {
  const email = uniqueEmail();
  await registerUser(h.app, email);
  const requestId = `audit-failed-${Date.now()}`;
  const res = await request(h.app)
    .post('/api/v1/auth/login')
    .set('X-Request-Id', requestId)
    .send({ email, password: 'wrong-password-1' });
  expectProblem(res, 401);

  expect(await h.models.AuditEvent.countDocuments({ type: 'login.failed', email })).toBe(1);
  const logged = securityLines('login.failed', requestId);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toEqual(expect.objectContaining({ level: 40, msg: 'security event' }));
  expect(JSON.stringify(lines)).not.toContain('wrong-password-1');
});

it('writes refresh-token reuse to both, under the request that presented the used token', async () => {
  const email = uniqueEmail();
  const user = await registerUser(h.app, email);
  const { refreshToken } = await login(h.app, email);
  await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
  const requestId = `audit-reuse-${Date.now()}`;
  expectProblem(
    await request(h.app).post('/api/v1/auth/refresh').set('X-Request-Id', requestId).send({ refreshToken }),
    401,
  );

  expect(await h.models.AuditEvent.countDocuments({ type: 'refresh.reuse_detected', userId: user.id })).toBe(1);
  expect(securityLines('refresh.reuse_detected', requestId)).toHaveLength(1);
});

it('writes a role change to both, naming the admin who made it', async () => {
  const admin = await registerUser(h.app, uniqueEmail('admin'));
  await makeAdmin(h.models, admin.id);
  const { accessToken } = await signInWithFreshTotp(h.app, h.clock, admin);
  const user = await registerUser(h.app, uniqueEmail());
  const requestId = `audit-role-${Date.now()}`;
  await request(h.app)
    .patch(`/api/v1/admin/users/${user.id}/role`)
    .set('Authorization', `Bearer ${accessToken}`)
    .set('X-Request-Id', requestId)
    .send({ role: 'admin' })
    .expect(200);

  expect(await h.models.AuditEvent.countDocuments({ type: 'role.changed', userId: user.id, actorId: admin.id })).toBe(
    1,
  );
  expect(securityLines('role.changed', requestId)).toEqual([
    expect.objectContaining({ userId: user.id, actorId: admin.id, details: { from: 'user', to: 'admin' } }),
  ]);
});
