/**
 * An inbox consumer whose database is down holds the event and runs it again once the database is
 * back, however long that takes, instead of returning it to the queue: each return counts towards
 * the queue's delivery limit, and a few of them would dead-letter a payment that was never faulty.
 */
import { captureLogs, testServices, waitFor } from '@roadmap/testing';
import { connect } from 'amqplib';
import { deadLetterQueue } from '../src/platform/messaging/topology.js';
import { confirmPayment, createProduct, paymentOf, placeOrder, useStack, waitForOrder } from './harness.js';

const logs = captureLogs('consumer-outage', 'debug');
const stack = useStack('consumer-outage', { shopDatabaseProxy: true, logger: logs.logger });

/** The id of the payment.succeeded.v1 the payments service recorded for `orderId`. */
async function successEventOf(orderId: string): Promise<string | undefined> {
  const rows = await stack.payments.database.db
    .selectFrom('outbox')
    .select(['id', 'payload'])
    .where('type', '=', 'payment.succeeded.v1')
    .execute();
  return rows.find((row) => (row.payload.data as { orderId?: string }).orderId === orderId)?.id;
}

/** How often the shop's consumer tried `eventId` again while its dependency was down, as it logged. */
function retriesOf(eventId: string): number {
  return logs.lines.filter(
    (line) => line.msg === 'event handling still waits for its dependency' && line.eventId === eventId,
  ).length;
}

async function deadLettered(): Promise<number> {
  const connection = await connect(testServices.amqpUrl);
  try {
    const channel = await connection.createChannel();
    const queue = await channel.checkQueue(deadLetterQueue(stack, 'shop.payment-events'));
    return queue.messageCount;
  } finally {
    await connection.close();
  }
}

describe('a payment event while the shop database is down', () => {
  it('is held through more tries than the delivery limit, then applied once the database is back', async () => {
    const product = await createProduct(stack);
    const order = await placeOrder(stack, product.variants[0]!.id);
    const payment = await paymentOf(stack, order);

    stack.shopDatabaseProxy!.cut();
    expect((await confirmPayment(stack, order, payment.id)).status).toBe(200);
    const eventId = await waitFor(() => successEventOf(order.orderId), { description: 'payment.succeeded.v1' });
    await waitFor(() => retriesOf(eventId) > 5, {
      timeoutMs: 20_000,
      description: 'more retries than the queue delivery limit (5)',
    });
    stack.shopDatabaseProxy!.restore();

    const paid = await waitForOrder(stack, order.orderId, (s) => s.status === 'paid', 20_000);
    expect(paid.paymentStatus).toBe('paid');
    expect(await deadLettered()).toBe(0);
  });
});
