/**
 * What the storefront's browser tests share: the stack with Socket.io behind the Caddy edge beside
 * the real auth service (one origin, as deployed: /shop/store/, /auth, /payments), one Chromium per
 * file (contexts per test), a catalog to shop in, and pages whose console errors fail the test.
 */
import type { AccessTokenVerifier } from '@roadmap/auth';
import { freePort, startEdge, useHarness, type Harness } from '@roadmap/testing';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { demoLogins } from '../../src/shop/app.js';
import { createShopOpenApiDocument } from '../../src/shop/openapi.js';
import { findChromium, startAuthService, type AuthService } from './processes.js';
import { buildStack, type Stack } from './stack.js';

export const CHROMIUM = findChromium();

const SEED_ADMIN = { id: 'storefront-test', email: null };

export type StorefrontStack = Stack & { auth: AuthService; origin: string; prefix: string };

/** The stack behind the edge (or the shop's own port without Caddy: then payments is another origin). */
export function useStorefront(name: string): Harness<StorefrontStack> {
  return useHarness(
    name,
    async (ctx) => {
      const auth: { verifier?: AccessTokenVerifier } = {};
      const authPort = await freePort();
      const stack = await buildStack(ctx, {
        realtime: true,
        verifier: { verify: (token) => auth.verifier!.verify(token) },
        trustProxy: 1,
        dashboard: { authPublicUrl: `http://127.0.0.1:${authPort}`, authEdgePath: '/auth', demoAccounts: demoLogins() },
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
    { openApi: createShopOpenApiDocument(), ignorePaths: /^\/(admin|store)(\/|$)/ },
  );
}

/** One Chromium for the file. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM!,
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
}

// The payment is created moments after the order (over RabbitMQ): the page reads it until it exists,
// and the payments service answers 404 with Retry-After meanwhile, which Chromium logs as an error.
const PAYMENT_NOT_YET = /status of 404 \(Not Found\) \S+\/payments\/by-order\/[0-9a-f-]+$/;

/**
 * A page in a context of its own. Console errors are collected into `problems` (a CSP violation, a
 * failed script, a request answered with an error), except those matching `expected`.
 */
export async function openPage(
  browser: Browser,
  problems: string[],
  options: BrowserContextOptions = {},
  expected?: RegExp,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = `${message.text()} ${message.location().url}`;
    if (message.type() === 'error' && !PAYMENT_NOT_YET.test(text) && !expected?.test(text)) problems.push(text);
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return page;
}

export interface ShopCatalog {
  /** A teapot in two colours (stock 5 and 3), beside a kettle and tea towels (none in stock) in Kitchen. */
  teapot: { slug: string; blue: string; green: string };
}

/** Two categories and ten products; only the teapot's name has "teapot" in it. */
export async function seedCatalog(h: Harness<StorefrontStack>): Promise<ShopCatalog> {
  const products = h.shop.services.products;
  await products.createCategory({ slug: 'kitchen', name: 'Kitchen' }, SEED_ADMIN);
  await products.createCategory({ slug: 'garden', name: 'Garden' }, SEED_ADMIN);
  const teapot = await products.create(
    {
      slug: 'enamel-teapot',
      name: 'Enamel Teapot',
      description: 'Blue or green enamel, 1.2 litres.',
      categorySlug: 'kitchen',
      imageUrls: [],
      published: true,
      variants: [
        { sku: 'TEAPOT-BLUE', options: { colour: 'blue' }, priceMinor: 2450, currency: 'EUR', onHand: 5 },
        { sku: 'TEAPOT-GREEN', options: { colour: 'green' }, priceMinor: 2650, currency: 'EUR', onHand: 3 },
      ],
    },
    SEED_ADMIN,
  );
  for (const [slug, name, category, price, onHand] of [
    ['copper-kettle', 'Copper Kettle', 'kitchen', 4500, 4],
    ['tea-towels', 'Linen Tea Towels', 'kitchen', 1200, 0],
    ['watering-can', 'Watering Can', 'garden', 3100, 9],
    ['pruning-shears', 'Pruning Shears', 'garden', 1899, 12],
    ['bird-feeder', 'Bird Feeder', 'garden', 2299, 2],
    ['garden-gloves', 'Garden Gloves', 'garden', 999, 30],
    ['solar-path-lights', 'Solar Path Lights', 'garden', 5499, 6],
    ['raised-bed-kit', 'Raised Bed Kit', 'garden', 12900, 1],
  ] as const) {
    await products.create(
      {
        slug,
        name,
        description: `${name}, for the demo.`,
        categorySlug: category,
        imageUrls: [],
        published: true,
        variants: [{ sku: slug.toUpperCase(), options: {}, priceMinor: price, currency: 'EUR', onHand }],
      },
      SEED_ADMIN,
    );
  }
  const variant = (sku: string) => teapot.variants.find((v) => v.sku === sku)!.id;
  return { teapot: { slug: teapot.slug, blue: variant('TEAPOT-BLUE'), green: variant('TEAPOT-GREEN') } };
}

/** The store's URL on the edge. */
export const storeUrl = (h: Harness<StorefrontStack>, query = '') => `${h.origin}${h.prefix}/store/${query}`;

/** Fills the checkout's address (and the email when asked for one) and a card. */
export async function fillCheckout(page: Page, card: string, email?: string): Promise<void> {
  if (email) await page.getByLabel('Email').fill(email);
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Address', { exact: true }).fill('12 Analytical Row');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Postal code').fill('N1 9GU');
  await page.getByLabel('Card number').fill(card);
}
