/**
 * Sending money back needs a second factor no older than 10 minutes: an admin refund, and an admin
 * cancel of a paid order (which the payments service refunds). Otherwise 401 naming
 * insufficient_user_authentication with max_age (RFC 9470), the order untouched. Other moves (ship,
 * deliver, cancelling an unpaid order) need only the admin role.
 */
import { uniqueEmail, expectProblem } from '@roadmap/testing';
import request from 'supertest';
import {
  API,
  confirmPayment,
  createProduct,
  orderState,
  paymentOf,
  placeOrder,
  useStack,
  waitForOrder,
} from './harness.js';

const stack = useStack('refund-step-up');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function paidOrder() {
  const product = await createProduct(stack);
  const order = await placeOrder(stack, product.variants[0]!.id, 1);
  const payment = await paymentOf(stack, order);
  await confirmPayment(stack, order, payment.id).expect(200);
  await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
  return order;
}

const adminWith = (amr: string[], authTime: Date) =>
  stack.issuer.tokenFor({ role: 'admin', email: uniqueEmail('admin'), amr, authTime });

const move = (orderId: string, body: object, token: string) =>
  request(stack.shop.app)
    .post(`${API}/admin/orders/${orderId}/transitions`)
    .set('Authorization', `Bearer ${token}`)
    .send(body);

it('refunds with a second factor proven 9 minutes ago', async () => {
  const order = await paidOrder();

  const res = await move(order.orderId, { to: 'refunded' }, adminWith(['pwd', 'otp'], minutesAgo(9)));

  expect(res.status).toBe(200);
  expect(res.body.order).toMatchObject({ status: 'refunded', paymentStatus: 'refund_pending' });
});

it('asks for step-up when the second factor is 11 minutes old, and leaves the order as it was', async () => {
  const order = await paidOrder();

  const res = await move(order.orderId, { to: 'refunded' }, adminWith(['pwd', 'otp'], minutesAgo(11)));

  expect(expectProblem(res, 401)).toMatchObject({ error: 'insufficient_user_authentication', maxAge: 600 });
  expect(res.headers['www-authenticate']).toMatch(/^Bearer error="insufficient_user_authentication".*max_age=600$/);
  expect((await orderState(stack, order.orderId)).status).toBe('paid');
});

it('asks for step-up from an admin who signed in with a password alone', async () => {
  const order = await paidOrder();

  const res = await move(order.orderId, { to: 'refunded' }, adminWith(['pwd'], minutesAgo(0)));

  expect(expectProblem(res, 401).error).toBe('insufficient_user_authentication');
});

it('lets an admin ship an order with a password alone: only moves that send money back need the step-up', async () => {
  const order = await paidOrder();

  const res = await move(order.orderId, { to: 'fulfilled' }, adminWith(['pwd'], minutesAgo(60)));

  expect(res.status).toBe(200);
});

it('asks for step-up to cancel a paid order, which would refund it, and leaves the order paid', async () => {
  const order = await paidOrder();

  const res = await move(order.orderId, { to: 'cancelled' }, adminWith(['pwd'], minutesAgo(0)));

  expect(expectProblem(res, 401)).toMatchObject({ error: 'insufficient_user_authentication', maxAge: 600 });
  const after = await orderState(stack, order.orderId);
  expect(after).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
});

it('cancels a paid order, refund pending, with a second factor proven 9 minutes ago', async () => {
  const order = await paidOrder();

  const res = await move(order.orderId, { to: 'cancelled' }, adminWith(['pwd', 'otp'], minutesAgo(9)));

  expect(res.status).toBe(200);
  expect(res.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'refund_pending' });
});

it('cancels an unpaid order with a password alone: no money goes back', async () => {
  const product = await createProduct(stack);
  const order = await placeOrder(stack, product.variants[0]!.id, 1);

  const res = await move(order.orderId, { to: 'cancelled' }, adminWith(['pwd'], minutesAgo(60)));

  expect(res.status).toBe(200);
  expect(res.body.order).toMatchObject({ status: 'cancelled' });
});
