/**
 * The payments service down (its process gone, its queue still there): orders are taken and stay
 * pending payment; when payments comes back it finds the events waiting in its durable queue, creates
 * the payments, and the purchase completes.
 */
import { testLogger, testServices, waitFor } from '@roadmap/testing';
import { connect } from 'amqplib';
import { systemClock } from '../src/platform/clock.js';
import { queueName } from '../src/platform/messaging/topology.js';
import { createMessaging } from '../src/platform/runtime.js';
import { confirmPayment, createProduct, orderState, paymentOf, placeOrder, useStack, waitForOrder } from './harness.js';

const stack = useStack('payments-outage');

async function waitingInPaymentsQueue(): Promise<number> {
  const connection = await connect(testServices.amqpUrl);
  const channel = await connection.createChannel();
  const { messageCount } = await channel.checkQueue(queueName(stack, 'payments.order-events'));
  await connection.close();
  return messageCount;
}

describe('a payments-service outage', () => {
  it('leaves orders pending payment until payments returns, then completes them', async () => {
    await stack.payments.messaging.stop();
    const product = await createProduct(stack);

    const order = await placeOrder(stack, product.variants[0]!.id);

    await waitFor(async () => (await waitingInPaymentsQueue()) >= 1, {
      description: 'order.created.v1 waiting for payments',
    });
    expect(await orderState(stack, order.orderId)).toMatchObject({
      status: 'pending_payment',
      paymentStatus: 'pending',
    });
    const payments = await stack.payments.database.db.selectFrom('payments').select('id').execute();
    expect(payments).toEqual([]);

    const restarted = createMessaging(
      { url: testServices.amqpUrl, exchange: stack.exchange, queuePrefix: stack.queuePrefix, pollMs: 100 },
      stack.payments.database.db,
      systemClock,
      testLogger('payments-outage'),
      [stack.payments.services.consumer],
    );
    stack.payments.messaging = restarted;
    await restarted.start();

    const payment = await paymentOf(stack, order, { timeoutMs: 20_000 });
    await confirmPayment(stack, order, payment.id).expect(200);
    await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
  });
});
