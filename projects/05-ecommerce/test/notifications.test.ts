/**
 * The notifications worker on the shared mail path: an email survives SMTP failures and is marked sent
 * only after acceptance, with a Message-ID derived from its key;
 * the same event delivered twice sends one email; an unreadable message ends in the dead-letter queue.
 */
import { randomUUID } from 'node:crypto';
import { testServices, uniqueEmail, waitFor } from '@roadmap/testing';
import { connect } from 'amqplib';
import { messageIdFor } from '@roadmap/mail';
import type { DomainEvent } from '../src/contracts/events.js';
import { deadLetterQueue } from '../src/platform/messaging/topology.js';
import { useStack } from './harness.js';

const stack = useStack('notifications');

function paidEvent(email: string): DomainEvent<'order.paid.v1'> {
  return {
    id: randomUUID(),
    type: 'order.paid.v1',
    occurredAt: new Date().toISOString(),
    data: {
      orderId: randomUUID(),
      orderNumber: 42,
      userId: null,
      email,
      version: 2,
      currency: 'EUR',
      totalMinor: 1999,
      lines: [{ sku: 'TEA-1', name: 'Tea', quantity: 1, unitPriceMinor: 1999 }],
      paidAt: new Date().toISOString(),
    },
  };
}

async function publishRaw(routingKey: string, body: Buffer): Promise<void> {
  const connection = await connect(testServices.amqpUrl);
  const channel = await connection.createConfirmChannel();
  channel.publish(stack.exchange, routingKey, body, { persistent: true });
  await channel.waitForConfirms();
  await connection.close();
}

const storedMail = (event: DomainEvent<'order.paid.v1'>) =>
  stack.notifications.store.get(`order-paid:${event.data.orderId}`);

describe('order emails', () => {
  it('retries while SMTP refuses, and marks the email sent only once it was accepted', async () => {
    const email = uniqueEmail('retry');
    stack.smtp.failNext(2);

    const event = paidEvent(email);
    await stack.shop.messaging.broker.publish(event);

    const mail = await stack.smtp.waitForMessage((m) => m.to.includes(email), 15_000);
    expect(mail.subject).toBe('Order #42 confirmed');
    expect(mail.headers.get('message-id')).toBe(messageIdFor(`order-paid:${event.data.orderId}`, 'shop.test'));
    const stored = await waitFor(async () => {
      const found = await storedMail(event);
      return found?.status === 'sent' ? found : undefined;
    });
    expect(stored).toMatchObject({ status: 'sent', attempts: 3, to: email });
  });

  it('sends one email when the same event is delivered twice', async () => {
    const email = uniqueEmail('twice');
    const event = paidEvent(email);

    await stack.shop.messaging.broker.publish(event);
    await stack.shop.messaging.broker.publish(event);

    await stack.smtp.waitForMessage((m) => m.to.includes(email), 10_000);
    await waitFor(async () => {
      const handled = await stack.notifications.database.db
        .selectFrom('inbox')
        .select('event_id')
        .where('event_id', '=', event.id)
        .execute();
      return handled.length === 1;
    });
    expect(stack.smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
    expect((await stack.notifications.store.list({ limit: 100 })).filter((m) => m.to === email)).toHaveLength(1);
  });

  it('dead-letters a message that is not a known event', async () => {
    await publishRaw('order.paid.v1', Buffer.from('{"not":"an event"}'));

    const connection = await connect(testServices.amqpUrl);
    const channel = await connection.createChannel();
    const queue = deadLetterQueue(
      { exchange: stack.exchange, queuePrefix: stack.queuePrefix },
      'notifications.order-events',
    );
    const dead = await waitFor(async () => (await channel.get(queue, { noAck: true })) || undefined, {
      description: 'a dead letter',
    });
    await connection.close();

    expect(dead.content.toString()).toBe('{"not":"an event"}');
  });
});
