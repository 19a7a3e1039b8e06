/**
 * The admin reports read summaries that triggers keep with every order and cart change
 * (migrations/shop/006_report_summaries.sql). After a series of transitions (pay, ship, deliver,
 * refund, cancel paid and unpaid orders, a second currency, orders placed on different days) and
 * after concurrent ones, each report over HTTP answers what a live aggregation of the orders does
 * (test/support/live-reports.ts, the SQL the reports ran before).
 */
import { uniqueEmail } from '@roadmap/testing';
import { sql } from 'kysely';
import request from 'supertest';
import {
  adminToken,
  API,
  confirmPayment,
  createProduct,
  paymentOf,
  placeOrder,
  useStack,
  waitForOrder,
  type CreatedProduct,
  type OrderState,
  type PlacedOrder,
} from './harness.js';
import { liveReports, type LiveRange } from './support/live-reports.js';

const stack = useStack('report-summaries');
const live = () => liveReports(stack.shop.database.db);
const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const daysAgo = (days: number) => isoDay(new Date(Date.now() - days * DAY_MS));
const today = daysAgo(0);
const WEEK: LiveRange = { from: daysAgo(6), to: today };
const SINGLE_DAYS: LiveRange[] = [3, 2, 1, 0].map((days) => ({ from: daysAgo(days), to: daysAgo(days) }));

let kettle: CreatedProduct;
let teapot: CreatedProduct;
let mug: CreatedProduct;

const report = (path: string, query: Record<string, string | number> = {}) =>
  request(stack.shop.app)
    .get(`${API}/admin/reports/${path}`)
    .query(query)
    .set('Authorization', `Bearer ${adminToken(stack)}`)
    .expect(200)
    .then((res) => res.body as { data: unknown });

/** An admin whose second factor is fresh: refunds and cancelling a paid order need it. */
const steppedUpAdmin = () =>
  stack.issuer.tokenFor({ role: 'admin', email: uniqueEmail('admin'), amr: ['pwd', 'otp'], authTime: new Date() });

function move(order: PlacedOrder, to: string, token = adminToken(stack)) {
  return request(stack.shop.app)
    .post(`${API}/admin/orders/${order.orderId}/transitions`)
    .set('Authorization', `Bearer ${token}`)
    .send({ to })
    .expect(200);
}

/** Places an order as if on the UTC noon `days` ago (the shop's clock dates it), paid when asked. */
async function orderOn(days: number, product: CreatedProduct, quantity: number, pay: boolean): Promise<PlacedOrder> {
  stack.clock.set(new Date(`${daysAgo(days)}T12:00:00Z`));
  const order = await placeOrder(stack, product.variants[0]!.id, quantity);
  if (pay) await payFor(order);
  return order;
}

async function payFor(order: PlacedOrder): Promise<void> {
  await confirmPayment(stack, order, (await paymentOf(stack, order)).id).expect(200);
  await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
}

const settled = (order: PlacedOrder, done: (s: OrderState) => boolean) =>
  waitForOrder(stack, order.orderId, done, 20_000);

/** Every report over HTTP next to the live aggregation, for the week and each of its last days. */
async function expectReportsToMatchLiveAggregation(): Promise<void> {
  for (const currency of ['EUR', 'USD']) {
    const revenue = await report('revenue', { ...WEEK, currency });
    expect(revenue.data).toEqual(await live().revenue(WEEK, currency));
  }
  expect((await report('orders-by-status')).data).toEqual(await live().ordersByStatus());
  for (const range of [WEEK, ...SINGLE_DAYS]) {
    for (const by of ['units', 'revenue'] as const) {
      for (const limit of [1, 2, 50]) {
        const top = await report('top-products', { ...range, by, limit });
        expect({ range, by, limit, data: top.data }).toEqual({
          range,
          by,
          limit,
          data: await live().topProducts(range, by, limit),
        });
      }
    }
    const conversion = await report('conversion', { ...range });
    expect(conversion).toEqual({ ...range, ...(await live().conversion(range)) });
  }
}

beforeAll(async () => {
  kettle = await createProduct(stack, {
    name: 'Copper Kettle',
    variants: [{ sku: 'SUM-KETTLE', priceMinor: 1500, currency: 'EUR', onHand: 100 }],
  });
  teapot = await createProduct(stack, {
    name: 'Clay Teapot',
    variants: [{ sku: 'SUM-TEAPOT', priceMinor: 2000, currency: 'EUR', onHand: 100 }],
  });
  mug = await createProduct(stack, {
    name: 'Enamel Mug',
    variants: [{ sku: 'SUM-MUG', priceMinor: 900, currency: 'USD', onHand: 100 }],
  });
}, 30_000);

