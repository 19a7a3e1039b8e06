/**
 * The RabbitMQ topology, declared in full by every process on every (re)connect so no event is
 * unroutable because its consumer has not started yet: one topic exchange, one durable quorum queue
 * per consumer bound to the event types it handles, and beside each a dead-letter queue that
 * receives what failed `deliveryLimit` times or could not be parsed.
 */
import type { Channel } from 'amqplib';
import type { EventType } from '../../contracts/events.js';

export interface TopologyNames {
  /** The topic exchange, `ecommerce.events` unless prefixed (tests isolate by name). */
  exchange: string;
  /** Prepended to every queue name. */
  queuePrefix: string;
}

export const CONSUMER_BINDINGS = {
  'shop.payment-events': ['payment.succeeded.v1', 'payment.failed.v1', 'payment.refunded.v1'],
  /** One queue shared by every shop instance: the one that takes an event emits it to all (Redis adapter). */
  'shop.realtime-events': ['order.status_changed.v1', 'inventory.low_stock.v1', 'payment.failed.v1'],
  'payments.order-events': ['order.created.v1', 'order.cancelled.v1', 'order.refund_requested.v1'],
  'notifications.order-events': ['order.paid.v1', 'order.fulfilled.v1', 'order.cancelled.v1', 'order.refunded.v1'],
} as const satisfies Record<string, readonly EventType[]>;

export type ConsumerName = keyof typeof CONSUMER_BINDINGS;

export function queueName(names: TopologyNames, consumer: ConsumerName): string {
  return `${names.queuePrefix}${consumer}`;
}

export function deadLetterExchange(names: TopologyNames): string {
  return `${names.exchange}.dlx`;
}

export function deadLetterQueue(names: TopologyNames, consumer: ConsumerName): string {
  return `${queueName(names, consumer)}.dlq`;
}

export async function declareTopology(channel: Channel, names: TopologyNames, deliveryLimit: number): Promise<void> {
  const dlx = deadLetterExchange(names);
  await channel.assertExchange(names.exchange, 'topic', { durable: true });
  await channel.assertExchange(dlx, 'direct', { durable: true });
  for (const [consumer, types] of Object.entries(CONSUMER_BINDINGS) as [ConsumerName, readonly EventType[]][]) {
    const queue = queueName(names, consumer);
    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': deliveryLimit,
        'x-dead-letter-exchange': dlx,
        'x-dead-letter-routing-key': queue,
      },
    });
    await channel.assertQueue(deadLetterQueue(names, consumer), { durable: true });
    await channel.bindQueue(deadLetterQueue(names, consumer), dlx, queue);
    for (const type of types) await channel.bindQueue(queue, names.exchange, type);
  }
}

/** Removes everything `declareTopology` made (tests clean up their own names with it). */
export async function deleteTopology(channel: Channel, names: TopologyNames): Promise<void> {
  for (const consumer of Object.keys(CONSUMER_BINDINGS) as ConsumerName[]) {
    await channel.deleteQueue(queueName(names, consumer));
    await channel.deleteQueue(deadLetterQueue(names, consumer));
  }
  await channel.deleteExchange(names.exchange);
  await channel.deleteExchange(deadLetterExchange(names));
}
