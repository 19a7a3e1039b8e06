/**
 * A shopper's journey through the storefront in Chromium (playwright-core), through the Caddy edge
 * beside the real auth service: a guest searches, filters, opens a product and adds two variants; signs
 * in and the guest cart merges (a quantity capped at stock is shown); pays with a declined card, then a
 * good one on the same order, whose page turns "paid" without a reload; an admin in a second browser
 * context ships it and the shopper's page shows "shipped" live. A double-clicked "Pay", and a retry
 * after a lost answer, make one order and one charge, as PostgreSQL shows. An expired reservation is
 * explained on the order page.
 * Screenshots go to .data/screenshots/ (UPDATE_SCREENSHOTS=1: docs/images/, as the READMEs show them).
 * Skipped, saying so, when no Chromium is installed (.ci/run installs one).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { waitFor } from '@roadmap/testing';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM,
  fillCheckout,
  launchChromium,
  openPage,
  seedCatalog,
  storeUrl,
  useStorefront,
  type ShopCatalog,
} from './support/storefront.js';

const SHOTS = path.resolve(
  __dirname,
  process.env.UPDATE_SCREENSHOTS ? '../../../docs/images' : '../../../.data/screenshots',
);
const describeInBrowser = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) process.stderr.write('storefront-journey.test.ts skipped: no Chromium (apt-get install -y chromium)\n');

// Starting the auth service, the edge and the stack takes a while on a busy machine.
jest.setTimeout(120_000);
const h = useStorefront('storefront-journey');

let browser: Browser;
let catalog: ShopCatalog;
let shopper: Page;
let orderId: string;
const problems: string[] = [];
/** What the shopper's page received over its live connection (Socket.io packets as text). */
const frames: string[] = [];

beforeAll(async () => {
  if (!CHROMIUM) return;
  browser = await launchChromium();
  catalog = await seedCatalog(h);
  await mkdir(SHOTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The cart's lines as [SKU, quantity], by SKU. */
const cartRows = async (page: Page) =>
  (
    await page
      .locator('table.cart tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-sku'), row.querySelector('input')?.getAttribute('value')]),
      )
  ).sort();

