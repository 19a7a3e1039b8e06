/**
 * A payment that succeeds after its order's reservation expired: the order is re-sold if the stock is
 * still there, refunded otherwise; never oversold. The fake provider's webhook delivery is paused while
 * the order expires, so the success arrives late, as it would from a slow provider.
 */
import {
  confirmPayment,
  createProduct,
  paymentOf,
  placeOrder,
  stockOf,
  useStack,
  waitForOrder,
  type StackHarness,
} from './harness.js';

const stack = useStack('late-payment', { reservationTtlSeconds: 60 });

async function expireNow(target: StackHarness): Promise<number> {
  target.clock.advance(61_000);
  return target.shop.services.orders.expireDue();
}

async function payLate(
  variantId: string,
  quantity: number,
  beforeWebhook: () => Promise<void> = async () => undefined,
) {
  const order = await placeOrder(stack, variantId, quantity);
  const payment = await paymentOf(stack, order);
  await stack.payments.webhookQueue.pause(true);
  await confirmPayment(stack, order, payment.id).expect(200);
  expect(await expireNow(stack)).toBeGreaterThanOrEqual(1);
  await waitForOrder(stack, order.orderId, (s) => s.status === 'cancelled');
  await beforeWebhook();
  await stack.payments.webhookQueue.resume(true);
  return order;
}

describe('a payment that arrives after the reservation expired', () => {
  afterEach(() => stack.payments.webhookQueue.resume(true));

  it('re-sells the stock to the order when it is still there', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'LATE-OK', priceMinor: 800, currency: 'EUR', onHand: 3 }],
    });
    const variantId = product.variants[0]!.id;

    const order = await payLate(variantId, 2, async () => {
      expect(await stockOf(stack, variantId)).toEqual({ onHand: 3, reserved: 0 });
    });

    const state = await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
    expect(state.paymentStatus).toBe('paid');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 1, reserved: 0 });
  });

  it('refunds the payment when the stock was sold to someone else meanwhile, and sells nothing twice', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'LATE-GONE', priceMinor: 800, currency: 'EUR', onHand: 1 }],
    });
    const variantId = product.variants[0]!.id;

    const late = await payLate(variantId, 1, async () => {
      const rival = await placeOrder(stack, variantId, 1);
      const rivalPayment = await paymentOf(stack, rival);
      await confirmPayment(stack, rival, rivalPayment.id).expect(200);
      await stack.payments.webhookQueue.resume(true);
      await waitForOrder(stack, rival.orderId, (s) => s.status === 'paid');
    });

    const state = await waitForOrder(stack, late.orderId, (s) => s.paymentStatus === 'refunded');
    expect(state.status).toBe('cancelled');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 0, reserved: 0 });
    const refund = await stack.smtp.waitForMessage(
      (m) => m.to.includes(late.email) && /Refund/.test(m.subject),
      10_000,
    );
    expect(refund.text).toContain('€8.00');
  });
});
