/** Oversell and idempotency: the checkout rules that must hold under concurrency. */
import { randomUUID } from 'node:crypto';
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { ADDRESS, API, checkout, createProduct, guestCartWith, stockOf, useStack } from './harness.js';

const stack = useStack('checkout-race');

async function orderCount(): Promise<number> {
  const row = await stack.shop.database.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('oversell', () => {
  it('gives exactly 10 orders to 500 concurrent checkouts for the last 10 units', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'LAST-TEN', priceMinor: 999, currency: 'EUR', onHand: 10 }],
    });
    const variantId = product.variants[0]!.id;
    const carts = await Promise.all(Array.from({ length: 500 }, () => guestCartWith(stack, variantId, 1)));
    const before = await orderCount();

    const answers = await Promise.all(carts.map((cart) => checkout(stack, cart)));

    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(490);
    expect((await orderCount()) - before).toBe(10);
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 10, reserved: 10 });
    const refused = answers.find((res) => res.status === 409)!;
    expect(expectProblem(refused, 409).detail).toContain('LAST-TEN');
    const lowStock = await stack.shop.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('type', '=', 'inventory.low_stock.v1')
      .execute();
    expect(lowStock.map((row) => row.payload.data)).toEqual([
      expect.objectContaining({ sku: 'LAST-TEN', saleable: 3, threshold: 3 }),
    ]);
  }, 120_000);
});

describe('checkout idempotency', () => {
  it('replays the same order for the same key and body, with Idempotent-Replayed', async () => {
    const product = await createProduct(stack);
    const cart = await guestCartWith(stack, product.variants[0]!.id, 2);
    const key = randomUUID();
    const body = { email: uniqueEmail('buyer'), shippingAddress: ADDRESS };

    const first = await checkout(stack, cart, key, body);
    const again = await checkout(stack, cart, key, body);

    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await stockOf(stack, product.variants[0]!.id)).toEqual({ onHand: 10, reserved: 2 });
  });

  it('answers 422 when the same key comes with a different body', async () => {
    const product = await createProduct(stack);
    const cart = await guestCartWith(stack, product.variants[0]!.id);
    const key = randomUUID();
    await checkout(stack, cart, key, { email: uniqueEmail('a'), shippingAddress: ADDRESS });

    const res = await checkout(stack, cart, key, { email: uniqueEmail('b'), shippingAddress: ADDRESS });

    expect(expectProblem(res, 422).detail).toMatch(/different request/);
  });

  it('creates one order from 20 concurrent duplicates of one request', async () => {
    const product = await createProduct(stack);
    const cart = await guestCartWith(stack, product.variants[0]!.id, 1);
    const key = randomUUID();
    const body = { email: uniqueEmail('buyer'), shippingAddress: ADDRESS };
    const before = await orderCount();

    const answers = await Promise.all(Array.from({ length: 20 }, () => checkout(stack, cart, key, body)));

    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((res) => (res.body as { order: { id: string } }).order.id)).size).toBe(1);
    expect(answers.filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect((await orderCount()) - before).toBe(1);
  });

  it('refuses a checkout without an Idempotency-Key', async () => {
    const product = await createProduct(stack);
    const cart = await guestCartWith(stack, product.variants[0]!.id);

    const res = await request(stack.shop.app)
      .post(`${API}/checkout`)
      .set('X-Cart-Token', cart)
      .send({ email: uniqueEmail('x'), shippingAddress: ADDRESS });

    expect(expectProblem(res, 400).errors?.map((e) => e.field)).toEqual(['headers.idempotency-key']);
  });

  it('refuses a price sent with the order', async () => {
    const product = await createProduct(stack);
    const cart = await guestCartWith(stack, product.variants[0]!.id);

    const res = await checkout(stack, cart, randomUUID(), {
      email: uniqueEmail('x'),
      shippingAddress: ADDRESS,
      totalMinor: 1,
    });

    expect(expectProblem(res, 400).errors?.[0]?.message).toMatch(/priced from the cart on the server/);
  });

  it('answers 422 for an empty cart', async () => {
    const product = await createProduct(stack);
    const cart = await guestCartWith(stack, product.variants[0]!.id);
    await request(stack.shop.app).delete(`${API}/cart/items/${product.variants[0]!.id}`).set('X-Cart-Token', cart);

    const res = await checkout(stack, cart);

    expect(expectProblem(res, 422).detail).toBe('The cart is empty.');
  });
});