afterEach(() => stack.clock.set(new Date()));

describe('the reports after a series of transitions', () => {
  it('agree with a live aggregation: paid, shipped, delivered, refunded, cancelled, two currencies, four days', async () => {
    const keptPaid = await orderOn(3, kettle, 2, true);
    await orderOn(3, mug, 3, true);
    await orderOn(3, teapot, 1, false);
    const refunded = await orderOn(2, teapot, 2, true);
    const cancelledPaid = await orderOn(2, kettle, 1, true);
    const cancelledUnpaid = await orderOn(1, kettle, 1, false);
    const shippedUsd = await orderOn(1, mug, 1, true);
    await orderOn(0, teapot, 3, true);
    stack.clock.set(new Date());

    await move(refunded, 'fulfilled');
    await move(refunded, 'delivered');
    await move(refunded, 'refunded', steppedUpAdmin());
    await move(cancelledPaid, 'cancelled', steppedUpAdmin());
    await move(cancelledUnpaid, 'cancelled');
    await move(shippedUsd, 'fulfilled');
    await move(keptPaid, 'fulfilled');
    await settled(refunded, (s) => s.paymentStatus === 'refunded');
    await settled(cancelledPaid, (s) => s.paymentStatus === 'refunded');

    await expectReportsToMatchLiveAggregation();
    expect(await report('orders-by-status')).toEqual({
      total: 8,
      data: [
        { status: 'pending_payment', count: 1 },
        { status: 'paid', count: 2 },
        { status: 'fulfilled', count: 2 },
        { status: 'delivered', count: 0 },
        { status: 'cancelled', count: 2 },
        { status: 'refunded', count: 1 },
      ],
    });
    // Paid today (the payments ran now), whatever day the orders were placed; refunds and cancels left.
    expect((await report('revenue', { from: today, to: today, currency: 'USD' })).data).toEqual([
      { date: today, orders: 2, revenueMinor: 4 * 900 },
    ]);
    expect((await report('top-products', { from: daysAgo(3), to: daysAgo(3), limit: 50 })).data).toEqual([
      { productId: mug.id, name: 'Enamel Mug', currency: 'USD', units: 3, revenueMinor: 2700 },
      { productId: kettle.id, name: 'Copper Kettle', currency: 'EUR', units: 2, revenueMinor: 3000 },
    ]);
  }, 120_000);
});

describe('the reports when rows are removed by hand', () => {
  it('follow an order and a cart deleted in SQL, and refuse to rewrite a sold line', async () => {
    const db = stack.shop.database.db;
    const deleted = await orderOn(0, teapot, 1, true);
    const fromDeletedCart = await orderOn(0, mug, 2, true);
    const { cart_id: cartId } = await db
      .selectFrom('orders')
      .select('cart_id')
      .where('id', '=', fromDeletedCart.orderId)
      .executeTakeFirstOrThrow();

    await sql`DELETE FROM orders WHERE id = ${deleted.orderId}`.execute(db);
    await sql`DELETE FROM carts WHERE id = ${cartId}`.execute(db);
    const rewrite = sql`UPDATE order_lines SET quantity = 99 WHERE order_id = ${fromDeletedCart.orderId}`.execute(db);

    await expect(rewrite).rejects.toThrow('order_lines rows are never changed (UPDATE refused)');
    await expectReportsToMatchLiveAggregation();
  }, 60_000);
});

describe('the reports after concurrent transitions', () => {
  it('lose no count when orders of one product are placed, paid and shipped at the same time', async () => {
    const before = await live().topProducts({ from: today, to: today }, 'units', 50);
    const kettleUnits = before.find((row) => row.productId === kettle.id)?.units ?? 0;

    const orders = await Promise.all(Array.from({ length: 8 }, () => placeOrder(stack, kettle.variants[0]!.id, 2)));
    await Promise.all(orders.map((order) => payFor(order)));
    await Promise.all(orders.slice(0, 4).map((order) => move(order, 'fulfilled')));
    await Promise.all(orders.slice(4, 6).map((order) => move(order, 'cancelled', steppedUpAdmin())));
    await Promise.all(orders.slice(4, 6).map((order) => settled(order, (s) => s.paymentStatus === 'refunded')));

    await expectReportsToMatchLiveAggregation();
    const top = (await report('top-products', { from: today, to: today, limit: 50 })) as {
      data: { productId: string; units: number }[];
    };
    expect(top.data.find((row) => row.productId === kettle.id)?.units).toBe(kettleUnits + 6 * 2);
  }, 120_000);
});
