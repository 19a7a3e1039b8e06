/**
 * The admin dashboard in a real browser (playwright-core driving Chromium), against the real auth
 * service and, when Caddy is installed, through the repository's edge (one origin, as deployed): the
 * admin logs in; a customer places and pays an order through the API; it appears in the live feed
 * within 2 s and the status chart follows; the admin ships it from the page and the customer's socket
 * hears `fulfilled`; a move refused meanwhile (409) is explained; a customer is refused the dashboard.
 * Screenshots go to .data/screenshots/ (UPDATE_SCREENSHOTS=1: docs/images/, as the README shows them).
 * Skipped, saying so, when no Chromium is installed (.ci/run installs one).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AccessTokenVerifier } from '@roadmap/auth';
import { freePort, HARNESS_HOOK_TIMEOUT_MS, startEdge, useHarness, waitFor } from '@roadmap/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoLogins } from '../src/shop/app.js';
import { createShopOpenApiDocument } from '../src/shop/openapi.js';
import { ADDRESS } from './harness.js';
import { findChromium, startAuthService } from './support/processes.js';
import { connect, record, type LiveClient } from './support/socket-client.js';
import { buildStack } from './support/stack.js';

const CHROMIUM = findChromium();
const SHOTS = path.resolve(
  __dirname,
  process.env.UPDATE_SCREENSHOTS ? '../../../docs/images' : '../../../.data/screenshots',
);
const describeInBrowser = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) process.stderr.write('admin-browser.test.ts skipped: no Chromium (apt-get install -y chromium)\n');

// Starting the auth service, the edge and the stack takes a while on a busy machine.
jest.setTimeout(120_000);
const h = useHarness(
  'admin-browser',
  async (ctx) => {
    // The auth service needs the shop's origin (CORS) and the shop needs the auth service's keys.
    const auth: { verifier?: AccessTokenVerifier } = {};
    const authPort = await freePort();
    const stack = await buildStack(ctx, {
      realtime: true,
      verifier: { verify: (token) => auth.verifier!.verify(token) },
      trustProxy: 1,
      dashboard: {
        authPublicUrl: `http://127.0.0.1:${authPort}`,
        authEdgePath: '/auth',
        demoAccounts: demoLogins(),
      },
    });
    const service = await startAuthService(ctx, authPort, stack.live!.url);
    auth.verifier = service.verifier;
    const edge = await startEdge(ctx, {
      shop: stack.live!.url,
      'auth-service': service.url,
      payments: stack.payments.url,
    });
    return { ...stack, auth: service, origin: edge ?? stack.live!.url, prefix: edge ? '/shop' : '' };
  },
  { openApi: createShopOpenApiDocument(), ignorePaths: /^\/admin(\/|$)/ },
);

let browser: Browser;
const clients: LiveClient[] = [];
const problems: string[] = [];
beforeAll(async () => {
  if (CHROMIUM)
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
      ],
    });
  await mkdir(SHOTS, { recursive: true });
}, HARNESS_HOOK_TIMEOUT_MS);
afterAll(async () => {
  for (const client of clients) client.close();
  await browser?.close();
});

/**
 * A page of its own; console errors fail the test at the end: a CSP violation, a failed script, and
 * any request answered with an error ("Failed to load resource": a 401 from a refresh tried with no
 * session, a 403 from a report asked by a customer, a missing favicon), except the answer a test
 * provokes on purpose (`provoked`).
 */
async function openDashboard(origin = `${h.origin}${h.prefix}`, provoked?: RegExp): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  page.on('console', (message) => {
    const text = `${message.text()} ${message.location().url}`;
    if (message.type() === 'error' && !provoked?.test(text)) problems.push(text);
  });
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${origin}/admin/`);
  return page;
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

const statusCount = (page: Page, status: string) =>
  page.locator(`#status-table tr[data-status="${status}"] td`).nth(1).textContent().then(Number);

