/** Carts: guest tokens, server-side prices, stock limits, and the merge into a user's cart on login. */
import { randomUUID } from 'node:crypto';
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { adminToken, API, createProduct, customerToken, guestCartWith, useStack } from './harness.js';

const stack = useStack('cart');

describe('guest cart', () => {
  it('creates a cart on the first add and hands back a token that finds it again', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'CART-A', priceMinor: 1200, currency: 'EUR', onHand: 5 }],
    });

    const token = await guestCartWith(stack, product.variants[0]!.id, 2);
    const cart = await request(stack.shop.app).get(`${API}/cart`).set('X-Cart-Token', token);

    expect(cart.status).toBe(200);
    expect(cart.body).toMatchObject({ itemCount: 2, currency: 'EUR', subtotalMinor: 2400, token });
    expect(cart.body.items[0]).toMatchObject({ sku: 'CART-A', quantity: 2, unitPriceMinor: 1200, saleable: 5 });
  });

  it('prices every read with the current price, not the price when the item was added', async () => {
    const product = await createProduct(stack);
    const token = await guestCartWith(stack, product.variants[0]!.id, 1);
    await request(stack.shop.app)
      .patch(`${API}/admin/variants/${product.variants[0]!.id}`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ priceMinor: 2100 })
      .expect(200);

    const cart = await request(stack.shop.app).get(`${API}/cart`).set('X-Cart-Token', token);

    expect(cart.body.subtotalMinor).toBe(2100);
  });

  it('refuses a price in the request body with a 400 that says why', async () => {
    const product = await createProduct(stack);

    const res = await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .send({ variantId: product.variants[0]!.id, quantity: 1, priceMinor: 1 });

    expect(expectProblem(res, 400).errors?.[0]?.message).toMatch(/prices are computed by the server/);
  });

  it('answers 409 naming what can be bought when more than the saleable stock is asked for', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'CART-FEW', priceMinor: 500, currency: 'EUR', onHand: 2 }],
    });

    const res = await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .send({ variantId: product.variants[0]!.id, quantity: 3 });

    expect(expectProblem(res, 409)).toMatchObject({ saleable: 2 });
  });

  it('refuses a forged cart token', async () => {
    const res = await request(stack.shop.app).get(`${API}/cart`).set('X-Cart-Token', `${randomUUID()}.forged`);

    expect(expectProblem(res, 400).detail).toMatch(/not genuine/);
  });

  it('refuses a second currency in one cart', async () => {
    const eur = await createProduct(stack);
    const usd = await createProduct(stack, {
      variants: [{ sku: `USD-${randomUUID().slice(0, 6)}`.toUpperCase(), priceMinor: 900, currency: 'USD', onHand: 4 }],
    });
    const token = await guestCartWith(stack, eur.variants[0]!.id);

    const res = await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .set('X-Cart-Token', token)
      .send({ variantId: usd.variants[0]!.id, quantity: 1 });

    expect(expectProblem(res, 409).detail).toMatch(/in EUR/);
  });

  it('answers 422 naming the cap when a line would take the total past the largest order total', async () => {
    const product = await createProduct(stack, {
      variants: [
        { sku: `DEAR-${randomUUID().slice(0, 6)}`.toUpperCase(), priceMinor: 100_000_000, currency: 'EUR', onHand: 50 },
      ],
    });
    const variantId = product.variants[0]!.id;
    const token = await guestCartWith(stack, variantId, 10);

    const res = await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .set('X-Cart-Token', token)
      .send({ variantId, quantity: 12 });

    expect(expectProblem(res, 422)).toMatchObject({ totalMinor: 2_200_000_000, maxTotalMinor: 1_000_000_000 });
    const cart = await request(stack.shop.app).get(`${API}/cart`).set('X-Cart-Token', token);
    expect(cart.body).toMatchObject({ itemCount: 10, subtotalMinor: 1_000_000_000 });
  });

  it('answers 404 for a variant that is not published', async () => {
    const hidden = await createProduct(stack, { published: false });

    const res = await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .send({ variantId: hidden.variants[0]!.id, quantity: 1 });

    expectProblem(res, 404);
  });
});

describe('merging a guest cart on login', () => {
  it('sums quantities, caps them at saleable stock, and retires the guest cart', async () => {
    const product = await createProduct(stack, {
      variants: [
        { sku: `MERGE-${randomUUID().slice(0, 6)}`.toUpperCase(), priceMinor: 700, currency: 'EUR', onHand: 4 },
      ],
    });
    const variantId = product.variants[0]!.id;
    const user = customerToken(stack);
    await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .set('Authorization', `Bearer ${user}`)
      .send({ variantId, quantity: 3 })
      .expect(200);
    const guest = await guestCartWith(stack, variantId, 3);

    const merged = await request(stack.shop.app)
      .post(`${API}/cart/merge`)
      .set('Authorization', `Bearer ${user}`)
      .set('X-Cart-Token', guest);

    expect(merged.status).toBe(200);
    expect(merged.body.cart.items[0]).toMatchObject({ variantId, quantity: 4 });
    expect(merged.body.capped).toEqual([{ variantId, requested: 6, kept: 4 }]);
    const again = await request(stack.shop.app).get(`${API}/cart`).set('X-Cart-Token', guest);
    expectProblem(again, 410);
  });

  it('names the guest lines in another currency it could not carry, and keeps the user cart as it was', async () => {
    const eur = await createProduct(stack);
    const jpy = await createProduct(stack, {
      variants: [{ sku: `YEN-${randomUUID().slice(0, 6)}`.toUpperCase(), priceMinor: 100, currency: 'JPY', onHand: 5 }],
    });
    const user = customerToken(stack);
    await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .set('Authorization', `Bearer ${user}`)
      .send({ variantId: eur.variants[0]!.id, quantity: 1 })
      .expect(200);
    const guest = await guestCartWith(stack, jpy.variants[0]!.id, 2);

    const merged = await request(stack.shop.app)
      .post(`${API}/cart/merge`)
      .set('Authorization', `Bearer ${user}`)
      .set('X-Cart-Token', guest);

    expect(merged.status).toBe(200);
    expect(merged.body.skipped).toEqual([
      { variantId: jpy.variants[0]!.id, sku: jpy.variants[0]!.sku, quantity: 2, reason: 'currency' },
    ]);
    expect(merged.body.cart).toMatchObject({ currency: 'EUR', itemCount: 1 });
  });

  it('needs a signed-in user', async () => {
    const product = await createProduct(stack);
    const guest = await guestCartWith(stack, product.variants[0]!.id);

    const res = await request(stack.shop.app).post(`${API}/cart/merge`).set('X-Cart-Token', guest);

    expectProblem(res, 401);
  });
});
