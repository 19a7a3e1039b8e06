/**
 * Concurrent changes to one cart, through a listening server: they queue on the cart's row lock, so
 * no increment is lost and no second currency gets in, however the requests interleave.
 */
import { randomUUID } from 'node:crypto';
import { expectProblem, listen, type ListeningApp } from '@roadmap/testing';
import request from 'supertest';
import { API, createProduct, guestCartWith, useStack } from './harness.js';

const stack = useStack('cart-races');
let server: ListeningApp;

beforeAll(async () => {
  server = await listen(stack.shop.app);
});
afterAll(() => server.close());

const sku = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`.toUpperCase();

function add(token: string, variantId: string, quantity = 1) {
  return request(server.url).post(`${API}/cart/items`).set('X-Cart-Token', token).send({ variantId, quantity });
}

async function cartOf(token: string) {
  const res = await request(server.url).get(`${API}/cart`).set('X-Cart-Token', token);
  return res.body as {
    currency: string | null;
    subtotalMinor: number;
    items: { variantId: string; quantity: number }[];
  };
}

describe('concurrent adds to one cart', () => {
  it('counts every one of 20 concurrent +1 adds on a line holding 1', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: sku('COUNT'), priceMinor: 100, currency: 'EUR', onHand: 50 }],
    });
    const variantId = product.variants[0]!.id;
    const token = await guestCartWith(stack, variantId, 1);

    const answers = await Promise.all(Array.from({ length: 20 }, () => add(token, variantId)));

    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
    expect((await cartOf(token)).items).toEqual([expect.objectContaining({ variantId, quantity: 21 })]);
  });

  it('lets one currency into an empty cart when an EUR and a JPY line race for it', async () => {
    const eur = await createProduct(stack, {
      variants: [{ sku: sku('EUR'), priceMinor: 5000, currency: 'EUR', onHand: 100 }],
    });
    const jpy = await createProduct(stack, {
      variants: [{ sku: sku('JPY'), priceMinor: 100, currency: 'JPY', onHand: 100 }],
    });
    const [eurId, jpyId] = [eur.variants[0]!.id, jpy.variants[0]!.id];

    for (let round = 0; round < 10; round += 1) {
      const token = await guestCartWith(stack, eurId, 1);
      await request(server.url).delete(`${API}/cart/items/${eurId}`).set('X-Cart-Token', token).expect(200);

      const answers = await Promise.all([add(token, eurId), add(token, jpyId)]);

      expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
      expect(
        expectProblem(
          answers.find((res) => res.status === 409)!,
          409,
        ).detail,
      ).toMatch(/This cart is in/);
      const cart = await cartOf(token);
      expect(cart.items).toHaveLength(1);
      expect(cart.subtotalMinor).toBe(cart.currency === 'EUR' ? 5000 : 100);
    }
  });
});
