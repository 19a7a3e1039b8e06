/**
 * The e-commerce project's builder on the shared harness (@roadmap/testing): `useStack(name)` builds
 * the three processes on isolated real services before the file's tests (support/stack.ts), checks
 * every shop and payments response against its OpenAPI document after each test, and removes
 * everything after the file. The helpers below speak HTTP, as a client would.
 */
import type { Logger } from '@roadmap/core';
import { defineFactory, uniqueEmail, useHarness, waitFor, type Harness, type WaitOptions } from '@roadmap/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createShopOpenApiDocument } from '../src/shop/openapi.js';
import { buildStack, type Stack, type StackOptions } from './support/stack.js';

export { WEBHOOK_SECRET, type Stack } from './support/stack.js';

export type StackHarness = Harness<Stack>;

export function useStack(name: string, options: StackOptions & { logger?: Logger } = {}): StackHarness {
  const { logger, ...stackOptions } = options;
  return useHarness(name, (ctx) => buildStack(ctx, stackOptions), {
    openApi: createShopOpenApiDocument(),
    // The admin page and its assets are a web page, not API operations.
    ignorePaths: /^\/admin(\/|$)/,
    ...(logger ? { logger } : {}),
  });
}

export const API = '/api/v1';

export interface ProductInputOverrides {
  slug?: string;
  name?: string;
  description?: string;
  categorySlug?: string;
  published?: boolean;
  variants?: { sku: string; priceMinor: number; currency: string; onHand: number; options?: Record<string, string> }[];
}

export const productInput = defineFactory<
  Required<Omit<ProductInputOverrides, 'categorySlug'>> & { categorySlug?: string }
>((n) => {
  const suffix = `${n}-${randomUUID().slice(0, 8)}`;
  return {
    slug: `product-${suffix}`,
    name: `Product ${suffix}`,
    description: 'A plain test product.',
    published: true,
    variants: [
      { sku: `SKU-${suffix}`.toUpperCase(), priceMinor: 1500, currency: 'EUR', onHand: 10, options: { size: 'M' } },
    ],
  };
});

export function adminToken(stack: Stack): string {
  return stack.issuer.tokenFor({ role: 'admin', email: uniqueEmail('admin') });
}

export function customerToken(stack: Stack, id?: string): string {
  return stack.issuer.tokenFor({ role: 'user', email: uniqueEmail('customer'), ...(id ? { id } : {}) });
}

export interface CreatedProduct {
  id: string;
  slug: string;
  variants: { id: string; sku: string }[];
}