/** The customer's purchase through the API, as a shop front would make it: cart, checkout, card. */
async function buyAndPay(token: string, variantId: string, pay = true): Promise<{ orderId: string }> {
  const api = `${h.origin}${h.prefix}/api/v1`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await fetch(`${api}/cart/items`, { method: 'POST', headers, body: JSON.stringify({ variantId, quantity: 2 }) });
  const checkout = await fetch(`${api}/checkout`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ shippingAddress: ADDRESS }),
  });
  const { order, paymentToken } = (await checkout.json()) as { order: { id: string }; paymentToken: string };
  if (!pay) return { orderId: order.id };
  const payments = h.prefix ? `${h.origin}/payments/api/v1` : `${h.payments.url}/api/v1`;
  const payment = await waitFor(async () => {
    const res = await fetch(`${payments}/payments/by-order/${order.id}`, {
      headers: { 'payment-token': paymentToken },
    });
    return res.ok ? ((await res.json()) as { id: string }) : undefined;
  });
  const confirmed = await fetch(`${payments}/payments/${payment.id}/confirm`, {
    method: 'POST',
    headers: { 'payment-token': paymentToken, 'content-type': 'application/json' },
    body: JSON.stringify({ card: { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' } }),
  });
  expect(confirmed.status).toBe(200);
  return { orderId: order.id };
}

describeInBrowser('the admin dashboard in a browser', () => {
  it('shows a paid order live, ships it, and the customer hears it; a stale move is explained', async () => {
    const product = await h.shop.services.products.create(
      {
        slug: 'enamel-teapot',
        name: 'Enamel Teapot',
        description: 'Blue enamel, 1.2 l.',
        imageUrls: [],
        published: true,
        variants: [{ sku: 'TEAPOT-LIVE', options: {}, priceMinor: 2450, currency: 'EUR', onHand: 30 }],
      },
      { id: 'browser-test', email: null },
    );
    const customerToken = await h.auth.login('demo@example.com', 'Demo-password-1');
    // Earlier business: one order paid, one waiting for its payment.
    await buyAndPay(customerToken, product.variants[0]!.id);
    await buyAndPay(customerToken, product.variants[0]!.id, false);
    // The stale move below is refused with a 409 on purpose.
    const page = await openDashboard(undefined, /status of 409 .*\/admin\/orders\/[^/]+\/transitions$/);
    await page.screenshot({ path: path.join(SHOTS, 'ecommerce-admin-login.png') });
    await logIn(page, 'admin@example.com', 'Admin-password-1');
    await page.locator('#live-state.on').waitFor();
    // A reload forgets the token (memory only); the auth service's refresh cookie brings it back.
    await page.reload();
    await page.locator('#live-state.on').waitFor();
    const pendingBefore = await statusCount(page, 'pending_payment');
    const paidBefore = await statusCount(page, 'paid');
    const customer = await connect(h.origin, customerToken, clients, { path: `${h.prefix}/socket.io` });
    const heard = record(customer, 'order.updated');

    const { orderId } = await buyAndPay(customerToken, product.variants[0]!.id);

    const row = page.locator(`#feed li[data-order-id="${orderId}"]`);
    // The feed never polls: the row can only arrive over the socket, without a reload.
    await row.waitFor({ timeout: 15_000 });
    await page.locator(`#feed li[data-order-id="${orderId}"][data-status="paid"]`).waitFor({ timeout: 10_000 });
    await waitFor(async () => (await statusCount(page, 'paid')) === paidBefore + 1, { timeoutMs: 5000 });
    expect(await statusCount(page, 'pending_payment')).toBe(pendingBefore);
    await page.screenshot({ path: path.join(SHOTS, 'ecommerce-admin-dashboard.png') });

    await row.getByRole('button').click();
    await page.getByLabel('Tracking number (for shipping)').fill('DHL-123456');
    expect(
      await page.locator('#transition-buttons button').evaluateAll((b) => b.map((x) => x.getAttribute('data-to'))),
    ).toEqual(['fulfilled', 'cancelled', 'refunded']);
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    await page.getByText('Done: the order is now shipped.').waitFor();

    const shipped = await waitFor(() => heard.find((u) => u.orderId === orderId && u.status === 'fulfilled'));
    expect(shipped).toMatchObject({ fulfillmentStatus: 'shipped', version: 3 });
    await waitFor(async () => (await statusCount(page, 'fulfilled')) === 1, { timeoutMs: 5000 });
    await page.locator('#detail-facts').getByText('DHL-123456').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'ecommerce-admin-order.png'), fullPage: true });

    // Another admin delivers the order between the page's render and this admin's click.
    await page.route('**/admin/orders/*/transitions', async (route) => {
      await h.shop.services.orders.transition(orderId, { to: 'delivered' }, { type: 'admin', id: 'other-admin' });
      await route.continue();
    });
    await page.getByRole('button', { name: 'Mark as delivered' }).click();

    await page.getByText('Refused: The order is delivered; it cannot become delivered.', { exact: false }).waitFor();
    expect(await page.locator('#transition-message').textContent()).toBe(
      'Refused: The order is delivered; it cannot become delivered. Someone else changed this order meanwhile; its current state is shown below.',
    );
    await page.unrouteAll();
    expect(problems).toEqual([]);
  }, 60_000);

  it("works on the shop's own port too (development): the auth service across origins, with CORS", async () => {
    const page = await openDashboard(h.live!.url);

    await logIn(page, 'admin@example.com', 'Admin-password-1');
    await page.locator('#live-state.on').waitFor();
    await page.reload();

    await page.locator('#live-state.on').waitFor();
    expect(await page.locator('#who').textContent()).toBe('admin@example.com (admin)');
    expect(problems).toEqual([]);
  }, 30_000);

  it('offers the demo accounts on the login form, and refuses the customer one without asking the API', async () => {
    const page = await openDashboard();

    await page.getByRole('button', { name: 'demo@example.com / Demo-password-1' }).click();
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.locator('#refused').waitFor();
    expect(await page.locator('#refused-reason').textContent()).toBe(
      'demo@example.com is a user account: the dashboard is for admins only.',
    );
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'ecommerce-admin-refused.png') });
    expect(problems).toEqual([]);
  }, 30_000);
});
