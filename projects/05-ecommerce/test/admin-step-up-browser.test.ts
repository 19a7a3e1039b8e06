/**
 * The admin page's re-authentication prompt in a real browser (playwright-core, Chromium), against
 * the real auth service: an admin signed in with a password alone sets up an authenticator app on the
 * auth service's account page (same session, through its refresh cookie); refunding an order then
 * answers 401 insufficient_user_authentication, the page asks for the code, steps up, and the retried
 * refund goes through. Skipped, saying so, when no Chromium is installed.
 */
import { createHmac } from 'node:crypto';
import type { AccessTokenVerifier } from '@roadmap/auth';
import { freePort, HARNESS_HOOK_TIMEOUT_MS, useHarness } from '@roadmap/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createShopOpenApiDocument } from '../src/shop/openapi.js';
import { confirmPayment, orderState, paymentOf, placeOrder, waitForOrder } from './harness.js';
import { findChromium, startAuthService, type AuthService } from './support/processes.js';
import { buildStack } from './support/stack.js';

const CHROMIUM = findChromium();
const describeInBrowser = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM)
  process.stderr.write('admin-step-up-browser.test.ts skipped: no Chromium (apt-get install -y chromium)\n');

// The shop trusts the auth service's keys, which exist once the service has started (beforeAll).
const auth: { verifier?: AccessTokenVerifier; service?: AuthService } = {};
const h = useHarness(
  'admin-step-up-browser',
  async (ctx) => {
    const authPort = await freePort();
    const stack = await buildStack(ctx, {
      realtime: true,
      verifier: { verify: (token) => auth.verifier!.verify(token) },
      dashboard: { authPublicUrl: `http://127.0.0.1:${authPort}`, authEdgePath: '/auth' },
    });
    return { ...stack, authPort };
  },
  { openApi: createShopOpenApiDocument(), ignorePaths: /^\/admin(\/|$)/ },
);

/** RFC 6238 with the defaults authenticator apps use (SHA-1, 6 digits, 30 s), as the admin's phone computes it. */
function totpAt(base32Secret: string, at: number): string {
  const bits = [...base32Secret.replace(/=+$/, '')]
    .map((char) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(char).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0xf;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

let browser: Browser;
const problems: string[] = [];
// Two real processes (the auth service, then its seed) and a browser, started side by side.
beforeAll(async () => {
  if (!CHROMIUM) return;
  const [service] = await Promise.all([
    startAuthService(h.ctx, h.authPort, h.live!.url),
    chromium
      .launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
      })
      .then((launched) => (browser = launched)),
  ]);
  auth.service = service;
  auth.verifier = service.verifier;
}, HARNESS_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
});

/** Console errors other than the answers the pages expect (a 401 before the prompt) fail the test. */
function watch(page: Page): Page {
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(message.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return page;
}

async function paidOrder(): Promise<string> {
  // The shop here trusts only the auth service's tokens: the product is made through the service.
  const product = await h.shop.services.products.create(
    {
      slug: 'copper-kettle',
      name: 'Copper Kettle',
      description: 'Hammered copper, 1.5 l.',
      imageUrls: [],
      published: true,
      variants: [{ sku: 'KETTLE-STEP-UP', options: {}, priceMinor: 5900, currency: 'EUR', onHand: 10 }],
    },
    { id: 'browser-test', email: null },
  );
  const order = await placeOrder(h, product.variants[0]!.id, 1);
  const payment = await paymentOf(h, order);
  await confirmPayment(h, order, payment.id).expect(200);
  await waitForOrder(h, order.orderId, (s) => s.status === 'paid');
  return order.orderId;
}

describeInBrowser('the admin page asks for the second factor before a refund', () => {
  it('prompts for the code after 401 insufficient_user_authentication, steps up and refunds', async () => {
    const orderId = await paidOrder();
    const context = await browser.newContext();
    const admin = watch(await context.newPage());
    await admin.goto(`${h.live!.url}/admin/`);
    await admin.getByLabel('Email').fill('admin@example.com');
    await admin.getByLabel('Password').fill('Admin-password-1');
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.locator('#live-state.on').waitFor();

    // The same admin, same session, sets up an authenticator app on the auth service's account page.
    const account = watch(await context.newPage());
    await account.goto(`${auth.service!.url}/account/security`);
    await account.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await account.locator('#totp-setup').waitFor();
    const secret = (await account.locator('#totp-secret').textContent()) ?? '';
    const enrolledAt = Date.now();
    await account.getByLabel('Code from the app').fill(totpAt(secret, enrolledAt));
    await account.getByRole('button', { name: 'Turn on' }).click();
    await account.locator('#recovery-codes li, #message.error').first().waitFor();
    expect(await account.locator('#message').textContent()).toBe('');

    await admin.bringToFront();
    await admin.locator(`#feed li[data-order-id="${orderId}"] button`).click();
    await admin.getByRole('button', { name: 'Mark as refunded' }).click();
    const prompt = admin.getByRole('dialog', { name: 'Confirm it is you' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('This needs your second factor from the last 10 minutes.');
    // The next step's code: the enrolment used the current one, and a code is accepted once.
    await prompt
      .getByLabel('Code from your authenticator app (or a recovery code)')
      .fill(totpAt(secret, enrolledAt + 30_000));
    await prompt.getByRole('button', { name: 'Confirm' }).click();

    await admin.getByText('Done: the order is now refunded.').waitFor();
    expect((await orderState(h, orderId)).status).toBe('refunded');
    expect(problems).toEqual([]);
  }, 60_000);
});
