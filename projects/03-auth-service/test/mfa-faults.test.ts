/**
 * Second factors under faults, through fault proxies between the service and its real Redis and SMTP
 * server: the email owed for a recovery code used while the mail server is down arrives exactly once
 * when it is back; with Redis gone the code lockout cannot be read, so a code is refused at once
 * (503) rather than checked unguarded, and accepted again once Redis is back.
 */
import { expectProblem, uniqueEmail, waitFor } from '@roadmap/testing';
import { totpCodeAt } from '../src/modules/mfa/index.js';
import { registerUser, useAuthHarness } from './harness.js';
import { completeLogin, signInWithFreshTotp, ticketFor } from './mfa-helpers.js';

const BOUND_MS = 2000;
const h = useAuthHarness('auth_mfa_faults', { faults: { redis: true, smtp: true } });
afterEach(() => {
  h.proxies.redis?.restore();
  h.proxies.smtp?.restore();
});

async function enrolledUser() {
  const user = await registerUser(h.app, uniqueEmail());
  const session = await signInWithFreshTotp(h.app, h.clock, user);
  h.clock.advance(60_000);
  return { ...user, ...session };
}

it('emails the owner about a recovery code used during a mail outage, exactly once, when SMTP is back', async () => {
  const user = await enrolledUser();
  h.proxies.smtp?.cut();

  const res = await completeLogin(h.app, {
    mfaTicket: await ticketFor(h.app, user.email, user.password),
    recoveryCode: user.recoveryCodes[0],
  });
  expect(res.status).toBe(200);
  const used = await h.models.RecoveryCode.findOne({ userId: user.id, usedAt: { $ne: null } }).orFail();
  const key = `recovery-code-used:${used._id.toString()}`;
  await waitFor(async () => ((await h.mail.store.get(key))?.attempts ?? 0) >= 2, { description: 'a refused attempt' });

  h.proxies.smtp?.restore();

  const about = (m: { to: string[]; subject: string }) => m.to.includes(user.email) && /recovery code/.test(m.subject);
  await h.smtp.waitForMessage(about, 15_000);
  await waitFor(async () => (await h.mail.store.get(key))?.status === 'sent');
  await h.mail.sweep({ eager: true });
  await h.mail.idle();
  expect(h.smtp.messages.filter(about)).toHaveLength(1);
});

it('refuses a code with 503 within the bound while Redis is cut, and accepts it once Redis is back', async () => {
  const user = await enrolledUser();
  const mfaTicket = await ticketFor(h.app, user.email, user.password);
  h.proxies.redis?.cut();

  const started = Date.now();
  const refused = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) });
  expect(Date.now() - started).toBeLessThan(BOUND_MS);
  expectProblem(refused, 503);

  h.proxies.redis?.restore();
  await waitFor(
    async () => {
      const res = await completeLogin(h.app, { mfaTicket, code: totpCodeAt(user.secret, h.clock.now()) });
      return res.status === 200 ? res : undefined;
    },
    { description: 'a sign-in once Redis is back' },
  );
});
