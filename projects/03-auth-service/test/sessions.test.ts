/** Logging out, one session or all, and the caller's list of sessions. */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, PASSWORD, registerUser } from './harness.js';

const h = useAuthHarness('auth_sessions');

describe('logout and sessions', () => {
  it('logout revokes the current family only', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const a = await login(h.app, email);
    const b = await login(h.app, email);
    expect((await request(h.app).post('/api/v1/auth/logout').send({ refreshToken: a.refreshToken })).status).toBe(204);
    expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: a.refreshToken }), 401);
    expect((await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: b.refreshToken })).status).toBe(200);
  });

  it('logs a browser out with the cookie alone: the family is revoked and the cookie cleared', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { cookie } = await login(h.app, email);
    const res = await request(h.app).post('/api/v1/auth/logout').set('Cookie', cookie);
    expect(res.status).toBe(204);
    const cleared = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cleared).toMatch(/^refresh_token=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expectProblem(await request(h.app).post('/api/v1/auth/refresh').set('Cookie', cookie), 401);
  });

  it('logout-all revokes every family of the user', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const a = await login(h.app, email);
    const b = await login(h.app, email);
    const res = await request(h.app).post('/api/v1/auth/logout-all').set('Authorization', `Bearer ${a.accessToken}`);
    expect(res.status).toBe(204);
    for (const token of [a.refreshToken, b.refreshToken]) {
      expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: token }), 401);
    }
  });

  it('lists active sessions with user agent and marks the current one; revoking one by id ends it', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const phone = await request(h.app)
      .post('/api/v1/auth/login')
      .set('User-Agent', 'PhoneApp/1.0')
      .send({ email, password: PASSWORD });
    const laptop = await login(h.app, email);
    const list = await request(h.app).get('/api/v1/auth/sessions').set('Authorization', `Bearer ${laptop.accessToken}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    const phoneSession = (list.body.data as { id: string; userAgent: string; current: boolean }[]).find(
      (s) => s.userAgent === 'PhoneApp/1.0',
    );
    expect(phoneSession?.current).toBe(false);

    const del = await request(h.app)
      .delete(`/api/v1/auth/sessions/${phoneSession?.id}`)
      .set('Authorization', `Bearer ${laptop.accessToken}`);
    expect(del.status).toBe(204);
    expectProblem(
      await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: phone.body.refreshToken }),
      401,
    );
  });

  it('shows when each session was created and moves its last-used time on every refresh', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { refreshToken } = await login(h.app, email);
    h.clock.advance(60_000);
    try {
      const refreshed = await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken });
      expect(refreshed.status).toBe(200);
      const list = await request(h.app)
        .get('/api/v1/auth/sessions')
        .set('Authorization', `Bearer ${refreshed.body.accessToken}`);
      const [session] = list.body.data as { createdAt: string; lastUsedAt: string; current: boolean }[];
      expect(session?.current).toBe(true);
      expect(Date.parse(session?.lastUsedAt ?? '') - Date.parse(session?.createdAt ?? '')).toBe(60_000);
    } finally {
      h.clock.advance(-60_000);
    }
  });

  it("answers 404 when revoking someone else's session", async () => {
    const mine = await login(h.app, (await registerUser(h.app, uniqueEmail())).email);
    const theirsEmail = (await registerUser(h.app, uniqueEmail())).email;
    const theirs = await login(h.app, theirsEmail);
    const list = await request(h.app).get('/api/v1/auth/sessions').set('Authorization', `Bearer ${theirs.accessToken}`);
    const res = await request(h.app)
      .delete(`/api/v1/auth/sessions/${list.body.data[0].id}`)
      .set('Authorization', `Bearer ${mine.accessToken}`);
    expectProblem(res, 404);
  });
});
