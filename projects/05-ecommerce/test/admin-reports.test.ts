/**
 * The admin reports, computed in SQL over this file's own database: revenue per day, orders by
 * status, top products, low stock and cart conversion; and the admin API closed to customers.
 */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import {
  adminToken,
  API,
  confirmPayment,
  createProduct,
  customerToken,
  guestCartWith,
  paymentOf,
  placeOrder,
  useStack,
  waitForOrder,
  type CreatedProduct,
} from './harness.js';

const stack = useStack('admin-reports');
const today = new Date().toISOString().slice(0, 10);
let kettle: CreatedProduct;
let teapot: CreatedProduct;

const report = (path: string, query: Record<string, string | number> = {}) =>
  request(stack.shop.app)
    .get(`${API}/admin/reports/${path}`)
    .query(query)
    .set('Authorization', `Bearer ${adminToken(stack)}`);

async function paidOrder(product: CreatedProduct, quantity: number): Promise<string> {
  const order = await placeOrder(stack, product.variants[0]!.id, quantity);
  await confirmPayment(stack, order, (await paymentOf(stack, order)).id).expect(200);
  await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
  return order.orderId;
}

beforeAll(async () => {
  kettle = await createProduct(stack, {
    name: 'Copper Kettle',
    variants: [{ sku: 'KETTLE-1', priceMinor: 1500, currency: 'EUR', onHand: 20 }],
  });
  teapot = await createProduct(stack, {
    name: 'Clay Teapot',
    variants: [{ sku: 'TEAPOT-1', priceMinor: 2000, currency: 'EUR', onHand: 3 }],
  });
  await paidOrder(kettle, 2);
  await paidOrder(kettle, 1);
  await paidOrder(teapot, 1);
  await placeOrder(stack, kettle.variants[0]!.id, 1);
  const cancelled = await placeOrder(stack, kettle.variants[0]!.id, 1);
  await request(stack.shop.app)
    .post(`${API}/admin/orders/${cancelled.orderId}/transitions`)
    .set('Authorization', `Bearer ${adminToken(stack)}`)
    .send({ to: 'cancelled' })
    .expect(200);
  await guestCartWith(stack, teapot.variants[0]!.id, 1);
}, 60_000);

describe('the admin reports', () => {
  it('counts revenue on the day orders were paid, and every other day of the range as 0', async () => {
    const res = await report('revenue', { from: '2000-01-01', to: '2000-01-03' });
    const todays = await report('revenue', { from: today, to: today });

    expect(res.body.data).toEqual([
      { date: '2000-01-01', orders: 0, revenueMinor: 0 },
      { date: '2000-01-02', orders: 0, revenueMinor: 0 },
      { date: '2000-01-03', orders: 0, revenueMinor: 0 },
    ]);
    expect(todays.body).toEqual({
      from: today,
      to: today,
      currency: 'EUR',
      data: [{ date: today, orders: 3, revenueMinor: 3 * 1500 + 2000 }],
    });
  });

  it('covers the last 30 days when no range is given', async () => {
    const res = await report('revenue');

    expect(res.body.data).toHaveLength(30);
    expect(res.body.data.at(-1)).toEqual({ date: today, orders: 3, revenueMinor: 6500 });
  });

  it('counts the orders in every status, including the empty ones', async () => {
    const res = await report('orders-by-status');

    expect(res.body).toEqual({
      total: 5,
      data: [
        { status: 'pending_payment', count: 1 },
        { status: 'paid', count: 3 },
        { status: 'fulfilled', count: 0 },
        { status: 'delivered', count: 0 },
        { status: 'cancelled', count: 1 },
        { status: 'refunded', count: 0 },
      ],
    });
  });

  it('ranks products by units or by revenue, from paid orders only', async () => {
    const byUnits = await report('top-products', { from: today, to: today });
    const byRevenue = await report('top-products', { from: today, to: today, by: 'revenue', limit: 1 });

    expect(byUnits.body.data).toEqual([
      { productId: kettle.id, name: 'Copper Kettle', currency: 'EUR', units: 3, revenueMinor: 4500 },
      { productId: teapot.id, name: 'Clay Teapot', currency: 'EUR', units: 1, revenueMinor: 2000 },
    ]);
    expect(byRevenue.body.data.map((row: { productId: string }) => row.productId)).toEqual([kettle.id]);
  });

  it('lists the variants whose saleable stock is at or below the threshold', async () => {
    const atThree = await report('low-stock');
    const atTen = await report('low-stock', { threshold: 10 });

    expect(atThree.body).toEqual({
      threshold: 3,
      data: [
        expect.objectContaining({ sku: 'TEAPOT-1', productName: 'Clay Teapot', onHand: 2, reserved: 0, saleable: 2 }),
      ],
    });
    expect(atTen.body.data.map((row: { sku: string }) => row.sku)).toEqual(['TEAPOT-1']);
  });

  it('computes how many carts became orders and paid orders', async () => {
    const res = await report('conversion', { from: today, to: today });

    expect(res.body).toEqual({
      from: today,
      to: today,
      carts: 6,
      convertedCarts: 5,
      paidOrders: 3,
      cartToOrderRate: 0.8333,
      cartToPaidRate: 0.5,
    });
  });

  it('answers 422 naming the field for a range that ends before it starts or is too long, 400 for a non-day', async () => {
    const backwards = await report('revenue', { from: '2030-02-01', to: '2030-01-01' });
    const tooLong = await report('conversion', { from: '2020-01-01', to: '2030-01-01' });
    const notADay = await report('top-products', { from: 'yesterday' });

    expect(expectProblem(backwards, 422).errors).toEqual([{ field: 'query.from', message: 'must not be after to' }]);
    expect(expectProblem(tooLong, 422).errors).toEqual([
      { field: 'query.from', message: 'the range may span at most 366 days' },
    ]);
    expect(expectProblem(notADay, 400).errors?.[0]).toMatchObject({ field: 'query.from' });
  });
});

describe('the admin API', () => {
  const adminPaths = [
    'reports/revenue',
    'reports/orders-by-status',
    'reports/top-products',
    'reports/low-stock',
    'reports/conversion',
    'audit',
    'orders',
  ];

  it.each(adminPaths)('answers 403 to a customer token on /admin/%s', async (path) => {
    const res = await request(stack.shop.app)
      .get(`${API}/admin/${path}`)
      .set('Authorization', `Bearer ${customerToken(stack)}`);

    expect(expectProblem(res, 403).detail).toBe('This needs the admin role.');
  });

  it('answers 401 without a token', async () => {
    expectProblem(await request(stack.shop.app).get(`${API}/admin/reports/revenue`), 401);
  });

  it('refuses customers every admin write, and changes nothing', async () => {
    const token = `Bearer ${customerToken(stack)}`;
    const writes = await Promise.all([
      request(stack.shop.app)
        .patch(`${API}/admin/products/${kettle.id}`)
        .set('Authorization', token)
        .send({ name: 'Mine' }),
      request(stack.shop.app)
        .post(`${API}/admin/variants/${kettle.variants[0]!.id}/stock-adjustments`)
        .set('Authorization', token)
        .send({ delta: 100, reason: 'free stock' }),
      request(stack.shop.app).post(`${API}/admin/queues/session`).set('Authorization', token),
    ]);

    expect(writes.map((res) => res.status)).toEqual([403, 403, 403]);
    const product = await request(stack.shop.app).get(`${API}/products/${kettle.slug}`);
    expect(product.body.name).toBe('Copper Kettle');
  });
});
