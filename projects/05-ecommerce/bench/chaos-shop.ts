/**
 * The shoppers of the e-commerce chaos run (bench/chaos.ts): they browse, buy (cart, then checkout
 * with an Idempotency-Key, retried as a client should) and pay (confirm with a test card), while
 * the run keeps what every write was answered, so the audit can tell acknowledged from stored.
 */
import { randomUUID } from 'node:crypto';
import type { TestIssuer } from '@roadmap/auth/testing';
import type { ChaosClient, ChaosOperation } from '@roadmap/testing';

export interface ChaosShopState {
  /** Cart ids a checkout was tried for, and the orders answered 201, by id. */
  checkoutCarts: Set<string>;
  orders: Map<string, { cartToken: string; paymentToken: string }>;
  /** Orders whose payment confirm was tried, and those answered 200. */
  confirmTried: Set<string>;
  confirmed: Set<string>;
}

export function newShopState(): ChaosShopState {
  return { checkoutCarts: new Set(), orders: new Map(), confirmTried: new Set(), confirmed: new Set() };
}

const any = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ADDRESS = {
  name: 'Chaos Shopper',
  line1: '1 Loopback Lane',
  city: 'Localhost',
  postalCode: '12345',
  country: 'GB',
};
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' };

/** Sends `send` again (up to 3 times, a second apart) while it gets no answer or a 5xx. */
async function withRetries(send: () => ReturnType<ChaosClient['send']>) {
  let answer = await send();
  for (let retry = 0; retry < 3 && (answer.status === 0 || answer.status >= 500); retry += 1) {
    await pause(1000);
    answer = await send();
  }
  return answer;
}

export interface ShopUrls {
  shop: string;
  payments: string;
}

/** Products to sell, created through the admin API; answers their slugs and variant ids. */
export async function createCatalog(shopUrl: string, issuer: TestIssuer, count = 12) {
  const token = issuer.tokenFor({ role: 'admin', email: 'admin@shop.chaos' });
  const products: { slug: string; variantId: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const slug = `chaos-product-${i}`;
    const res = await fetch(`${shopUrl}/api/v1/admin/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        slug,
        name: `Chaos product ${i}`,
        description: 'Sold while dependencies fail.',
        published: true,
        variants: [{ sku: `CHAOS-${i}`, priceMinor: 500 + i * 100, currency: 'EUR', onHand: 100_000 }],
      }),
    });
    if (res.status !== 201) throw new Error(`product not created: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { variants: { id: string }[] };
    products.push({ slug, variantId: body.variants[0]!.id });
  }
  return products;
}

export function shopOperations(
  urls: ShopUrls,
  products: { slug: string; variantId: string }[],
  state: ChaosShopState,
): ChaosOperation[] {
  // Two processes: every request names its full URL (the load's base URL is empty).
  const shop = (path: string) => `${urls.shop}${path}`;
  const payments = (path: string) => `${urls.payments}${path}`;
  return [
    {
      name: 'browse',
      weight: 4,
      run: async (c) => {
        await c.send({ method: 'GET', path: shop('/api/v1/products?limit=10') });
        await c.send({ method: 'GET', path: shop(`/api/v1/products/${any(products).slug}`) });
      },
    },
    {
      name: 'buy',
      weight: 2,
      run: async (c) => {
        const added = await withRetries(() =>
          c.send({
            method: 'POST',
            path: shop('/api/v1/cart/items'),
            body: { variantId: any(products).variantId, quantity: 1 + Math.floor(Math.random() * 2) },
          }),
        );
        if (added.status !== 201) return;
        const cartToken = (added.body as { token: string }).token;
        state.checkoutCarts.add(cartToken.split('.')[0]!);
        const key = randomUUID();
        const placed = await withRetries(() =>
          c.send({
            method: 'POST',
            path: shop('/api/v1/checkout'),
            headers: { 'x-cart-token': cartToken, 'idempotency-key': key },
            body: { email: `shopper-${randomUUID().slice(0, 8)}@shop.chaos`, shippingAddress: ADDRESS },
          }),
        );
        if (placed.status !== 201) return;
        const body = placed.body as { order: { id: string }; paymentToken: string };
        state.orders.set(body.order.id, { cartToken, paymentToken: body.paymentToken });
      },
    },
    {
      name: 'pay',
      weight: 2,
      run: async (c) => {
        const unpaid = [...state.orders.keys()].filter((id) => !state.confirmTried.has(id));
        if (unpaid.length === 0) return;
        const orderId = any(unpaid);
        const { paymentToken } = state.orders.get(orderId)!;
        const payment = await c.send({
          method: 'GET',
          path: payments(`/api/v1/payments/by-order/${orderId}`),
          headers: { 'payment-token': paymentToken },
        });
        if (payment.status !== 200) return;
        state.confirmTried.add(orderId);
        const key = randomUUID();
        const confirmed = await withRetries(() =>
          c.send({
            method: 'POST',
            path: payments(`/api/v1/payments/${(payment.body as { id: string }).id}/confirm`),
            headers: { 'payment-token': paymentToken, 'idempotency-key': key },
            body: { card: CARD },
          }),
        );
        if (confirmed.status === 200) state.confirmed.add(orderId);
      },
    },
    {
      name: 'track',
      weight: 1,
      run: async (c) => {
        const ids = [...state.orders.keys()];
        if (ids.length === 0) return;
        const orderId = any(ids);
        await c.send({
          method: 'GET',
          path: shop(`/api/v1/orders/${orderId}`),
          headers: { 'x-cart-token': state.orders.get(orderId)!.cartToken },
        });
      },
    },
  ];
}
