/**
 * The attack the lockout must not turn into a denial of service, with the service's default
 * settings: wrong passwords from five addresses, then the real owner from a new address with the
 * right password. Keycloak's per-user lockout would lock the owner out here (its documentation
 * says so); OWASP ASVS 2.2.1 asks that anti-automation defeat "account lockout attacks".
 */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import { defaultSettings } from '../src/config.js';
import { loginAttempt, PASSWORD, registerUser, useAuthHarness } from './harness.js';

const defaults = defaultSettings();
const h = useAuthHarness('auth_lockout_attack', {
  settings: { pairLockout: defaults.pairLockout, accountLockout: defaults.accountLockout },
});

const ATTACKERS = ['198.51.100.11', '198.51.100.12', '198.51.100.13', '198.51.100.14', '198.51.100.15'];

it('lets the real owner log in from a new address during an attack from five other addresses', async () => {
  const email = uniqueEmail('owner');
  await registerUser(h.app, email);
  // Each attacker tries until its address is locked out of the account, five rounds over.
  let wrong = 0;
  for (let round = 0; round < 5; round += 1) {
    for (const ip of ATTACKERS) {
      const res = await loginAttempt(h.app, email, `guess-${round}-${ip}`, ip);
      if (res.status === 401) wrong += 1;
      else expectProblem(res, 429);
    }
  }
  expect(wrong).toBeGreaterThanOrEqual(defaults.accountLockout.threshold);
  expect(await h.models.AuditEvent.countDocuments({ email, type: 'account.under_attack' })).toBe(1);
  expect(await h.models.AuditEvent.countDocuments({ email, type: 'login.failed' })).toBe(wrong);

  const owner = await loginAttempt(h.app, email, PASSWORD, '203.0.113.77');

  expect(owner.status).toBe(200);
  // The attackers stay locked out, even with the right password.
  for (const ip of ATTACKERS) expectProblem(await loginAttempt(h.app, email, PASSWORD, ip), 429);
});
