/**
 * A customer's cancel that answered 200 stays a cancel, whatever the payment does: money that arrives
 * for the cancelled order is refunded (never re-sold), and a refund made at the provider ends a paid
 * order's path, so it can no longer be shipped.
 */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import {
  adminToken,
  adminTransition,
  API,
  confirmPayment,
  createProduct,
  paymentOf,
  placeOrder,
  stockOf,
  useStack,
  waitForOrder,
  type PlacedOrder,
} from './harness.js';

const stack = useStack('cancel-and-payment');

function cancel(order: PlacedOrder) {
  return request(stack.shop.app)
    .post(`${API}/orders/${order.orderId}/cancel`)
    .set('X-Cart-Token', order.cartToken)
    .send({});
}

async function history(order: PlacedOrder): Promise<{ toStatus: string; actor: { type: string } }[]> {
  const res = await request(stack.shop.app)
    .get(`${API}/orders/${order.orderId}/history`)
    .set('X-Cart-Token', order.cartToken);
  return (res.body as { data: { toStatus: string; actor: { type: string } }[] }).data;
}

describe('a cancel while the payment is on its way', () => {
  afterEach(() => stack.payments.webhookQueue.resume(true));

  it('keeps the order cancelled and refunds the money that arrives after the cancel', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'CANCEL-FIRST', priceMinor: 900, currency: 'EUR', onHand: 5 }],
    });
    const variantId = product.variants[0]!.id;
    const order = await placeOrder(stack, variantId, 2);
    const payment = await paymentOf(stack, order);
    await stack.payments.webhookQueue.pause(true);
    expect((await confirmPayment(stack, order, payment.id)).body.status).toBe('processing');

    const cancelled = await cancel(order);
    await stack.payments.webhookQueue.resume(true);

    expect(cancelled.status).toBe(200);
    const state = await waitForOrder(stack, order.orderId, (s) => s.paymentStatus === 'refunded', 20_000);
    expect(state.status).toBe('cancelled');
    expect((await history(order)).map((entry) => entry.toStatus)).not.toContain('paid');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 5, reserved: 0 });
    const refund = await stack.smtp.waitForMessage((m) => m.to.includes(order.email) && /Refund/.test(m.subject));
    expect(refund.text).toContain('€18.00');
  });

  it('never lets a payment undo a cancel answered 200, for six orders cancelled right after the card', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'CANCEL-RACE', priceMinor: 500, currency: 'EUR', onHand: 20 }],
    });
    const variantId = product.variants[0]!.id;
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeOrder(stack, variantId, 1)));
    const payments = await Promise.all(orders.map((order) => paymentOf(stack, order)));

    const cancels = await Promise.all(
      orders.map(async (order, i) => {
        await confirmPayment(stack, order, payments[i]!.id).expect(200);
        return cancel(order);
      }),
    );

    expect(cancels.map((res) => res.status)).toEqual(Array(6).fill(200));
    let paidBeforeTheCancel = 0;
    for (const order of orders) {
      const state = await waitForOrder(stack, order.orderId, (s) => s.paymentStatus === 'refunded', 20_000);
      expect(state.status).toBe('cancelled');
      const moves = (await history(order)).map((entry) => entry.toStatus);
      expect(moves.slice(moves.lastIndexOf('cancelled'))).toEqual(['cancelled']);
      if (moves.includes('paid')) paidBeforeTheCancel += 1;
    }
    // A success that won the race sold its unit before the cancel (a cancelled paid order is refunded,
    // its unit not put back); one that lost it sold nothing.
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 20 - paidBeforeTheCancel, reserved: 0 });
  });
});

describe('a refund made at the payment provider', () => {
  it('refunds the paid order too, so it can no longer be shipped, and offers no such move', async () => {
    const product = await createProduct(stack);
    const order = await placeOrder(stack, product.variants[0]!.id);
    const payment = await paymentOf(stack, order);
    await confirmPayment(stack, order, payment.id).expect(200);
    await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
    const row = await stack.payments.database.db
      .selectFrom('payments')
      .select('provider_payment_id')
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow();

    await stack.payments.fake.refund(row.provider_payment_id!);
    const state = await waitForOrder(stack, order.orderId, (s) => s.paymentStatus === 'refunded');
    const ship = await adminTransition(stack, order.orderId, { to: 'fulfilled', trackingNumber: 'NOPE' });

    expect(state.status).toBe('refunded');
    expect(expectProblem(ship, 409)).toMatchObject({ currentStatus: 'refunded' });
    const detail = await request(stack.shop.app)
      .get(`${API}/admin/orders/${order.orderId}`)
      .set('Authorization', `Bearer ${adminToken(stack)}`);
    expect(detail.body.allowedTransitions).toEqual([]);
    expect(detail.body.order).toMatchObject({ status: 'refunded', fulfillmentStatus: 'unfulfilled' });
  });
});
