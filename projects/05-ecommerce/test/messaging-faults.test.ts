/**
 * Faults between the services, through a TCP proxy in front of the shared RabbitMQ: a broker outage
 * loses no event (orders are still taken, events wait in the outbox), and a consumer that dies after
 * its effect committed but before its ack gets the event again without a second effect.
 */
import { createLogger } from '@roadmap/core';
import { waitFor } from '@roadmap/testing';
import request from 'supertest';
import type { DomainEvent } from '../src/contracts/events.js';
import { pendingOutboxCount } from '../src/platform/messaging/outbox.js';
import {
  confirmPayment,
  createProduct,
  paymentOf,
  placeOrder,
  useStack,
  waitForOrder,
  type PlacedOrder,
} from './harness.js';

const acksBeforeCut: string[] = [];
let cutBeforeAckOf: string | undefined;
const logLines: { msg?: string; eventId?: string }[] = [];

const stack = useStack('messaging-faults', {
  brokerProxy: true,
  logger: createLogger({
    name: 'messaging-faults',
    level: 'info',
    destination: {
      write: (line: string) => void logLines.push(JSON.parse(line) as { msg?: string; eventId?: string }),
    },
  }),
  beforeAck: async (service, event: DomainEvent) => {
    if (service !== 'shop') return;
    acksBeforeCut.push(event.id);
    if (event.type === 'payment.succeeded.v1' && cutBeforeAckOf === (event.data as { orderId: string }).orderId) {
      cutBeforeAckOf = undefined;
      // The process "dies" here: its effect is committed, the ack never reaches RabbitMQ.
      stack.proxy!.cut();
      setTimeout(() => stack.proxy!.restore(), 200);
    }
  },
});

async function paymentsFor(orders: PlacedOrder[]): Promise<number> {
  const rows = await stack.payments.database.db
    .selectFrom('payments')
    .select('order_id')
    .where(
      'order_id',
      'in',
      orders.map((o) => o.orderId),
    )
    .execute();
  return rows.length;
}

describe('a RabbitMQ outage', () => {
  it('still takes orders, keeps their events in the outbox, and delivers every one when the broker returns', async () => {
    const product = await createProduct(stack);
    stack.proxy!.cut();
    await waitFor(() => !stack.shop.messaging.broker.isConnected(), { description: 'the shop to notice the outage' });

    const started = Date.now();
    const orders: PlacedOrder[] = [];
    for (let i = 0; i < 5; i += 1) orders.push(await placeOrder(stack, product.variants[0]!.id));
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(() => !stack.notifications.messaging.broker.isConnected(), { description: 'the worker to notice' });
    // One rule for the three processes: only PostgreSQL makes them not ready; the broker, degraded.
    for (const app of [stack.shop.app, stack.payments.app, stack.notifications.app]) {
      const ready = await request(app).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'degraded',
        checks: { rabbitmq: { status: 'down' }, postgres: { status: 'up' } },
      });
    }
    expect(await pendingOutboxCount(stack.shop.database.db)).toBeGreaterThanOrEqual(5);
    expect(await paymentsFor(orders)).toBe(0);

    stack.proxy!.restore();

    await waitFor(async () => (await paymentsFor(orders)) === 5, {
      timeoutMs: 30_000,
      description: 'a payment for every order',
    });
    await waitFor(async () => (await pendingOutboxCount(stack.shop.database.db)) === 0, {
      timeoutMs: 10_000,
      description: 'an empty outbox',
    });
    const created = await stack.payments.database.db
      .selectFrom('inbox')
      .select('event_id')
      .where('event_type', '=', 'order.created.v1')
      .execute();
    expect(created.length).toBeGreaterThanOrEqual(5);
  }, 60_000);
});

describe('a consumer that dies before its ack', () => {
  it('gets the event again and the inbox keeps it from having a second effect', async () => {
    await stack.shop.messaging.broker.waitUntilConnected(30_000);
    const product = await createProduct(stack);
    const order = await placeOrder(stack, product.variants[0]!.id);
    const payment = await paymentOf(stack, order, { timeoutMs: 30_000 });
    cutBeforeAckOf = order.orderId;

    await confirmPayment(stack, order, payment.id);

    await waitForOrder(stack, order.orderId, (s) => s.status === 'paid', 30_000);
    const event = await waitFor(
      async () => {
        const row = await stack.shop.database.db
          .selectFrom('inbox')
          .select('event_id')
          .where('event_type', '=', 'payment.succeeded.v1')
          .executeTakeFirst();
        return row && acksBeforeCut.filter((id) => id === row.event_id).length >= 2 ? row.event_id : undefined;
      },
      { timeoutMs: 30_000, description: 'the payment event to be delivered a second time' },
    );
    expect(acksBeforeCut.filter((id) => id === event)).toHaveLength(2);
    const history = await stack.shop.database.db
      .selectFrom('order_history')
      .select('to_status')
      .where('order_id', '=', order.orderId)
      .execute();
    expect(history.map((h) => h.to_status)).toEqual(['pending_payment', 'paid']);
    const paidEvents = await stack.shop.database.db
      .selectFrom('outbox')
      .select('id')
      .where('type', '=', 'order.paid.v1')
      .execute();
    expect(paidEvents).toHaveLength(1);
    expect(logLines).toContainEqual(
      expect.objectContaining({ msg: 'payment event already handled; skipped', eventId: event }),
    );
  }, 60_000);
});
