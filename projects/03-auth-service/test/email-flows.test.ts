import { expectProblem, uniqueEmail, type CapturedMail } from '@roadmap/testing';
import request from 'supertest';
import { useAuthHarness, login, PASSWORD, registerUser } from './harness.js';

const h = useAuthHarness('auth_email');

function tokenIn(mail: CapturedMail): string {
  const match = /token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('no token link in the email');
  return decodeURIComponent(match[1]);
}

describe('the pages an emailed link opens', () => {
  it.each([
    ['/verify-email', 'api/v1/auth/verify-email'],
    ['/reset-password', 'api/v1/auth/reset-password'],
  ])(
    'serves %s as a page whose form posts the token to the API beside it, changing nothing on opening',
    async (path, endpoint) => {
      const email = uniqueEmail();
      await registerUser(h.app, email);
      const mail = await h.smtp.waitForMessage((m) => m.to.includes(email) && m.subject.includes('Confirm'));

      const page = await request(h.app).get(`${path}?token=${encodeURIComponent(tokenIn(mail))}`);
      const script = await request(h.app).get('/account/account-link.js');

      expect([page.status, page.headers['content-type'], page.headers['cache-control']]).toEqual([
        200,
        'text/html; charset=utf-8',
        'no-store',
      ]);
      expect(page.text).toContain(`data-endpoint="${endpoint}"`);
      expect(page.text).toContain('src="account/account-link.js"');
      expect(script.status).toBe(200);
      expect(await h.models.User.findOne({ email }).lean()).toMatchObject({ emailVerified: false });
    },
  );
});

describe('email verification', () => {
  it('sends a verification link on register whose token verifies the address once', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const mail = await h.smtp.waitForMessage((m) => m.to.includes(email) && m.subject.includes('Confirm'));
    expect(mail.text).toContain('http://localhost:3003/verify-email?token=');
    const token = tokenIn(mail);

    const res = await request(h.app).post('/api/v1/auth/verify-email').send({ token });
    expect(res.status).toBe(200);
    expect(res.body.user.emailVerified).toBe(true);
    expectProblem(await request(h.app).post('/api/v1/auth/verify-email').send({ token }), 422);
  });

  it('resends a verification email to a signed-in, unverified user', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { accessToken } = await login(h.app, email);
    const res = await request(h.app)
      .post('/api/v1/auth/verify-email/resend')
      .set('Authorization', `Bearer ${accessToken}`);
    expect(res.status).toBe(202);
    await h.smtp.waitForMessage(
      (m) => m.to.includes(email) && h.smtp.messages.filter((x) => x.to.includes(email)).length >= 2,
    );
  });
});

describe('password reset', () => {
  it('resets the password with the emailed token, once, and revokes every session', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const session = await login(h.app, email);
    await request(h.app).post('/api/v1/auth/forgot-password').send({ email }).expect(202);
    const token = tokenIn(await h.smtp.waitForMessage((m) => m.to.includes(email) && m.subject.includes('Reset')));

    const res = await request(h.app)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'brand-new-password-9' });
    expect(res.status).toBe(204);
    await login(h.app, email, 'brand-new-password-9');
    expectProblem(await request(h.app).post('/api/v1/auth/login').send({ email, password: PASSWORD }), 401);
    expectProblem(await request(h.app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }), 401);
    // Single use.
    expectProblem(
      await request(h.app).post('/api/v1/auth/reset-password').send({ token, newPassword: 'yet-another-password' }),
      422,
    );
  });

  it('makes an earlier reset link unusable once a newer one is sent', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const isReset = (m: CapturedMail) => m.to.includes(email) && m.subject.includes('Reset');
    await request(h.app).post('/api/v1/auth/forgot-password').send({ email }).expect(202);
    const first = tokenIn(await h.smtp.waitForMessage(isReset));
    await request(h.app).post('/api/v1/auth/forgot-password').send({ email }).expect(202);
    const second = tokenIn(await h.smtp.waitForMessage((m) => isReset(m) && tokenIn(m) !== first));

    expectProblem(
      await request(h.app)
        .post('/api/v1/auth/reset-password')
        .send({ token: first, newPassword: 'brand-new-password-9' }),
      422,
    );
    await request(h.app)
      .post('/api/v1/auth/reset-password')
      .send({ token: second, newPassword: 'brand-new-password-9' })
      .expect(204);
  });

  it('refuses an expired reset token', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    await request(h.app).post('/api/v1/auth/forgot-password').send({ email }).expect(202);
    const token = tokenIn(await h.smtp.waitForMessage((m) => m.to.includes(email) && m.subject.includes('Reset')));
    h.clock.advance(h.settings.emailTokenTtlMs.resetPassword + 1000);
    try {
      expectProblem(
        await request(h.app).post('/api/v1/auth/reset-password').send({ token, newPassword: 'brand-new-password-9' }),
        422,
      );
    } finally {
      h.clock.advance(-(h.settings.emailTokenTtlMs.resetPassword + 1000));
    }
  });

  it('validates the new password like registration does', async () => {
    const res = await request(h.app)
      .post('/api/v1/auth/reset-password')
      .send({ token: 'x'.repeat(43), newPassword: 'short' });
    expect(expectProblem(res, 400).errors?.[0]?.field).toBe('body.newPassword');
  });
});
