/**
 * The fake provider keeps its word under a Redis outage: an intent whose webhook could not be
 * queued is put back, so the buyer's retry pays it and the payment is not left settled in silence.
 */
import { DependencyTimeoutError } from '@roadmap/core';
import { FakeProvider } from '../src/payments/providers/fake-provider.js';
import { systemClock } from '../src/platform/clock.js';
import { confirmPayment, createProduct, paymentOf, placeOrder, useStack, waitForOrder } from './harness.js';

const stack = useStack('fake-provider');

const CARD = { card: { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' } };

describe('the fake provider with its webhook queue down', () => {
  it('fails the confirm and puts the intent back, so a retry settles it and the order is paid', async () => {
    const product = await createProduct(stack);
    const order = await placeOrder(stack, product.variants[0]!.id);
    const payment = await paymentOf(stack, order);
    const { provider_payment_id: intentId } = await stack.payments.database.db
      .selectFrom('payments')
      .select('provider_payment_id')
      .where('id', '=', payment.id)
      .executeTakeFirstOrThrow();
    const redisDown = {
      send: () => Promise.reject(new DependencyTimeoutError('redis', 2000)),
    };
    const withoutQueue = new FakeProvider({
      db: stack.payments.database.db,
      webhooks: redisDown,
      clock: systemClock,
      publicUrl: 'http://payments.test',
    });

    await expect(withoutQueue.confirmIntent(intentId!, CARD)).rejects.toThrow(DependencyTimeoutError);
    const retried = await confirmPayment(stack, order, payment.id);

    expect(retried.status).toBe(200);
    await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
  });
});
