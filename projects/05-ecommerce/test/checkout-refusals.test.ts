/** Carts that cannot become an order: a 422 naming the lines at fault, and nothing reserved or written. */
import { randomUUID } from 'node:crypto';
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { adminToken, API, checkout, createProduct, guestCartWith, stockOf, useStack } from './harness.js';

const stack = useStack('checkout-refusals');

const sku = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`.toUpperCase();

async function ordersOfCart(cartToken: string): Promise<number> {
  const rows = await stack.shop.database.db
    .selectFrom('orders')
    .select('id')
    .where('cart_id', '=', cartToken.split('.')[0]!)
    .execute();
  return rows.length;
}

describe('checkout refusals', () => {
  it('answers 422 naming the lines whose product was unpublished after they were added', async () => {
    const kept = await createProduct(stack);
    const hidden = await createProduct(stack, {
      variants: [{ sku: sku('HIDDEN'), priceMinor: 800, currency: 'EUR', onHand: 5 }],
    });
    const cart = await guestCartWith(stack, kept.variants[0]!.id);
    await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .set('X-Cart-Token', cart)
      .send({ variantId: hidden.variants[0]!.id, quantity: 2 })
      .expect(200);
    await request(stack.shop.app)
      .patch(`${API}/admin/products/${hidden.id}`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ published: false })
      .expect(200);

    const res = await checkout(stack, cart);

    expect(expectProblem(res, 422).lines).toEqual([
      { variantId: hidden.variants[0]!.id, sku: hidden.variants[0]!.sku },
    ]);
    expect(await stockOf(stack, hidden.variants[0]!.id)).toEqual({ onHand: 5, reserved: 0 });
    expect(await stockOf(stack, kept.variants[0]!.id)).toEqual({ onHand: 10, reserved: 0 });
    expect(await ordersOfCart(cart)).toBe(0);
  });

  it('answers 422, not 500, when a price rise took the total past the largest order total', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: sku('RISE'), priceMinor: 50_000_000, currency: 'EUR', onHand: 30 }],
    });
    const variantId = product.variants[0]!.id;
    const cart = await guestCartWith(stack, variantId, 20);
    await request(stack.shop.app)
      .patch(`${API}/admin/variants/${variantId}`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ priceMinor: 100_000_000 })
      .expect(200);

    const res = await checkout(stack, cart);

    expect(expectProblem(res, 422)).toMatchObject({ totalMinor: 2_000_000_000, maxTotalMinor: 1_000_000_000 });
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 30, reserved: 0 });
    expect(await ordersOfCart(cart)).toBe(0);
  });
});
