/**
 * Passkeys in a real browser: playwright-core drives Chromium, whose virtual authenticator (the CDP
 * WebAuthn domain: a CTAP2 platform authenticator with resident keys and user verification) stands in
 * for a phone or a security key, against the real auth service run as a process (src/server.ts) on a
 * free port. The account page registers a passkey and signs in with it alone; a copy of the passkey
 * taken before that sign-in, so with an older signature counter, is refused and audited. A passkey
 * also serves as the second factor after a password, and is renamed and removed. Skipped, saying so,
 * when no Chromium is installed.
 */
import { existsSync } from 'node:fs';
import { freePort, HARNESS_HOOK_TIMEOUT_MS, startAuthServiceProcess, type AuthServiceProcess } from '@roadmap/testing';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { createAuditEventModel } from '../src/modules/audit/audit.model.js';
import { createRecoveryCodeModel } from '../src/modules/mfa/recovery-code.model.js';
import { createPasskeyModel } from '../src/modules/passkeys/passkey.model.js';
import { createUserModel } from '../src/modules/users/user.model.js';
import { useAuthHarness } from './harness.js';

const CHROMIUM = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
const describeInBrowser = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) process.stderr.write('passkey-browser.test.ts skipped: no Chromium (apt-get install -y chromium)\n');

const h = useAuthHarness('auth_passkey_browser');
let service: AuthServiceProcess;
let origin: string;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  if (!CHROMIUM) return;
  const port = await freePort();
  // WebAuthn needs a domain as RP ID (an IP address is none) and a secure context: localhost is both.
  origin = `http://localhost:${port}`;
  service = await startAuthServiceProcess(h.ctx, {
    issuer: 'http://auth.passkeys.test',
    port,
    env: { PUBLIC_URL: origin, WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: origin },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The service listens on 127.0.0.1 only; keep localhost from trying ::1 first.
      '--host-resolver-rules=MAP localhost 127.0.0.1',
    ],
  });
}, HARNESS_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
});

/** A page of its own with a virtual authenticator; console errors (a CSP violation) fail the test. */
async function openAccountPage(): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const page = await (await browser.newContext()).newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto(`${origin}/account/security`);
  return { page, cdp, authenticatorId };
}

async function register(email: string, password: string): Promise<void> {
  const res = await fetch(`${service.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, name: 'Passkey User' }),
  });
  expect(res.status).toBe(201);
}

const authDb = () => h.db.connection.useDb(service.dbName, { useCache: true });

describeInBrowser('passkeys in Chromium', () => {
  it('registers a passkey on the account page and signs in with it alone; an older copy of it is refused', async () => {
    const email = `passkey-${Date.now()}@example.test`;
    await register(email, 'correct-horse-battery');
    const { page, cdp, authenticatorId } = await openAccountPage();

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(`Signed in as ${email}`).waitFor();

    await page.getByLabel('Name of the new passkey').fill('Virtual laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.locator('#passkeys li', { hasText: 'Virtual laptop' }).waitFor();
    // The first factor: recovery codes shown once.
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    const [copy] = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    expect(copy).toEqual(expect.objectContaining({ isResidentCredential: true }));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByText(`Signed in as ${email}`).waitFor();
    expect(await page.locator('#who').getAttribute('data-amr')).toBe('hwk');
    const stored = await createPasskeyModel(authDb()).findOne({ name: 'Virtual laptop' }).lean();
    expect(stored?.counter).toBeGreaterThan(copy?.signCount ?? 0);

    // The copy made before that sign-in, in another authenticator: its counter is behind the stored one.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    const clone = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    if (!copy) throw new Error('the virtual authenticator holds no credential');
    await cdp.send('WebAuthn.addCredential', { authenticatorId: clone.authenticatorId, credential: copy });
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();

    await page.getByText(/signature counter that did not move forward/).waitFor();
    expect(await page.locator('#sign-in').isVisible()).toBe(true);
    const audited = await createAuditEventModel(authDb()).find({ type: 'passkey.counter_regressed' }).lean();
    expect(audited).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ name: 'Virtual laptop', presentedCounter: expect.any(Number) }),
      }),
    ]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('uses a passkey as the second factor after the password, then renames and removes it', async () => {
    const email = `second-factor-${Date.now()}@example.test`;
    await register(email, 'correct-horse-battery');
    const { page } = await openAccountPage();
    const signInWithPassword = async () => {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    };
    await signInWithPassword();
    await page.getByText(`Signed in as ${email}`).waitFor();
    await page.getByLabel('Name of the new passkey').fill('Work key');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.locator('#passkeys li', { hasText: 'Work key' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The password alone no longer signs in: the page asks for the second factor.
    await signInWithPassword();
    await page.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByText(`Signed in as ${email}`).waitFor();
    expect(await page.locator('#who').getAttribute('data-amr')).toBe('pwd hwk');

    page.once('dialog', (dialog) => void dialog.accept('Desk key'));
    await page.locator('#passkeys li', { hasText: 'Work key' }).getByRole('button', { name: 'Rename' }).click();
    await page.locator('#passkeys li', { hasText: 'Desk key' }).waitFor();
    // Signed in with the passkey just now: fresh enough to remove a factor.
    await page.locator('#passkeys li', { hasText: 'Desk key' }).getByRole('button', { name: 'Remove' }).click();
    await page.locator('#passkeys li').first().waitFor({ state: 'detached' });
    const userId = (await createUserModel(authDb()).findOne({ email }).lean())?._id;
    expect(await createPasskeyModel(authDb()).countDocuments({ userId })).toBe(0);
    // Its recovery codes went with the account's last factor.
    expect(await createRecoveryCodeModel(authDb()).countDocuments({ userId })).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
