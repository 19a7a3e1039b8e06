/**
 * Passkeys through HTTP with a software authenticator (the browser test drives Chromium's): register,
 * sign in alone, as a second factor bound to the ticket's user, a challenge used once, a cloned
 * passkey with a counter that did not move forward refused and audited, and adding one to an account
 * that has a factor only with a fresh one.
 */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { login, registerUser, useAuthHarness, type RegisteredUser } from './harness.js';
import { claimsOf, completeLogin, ticketFor } from './mfa-helpers.js';
import { softwareAuthenticator, type SoftwarePasskey } from './software-authenticator.js';

const h = useAuthHarness('auth_passkeys');
// The harness's relying party: RP ID localhost, the origin of PUBLIC_URL.
const authenticator = softwareAuthenticator('http://localhost:3003');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function withPasskey(): Promise<RegisteredUser & { passkey: SoftwarePasskey; recoveryCodes: string[] | null }> {
  const user = await registerUser(h.app, uniqueEmail());
  const { accessToken } = await login(h.app, user.email);
  const options = await request(h.app).post('/api/v1/auth/passkeys/registration-options').set(bearer(accessToken));
  const { passkey, response } = authenticator.create(options.body);
  const registered = await request(h.app)
    .post('/api/v1/auth/passkeys')
    .set(bearer(accessToken))
    .send({ response, name: 'Phone' });
  expect(registered.status).toBe(201);
  return { ...user, passkey, recoveryCodes: registered.body.recoveryCodes };
}

async function passwordless(passkey: SoftwarePasskey) {
  const options = await request(h.app).post('/api/v1/auth/login/passkey/options');
  return request(h.app)
    .post('/api/v1/auth/login/passkey')
    .send({ response: authenticator.assert(passkey, options.body) });
}

it('registers a passkey (the first factor: recovery codes once) and lists it without its key or counter', async () => {
  const user = await withPasskey();
  expect(user.recoveryCodes).toHaveLength(10);
  const { accessToken } = (await passwordless(user.passkey)).body;
  const list = await request(h.app).get('/api/v1/auth/passkeys').set(bearer(accessToken));
  expect(list.body.data).toEqual([expect.objectContaining({ name: 'Phone', lastUsedAt: expect.any(String) })]);
  expect(JSON.stringify(list.body)).not.toMatch(/publicKey|counter/);
});

it('signs in with the passkey alone: amr ["hwk"], and the password alone now gets a ticket', async () => {
  const user = await withPasskey();
  const res = await passwordless(user.passkey);
  expect(res.status).toBe(200);
  expect(claimsOf(res.body.accessToken)).toMatchObject({ amr: ['hwk'] });
  const password = await request(h.app).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  expect(password.body).toMatchObject({ mfaRequired: true, methods: ['recovery-code', 'passkey'] });
});

it('uses a challenge once: the same assertion sent again is refused', async () => {
  const user = await withPasskey();
  const options = await request(h.app).post('/api/v1/auth/login/passkey/options');
  const response = authenticator.assert(user.passkey, options.body);
  await request(h.app).post('/api/v1/auth/login/passkey').send({ response }).expect(200);
  expectProblem(await request(h.app).post('/api/v1/auth/login/passkey').send({ response }), 401);
});

it('refuses and audits a cloned passkey whose counter did not move forward', async () => {
  const user = await withPasskey();
  expect((await passwordless(user.passkey)).status).toBe(200);
  const clone = authenticator.clone(user.passkey);
  expect((await passwordless(user.passkey)).status).toBe(200);

  const res = await passwordless(clone);

  expect(expectProblem(res, 401).detail).toMatch(/signature counter that did not move forward/);
  const events = await h.models.AuditEvent.find({ type: 'passkey.counter_regressed', userId: user.id }).lean();
  expect(events).toEqual([
    expect.objectContaining({ details: expect.objectContaining({ storedCounter: 2, presentedCounter: 2 }) }),
  ]);
});

it("is a second factor bound to the ticket's user: another account's passkey is refused on it", async () => {
  const alice = await withPasskey();
  const bob = await withPasskey();
  const mfaTicket = await ticketFor(h.app, alice.email, alice.password);
  const optionsFor = async () =>
    (await request(h.app).post('/api/v1/auth/login/mfa/passkey-options').send({ mfaTicket })).body;

  expectProblem(
    await completeLogin(h.app, { mfaTicket, passkey: authenticator.assert(bob.passkey, await optionsFor()) }),
    401,
  );
  const res = await completeLogin(h.app, {
    mfaTicket,
    passkey: authenticator.assert(alice.passkey, await optionsFor()),
  });
  expect(res.status).toBe(200);
  expect(claimsOf(res.body.accessToken)).toMatchObject({ amr: ['pwd', 'hwk'] });
});

it('adds a second passkey only with a fresh second factor', async () => {
  const user = await withPasskey();
  const { accessToken } = (await passwordless(user.passkey)).body;
  h.clock.advance(11 * 60_000);
  const stale = await request(h.app).post('/api/v1/auth/passkeys/registration-options').set(bearer(accessToken));
  expect(expectProblem(stale, 401).error).toBe('insufficient_user_authentication');

  const stepUpOptions = await request(h.app).post('/api/v1/auth/mfa/step-up/passkey-options').set(bearer(accessToken));
  const stepUp = await request(h.app)
    .post('/api/v1/auth/mfa/step-up')
    .set(bearer(accessToken))
    .send({ passkey: authenticator.assert(user.passkey, stepUpOptions.body) });
  expect(stepUp.status).toBe(200);
  const options = await request(h.app)
    .post('/api/v1/auth/passkeys/registration-options')
    .set(bearer(stepUp.body.accessToken));
  expect(options.status).toBe(200);
  expect(options.body.excludeCredentials).toHaveLength(1);
});