describeInBrowser('the storefront, as a shopper uses it', () => {
  it('lets a guest search as they type, filter by a facet, open a product and add two variants', async () => {
    shopper = await openPage(browser, problems);
    shopper.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(String(payload))));
    await shopper.goto(storeUrl(h));
    await shopper.getByRole('heading', { name: 'All products' }).waitFor();
    await shopper.screenshot({ path: path.join(SHOTS, 'storefront-catalog.png') });

    await shopper.getByLabel('Search products').pressSequentially('teapot');
    await shopper.getByRole('heading', { name: 'Results for “teapot”' }).waitFor();
    expect(new URL(shopper.url()).searchParams.get('q')).toBe('teapot');
    await shopper.getByLabel('Search products').fill('');
    await shopper.getByRole('heading', { name: 'All products' }).waitFor();
    await shopper.getByRole('link', { name: 'Kitchen (3)' }).click();
    await shopper.locator('#result-count', { hasText: '3 products' }).waitFor();
    await shopper.getByRole('link', { name: 'In stock only (2)' }).click();
    await shopper.locator('#result-count', { hasText: '2 products' }).waitFor();
    expect(Object.fromEntries(new URL(shopper.url()).searchParams)).toEqual({ category: 'kitchen', inStock: 'true' });
    // The filters live in the URL: back and forward show the same results again.
    await shopper.goBack();
    await shopper.locator('#result-count', { hasText: '3 products' }).waitFor();
    await shopper.goForward();
    await shopper.locator('#result-count', { hasText: '2 products' }).waitFor();

    await shopper.getByRole('link', { name: 'Enamel Teapot' }).click();
    await shopper.getByRole('heading', { name: 'Enamel Teapot' }).waitFor();
    await shopper.getByLabel('Quantity').fill('2');
    await shopper.getByRole('button', { name: 'Add to cart' }).click();
    await shopper.getByText('Added 2 × Enamel Teapot (colour blue) to your cart.', { exact: true }).first().waitFor();
    await shopper.getByRole('radio', { name: /colour green/ }).check();
    await shopper.getByLabel('Quantity').fill('1');
    await shopper.getByRole('button', { name: 'Add to cart' }).click();
    await shopper.locator('#cart-count', { hasText: '3' }).waitFor();
    await shopper.screenshot({ path: path.join(SHOTS, 'storefront-product.png') });

    await shopper.getByRole('link', { name: /^Cart/ }).click();
    await shopper.getByRole('heading', { name: 'Your cart' }).waitFor();
    expect(await cartRows(shopper)).toEqual([
      ['TEAPOT-BLUE', '2'],
      ['TEAPOT-GREEN', '1'],
    ]);
    expect(await shopper.locator('#subtotal').textContent()).toBe('€75.50');
    expect(problems).toEqual([]);
  }, 60_000);

  it('merges the guest cart on sign-in and says which quantity was capped at stock', async () => {
    // The account's cart already holds every green teapot in stock (3).
    const token = await h.auth.login('demo@example.com', 'Demo-password-1');
    const added = await fetch(`${h.origin}${h.prefix}/api/v1/cart/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ variantId: catalog.teapot.green, quantity: 3 }),
    });
    expect(added.status).toBe(200);

    await shopper.getByRole('link', { name: 'Sign in' }).click();
    await shopper.getByLabel('Email').fill('demo@example.com');
    await shopper.getByLabel('Password').fill('Demo-password-1');
    await shopper.getByRole('button', { name: 'Sign in' }).click();

    await shopper.getByRole('heading', { name: 'What changed when your carts merged' }).waitFor();
    expect(await shopper.locator('#merge-notes li').allTextContents()).toEqual([
      'Enamel Teapot (colour green): you asked for 4, only 3 in stock, so the quantity is now 3.',
    ]);
    expect(await cartRows(shopper)).toEqual([
      ['TEAPOT-BLUE', '2'],
      ['TEAPOT-GREEN', '3'],
    ]);
    expect(await shopper.locator('#who').textContent()).toBe('demo@example.com');
    expect(problems).toEqual([]);
  }, 30_000);

  it('explains a declined card, takes another on the same order, and turns "paid" without a reload', async () => {
    await shopper.getByRole('link', { name: 'Go to checkout' }).click();
    await shopper.getByRole('heading', { name: 'Checkout' }).waitFor();
    await fillCheckout(shopper, '4000 0000 0000 0002');
    await shopper.screenshot({ path: path.join(SHOTS, 'storefront-checkout.png'), fullPage: true });
    await shopper.evaluate('window.sameDocument = true');

    await shopper.getByRole('button', { name: /^Pay/ }).click();

    await shopper.getByRole('heading', { name: 'Try another card' }).waitFor({ timeout: 20_000 });
    expect(await shopper.locator('#order-explain').textContent()).toContain('Your card was declined by its bank.');
    orderId = new URL(shopper.url()).searchParams.get('id')!;
    await shopper.locator('#live-note[data-live="live"]').waitFor();
    await shopper.getByLabel('Card number').fill('4242 4242 4242 4242');
    await shopper.getByRole('button', { name: /^Pay/ }).click();

    await shopper.locator('#order-status[data-status="paid"]').waitFor({ timeout: 20_000 });
    expect(await shopper.locator('#order-status').textContent()).toBe('Paid');
    expect(await shopper.evaluate('window.sameDocument')).toBe(true);
    const stored = await h.shop.database.db
      .selectFrom('orders')
      .select(['status', 'payment_status'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'paid', payment_status: 'paid' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows "shipped" live when an admin ships the order from the admin page in another context', async () => {
    const admin = await openPage(browser, problems);
    await admin.goto(`${h.origin}${h.prefix}/admin/`);
    await admin.getByLabel('Email').fill('admin@example.com');
    await admin.getByLabel('Password').fill('Admin-password-1');
    await admin.getByRole('button', { name: 'Log in' }).click();
    const row = admin.locator(`#feed li[data-order-id="${orderId}"]`);
    await row.waitFor();
    await row.getByRole('button').click();
    await admin.getByLabel('Tracking number (for shipping)').fill('DHL-STORE-1');
    await admin.getByRole('button', { name: 'Mark as shipped' }).click();
    await admin.getByText('Done: the order is now shipped.').waitFor();

    await shopper.locator('#order-status[data-status="fulfilled"]').waitFor({ timeout: 10_000 });
    expect(await shopper.locator('#order-status').textContent()).toBe('Shipped');
    expect(await shopper.locator('#tracking').textContent()).toBe('DHL-STORE-1');
    expect(await shopper.evaluate('window.sameDocument')).toBe(true);
    await shopper.screenshot({ path: path.join(SHOTS, 'storefront-order-live.png'), fullPage: true });
    await admin.context().close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('catches up on a change the order page was sent while it was still reading the order', async () => {
    // The order view reads the order, then its history, then follows the order live. Its history read
    // is held until the broadcast of a change has reached the browser: the change arrives before the
    // view listens, on a connection that stays open, so only the catch-up on following can show it.
    let reading!: () => void;
    const historyRequested = new Promise<void>((resolve) => (reading = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const historyUrl = `**/api/v1/orders/${orderId}/history`;
    await shopper.route(historyUrl, async (route) => {
      reading();
      await released;
      await route.continue();
    });
    await shopper.getByRole('link', { name: 'My orders' }).first().click();
    await shopper.locator(`a[href*="id=${orderId}"]`).click();
    await historyRequested;

    await h.shop.services.orders.transition(orderId, { to: 'delivered' }, { type: 'admin', id: null });
    await waitFor(
      () =>
        frames.some(
          (frame) => frame.includes('"order.updated"') && frame.includes(orderId) && frame.includes('"delivered"'),
        ),
      { timeoutMs: 20_000, description: 'the broadcast of "delivered" in the browser' },
    );
    release();

    await shopper.locator('#order-status[data-status="delivered"]').waitFor({ timeout: 10_000 });
    expect(await shopper.locator('#order-status').textContent()).toBe('Delivered');
    await shopper.unroute(historyUrl);
    expect(problems).toEqual([]);
  }, 60_000);

  it('makes one order and one charge from a double-clicked Pay and a retry after a lost answer', async () => {
    const guest = await openPage(browser, problems, {}, /ERR_CONNECTION_RESET/);
    await guest.goto(storeUrl(h, `?view=product&slug=${catalog.teapot.slug}`));
    await guest.getByRole('button', { name: 'Add to cart' }).click();
    await guest.locator('#cart-count', { hasText: '1' }).waitFor();
    await guest.goto(storeUrl(h, '?view=checkout'));
    await fillCheckout(guest, '4242 4242 4242 4242', 'double@example.com');
    // The first answer is lost on the way back (the order was made): the page says so, and Pay again.
    let lost = false;
    await guest.route('**/api/v1/checkout', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await guest.getByRole('button', { name: /^Pay/ }).click();
    await guest.locator('#checkout-error', { hasText: 'The order was not placed' }).waitFor();

    await guest.getByRole('button', { name: /^Pay/ }).dblclick();

    await guest.locator('#order-status[data-status="paid"]').waitFor({ timeout: 20_000 });
    const orders = await h.shop.database.db
      .selectFrom('orders')
      .select('id')
      .where('email', '=', 'double@example.com')
      .execute();
    expect(orders).toHaveLength(1);
    const charges = await waitFor(async () => {
      const rows = await h.payments.database.db
        .selectFrom('fake_provider_intents')
        .select('status')
        .where(({ ref }) => ref('metadata', '->>').key('order_id'), '=', orders[0]!.id)
        .execute();
      return rows.length > 0 ? rows : undefined;
    });
    expect(charges).toEqual([{ status: 'succeeded' }]);
    const payments = await h.payments.database.db
      .selectFrom('payments')
      .select('status')
      .where('order_id', '=', orders[0]!.id)
      .execute();
    expect(payments).toEqual([{ status: 'succeeded' }]);
    await guest.context().close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('explains an expired reservation on the order page, and offers no payment for it', async () => {
    const guest = await openPage(browser, problems);
    await guest.goto(storeUrl(h, `?view=product&slug=${catalog.teapot.slug}`));
    await guest.getByRole('button', { name: 'Add to cart' }).click();
    await guest.locator('#cart-count', { hasText: '1' }).waitFor();
    await guest.goto(storeUrl(h, '?view=checkout'));
    // A card that needs its bank's confirmation: the order stays unpaid.
    await fillCheckout(guest, '4000 0025 0000 3155', 'late@example.com');
    await guest.getByRole('button', { name: /^Pay/ }).click();
    await guest.getByRole('heading', { name: 'Pay for this order' }).waitFor({ timeout: 20_000 });
    expect(await guest.locator('#notice').textContent()).toContain('needs its bank to confirm the payment');
    const expiring = new URL(guest.url()).searchParams.get('id')!;

    h.clock.advance(901_000);
    expect(await h.shop.services.orders.expire(expiring)).toBe(true);

    await guest.locator('#order-status[data-status="cancelled"]').waitFor({ timeout: 10_000 });
    expect(await guest.locator('#order-explain').textContent()).toMatch(
      /^Your reservation expired at .+ before the payment arrived, so the items went back on sale and nothing was charged\./,
    );
    expect(await guest.locator('#pay-form').count()).toBe(0);
    await guest.context().close();
    expect(problems).toEqual([]);
  }, 60_000);
});