export async function createProduct(stack: Stack, overrides: ProductInputOverrides = {}): Promise<CreatedProduct> {
  const res = await request(stack.shop.app)
    .post(`${API}/admin/products`)
    .set('Authorization', `Bearer ${adminToken(stack)}`)
    .send(productInput.build(overrides));
  if (res.status !== 201) throw new Error(`product not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CreatedProduct;
}

export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 Analytical Row',
  city: 'London',
  postalCode: 'N1 9GU',
  country: 'GB',
};

/** A guest cart holding `quantity` of `variantId`; answers its token. */
export async function guestCartWith(stack: Stack, variantId: string, quantity = 1): Promise<string> {
  const res = await request(stack.shop.app).post(`${API}/cart/items`).send({ variantId, quantity });
  if (res.status !== 201) throw new Error(`cart not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.headers['x-cart-token'] as string;
}

export function checkout(
  stack: Stack,
  cartToken: string,
  key: string = randomUUID(),
  body: object = { email: uniqueEmail('guest'), shippingAddress: ADDRESS },
) {
  return request(stack.shop.app)
    .post(`${API}/checkout`)
    .set('X-Cart-Token', cartToken)
    .set('Idempotency-Key', key)
    .send(body);
}

export interface PlacedOrder {
  orderId: string;
  paymentToken: string;
  cartToken: string;
  email: string;
}

/** A guest buys `quantity` of `variantId`; answers the order, still pending payment. */
export async function placeOrder(stack: Stack, variantId: string, quantity = 1): Promise<PlacedOrder> {
  const cartToken = await guestCartWith(stack, variantId, quantity);
  const email = uniqueEmail('buyer');
  const res = await checkout(stack, cartToken, randomUUID(), { email, shippingAddress: ADDRESS });
  if (res.status !== 201) throw new Error(`checkout failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { order: { id: string }; paymentToken: string };
  return { orderId: body.order.id, paymentToken: body.paymentToken, cartToken, email };
}

/** The payment of an order once the payments service has created it (after order.created.v1). */
export async function paymentOf(
  stack: Stack,
  order: PlacedOrder,
  wait: WaitOptions = {},
): Promise<{ id: string; status: string }> {
  return waitFor(
    async () => {
      const res = await request(stack.payments.app)
        .get(`${API}/payments/by-order/${order.orderId}`)
        .set('Payment-Token', order.paymentToken);
      return res.status === 200 ? (res.body as { id: string; status: string }) : undefined;
    },
    { timeoutMs: 10_000, description: 'the payment of the order', ...wait },
  );
}

export function confirmPayment(stack: Stack, order: PlacedOrder, paymentId: string, card = '4242424242424242') {
  return request(stack.payments.app)
    .post(`${API}/payments/${paymentId}/confirm`)
    .set('Payment-Token', order.paymentToken)
    .send({ card: { number: card, expMonth: 12, expYear: 2034, cvc: '123' } });
}

export interface OrderState {
  status: string;
  paymentStatus: string;
  fulfillmentStatus: string;
  version: number;
}

export async function orderState(stack: Stack, orderId: string): Promise<OrderState> {
  const row = await stack.shop.database.db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  return {
    status: row.status,
    paymentStatus: row.payment_status,
    fulfillmentStatus: row.fulfillment_status,
    version: row.version,
  };
}

export function waitForOrder(
  stack: Stack,
  orderId: string,
  predicate: (state: OrderState) => boolean,
  timeoutMs = 10_000,
) {
  return waitFor(
    async () => {
      const state = await orderState(stack, orderId);
      return predicate(state) ? state : undefined;
    },
    { timeoutMs, description: `order ${orderId} to reach the expected state` },
  );
}

export async function stockOf(stack: Stack, variantId: string): Promise<{ onHand: number; reserved: number }> {
  const row = await stack.shop.database.db
    .selectFrom('variants')
    .select(['on_hand', 'reserved'])
    .where('id', '=', variantId)
    .executeTakeFirstOrThrow();
  return { onHand: row.on_hand, reserved: row.reserved };
}

/** A signed-in customer (`token`) buys `quantity` of `variantId`; answers the order, pending payment. */
export async function placeUserOrder(
  stack: Stack,
  token: string,
  variantId: string,
  quantity = 1,
): Promise<PlacedOrder> {
  const auth = `Bearer ${token}`;
  const added = await request(stack.shop.app)
    .post(`${API}/cart/items`)
    .set('Authorization', auth)
    .send({ variantId, quantity });
  if (added.status >= 300) throw new Error(`not added to the cart: ${added.status} ${JSON.stringify(added.body)}`);
  const res = await request(stack.shop.app)
    .post(`${API}/checkout`)
    .set('Authorization', auth)
    .set('Idempotency-Key', randomUUID())
    .send({ shippingAddress: ADDRESS });
  if (res.status !== 201) throw new Error(`checkout failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { order: { id: string; email: string }; paymentToken: string };
  return { orderId: body.order.id, paymentToken: body.paymentToken, cartToken: '', email: body.order.email };
}

/** An admin moves an order (e.g. ships it); answers the HTTP response. */
export function adminTransition(stack: Stack, orderId: string, body: object, app = stack.shop.app) {
  return request(app)
    .post(`${API}/admin/orders/${orderId}/transitions`)
    .set('Authorization', `Bearer ${adminToken(stack)}`)
    .send(body);
}
