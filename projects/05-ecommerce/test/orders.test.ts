/** The order state machine through HTTP: customer cancellation, admin moves, 409s, audit, stock adjustments. */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import {
  adminToken,
  API,
  confirmPayment,
  createProduct,
  customerToken,
  paymentOf,
  placeOrder,
  stockOf,
  useStack,
  waitForOrder,
} from './harness.js';

const stack = useStack('orders');

async function paidOrder(quantity = 1) {
  const product = await createProduct(stack);
  const order = await placeOrder(stack, product.variants[0]!.id, quantity);
  const payment = await paymentOf(stack, order);
  await confirmPayment(stack, order, payment.id).expect(200);
  await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
  return { order, variantId: product.variants[0]!.id };
}

const transition = (orderId: string, body: object, token = adminToken(stack)) =>
  request(stack.shop.app)
    .post(`${API}/admin/orders/${orderId}/transitions`)
    .set('Authorization', `Bearer ${token}`)
    .send(body);

describe('order moves', () => {
  it('lets a guest cancel an unpaid order, releasing its reservation', async () => {
    const product = await createProduct(stack);
    const order = await placeOrder(stack, product.variants[0]!.id, 2);

    const res = await request(stack.shop.app)
      .post(`${API}/orders/${order.orderId}/cancel`)
      .set('X-Cart-Token', order.cartToken)
      .send({});

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'pending', version: 2 });
    expect(await stockOf(stack, product.variants[0]!.id)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('ships a paid order, records who did it, and emails the customer', async () => {
    const { order } = await paidOrder();

    const res = await transition(order.orderId, { to: 'fulfilled', trackingNumber: 'TRACK-123' });

    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({
      status: 'fulfilled',
      fulfillmentStatus: 'shipped',
      trackingNumber: 'TRACK-123',
    });
    expect(res.body.allowedTransitions).toEqual(['delivered', 'refunded']);
    expect(res.body.history.at(-1)).toMatchObject({
      fromStatus: 'paid',
      toStatus: 'fulfilled',
      actor: { type: 'admin' },
    });
    const mail = await stack.smtp.waitForMessage(
      (m) => m.to.includes(order.email) && /shipped/.test(m.subject),
      10_000,
    );
    expect(mail.text).toContain('TRACK-123');
  });

  it('answers 409 naming the current state for a move the state machine does not allow', async () => {
    const { order } = await paidOrder();
    await transition(order.orderId, { to: 'fulfilled' }).expect(200);

    const res = await transition(order.orderId, { to: 'cancelled' });

    expect(expectProblem(res, 409)).toMatchObject({ currentStatus: 'fulfilled' });
  });

  it('lets a customer cancel a paid order before shipment and refunds it', async () => {
    const { order, variantId } = await paidOrder(2);

    const res = await request(stack.shop.app)
      .post(`${API}/orders/${order.orderId}/cancel`)
      .set('X-Cart-Token', order.cartToken)
      .send({ reason: 'changed my mind' });

    expect(res.body).toMatchObject({ status: 'cancelled', paymentStatus: 'refund_pending' });
    await waitForOrder(stack, order.orderId, (s) => s.paymentStatus === 'refunded');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 8, reserved: 0 });
  });

  it("keeps a customer out of the admin order desk and out of other people's orders", async () => {
    const { order } = await paidOrder();
    const stranger = customerToken(stack);

    expectProblem(await transition(order.orderId, { to: 'fulfilled' }, stranger), 403);
    expectProblem(
      await request(stack.shop.app).get(`${API}/orders/${order.orderId}`).set('Authorization', `Bearer ${stranger}`),
      404,
    );
  });

  it("lists a signed-in customer's own orders", async () => {
    const product = await createProduct(stack);
    const user = customerToken(stack);
    await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .set('Authorization', `Bearer ${user}`)
      .send({ variantId: product.variants[0]!.id, quantity: 1 })
      .expect(200);
    await request(stack.shop.app)
      .post(`${API}/checkout`)
      .set('Authorization', `Bearer ${user}`)
      .set('Idempotency-Key', `mine-${Date.now()}`)
      .send({ shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'DE' } })
      .expect(201);

    const res = await request(stack.shop.app).get(`${API}/orders`).set('Authorization', `Bearer ${user}`);

    expect(res.body.total).toBe(1);
    expect(res.body.data[0].email).toMatch(/@example\.test$/);
  });
});

describe('stock adjustments', () => {
  it('changes on-hand stock and keeps an audit trail of who and why', async () => {
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    const admin = adminToken(stack);

    const res = await request(stack.shop.app)
      .post(`${API}/admin/variants/${variantId}/stock-adjustments`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ delta: 5, reason: 'delivery from supplier' });
    const trail = await request(stack.shop.app)
      .get(`${API}/admin/variants/${variantId}/stock-adjustments`)
      .set('Authorization', `Bearer ${admin}`);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ onHand: 15, reserved: 0, saleable: 15 });
    expect(trail.body.data).toEqual([
      expect.objectContaining({ delta: 5, onHandAfter: 15, reason: 'delivery from supplier' }),
    ]);
  });

  it('answers 409 instead of leaving fewer units on hand than are reserved', async () => {
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    await placeOrder(stack, variantId, 8);

    const res = await request(stack.shop.app)
      .post(`${API}/admin/variants/${variantId}/stock-adjustments`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ delta: -5, reason: 'broken in the warehouse' });

    expect(expectProblem(res, 409)).toMatchObject({ onHand: 10, reserved: 8 });
  });
});
