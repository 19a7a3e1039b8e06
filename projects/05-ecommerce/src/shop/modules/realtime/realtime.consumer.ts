/**
 * The shop's RabbitMQ consumer of the live view: the events of part 1, published from the outbox only
 * after their transaction committed, become Socket.io emits. One queue is shared by every instance;
 * whichever takes an event emits it through the Redis adapter to the sockets of all instances.
 */
import { isEvent, type DomainEvent } from '../../../contracts/events.js';
import type { Consumer } from '../../../platform/messaging/broker.js';
import type { RealtimeServer } from './realtime.gateway.js';
import { orderUpdateRooms } from './realtime.service.js';
import { ADMIN_ROOM } from './rooms.js';

export const SHOP_REALTIME_CONSUMER = 'shop.realtime-events';

export function realtimeConsumer(io: RealtimeServer): Consumer {
  return {
    name: SHOP_REALTIME_CONSUMER,
    async handle(event: DomainEvent) {
      if (isEvent(event, 'order.status_changed.v1')) {
        const d = event.data;
        io.to(orderUpdateRooms(d.orderId, d.userId)).emit('order.updated', {
          orderId: d.orderId,
          orderNumber: d.orderNumber,
          status: d.status,
          paymentStatus: d.paymentStatus,
          fulfillmentStatus: d.fulfillmentStatus,
          version: d.version,
          occurredAt: event.occurredAt,
          totalMinor: d.totalMinor,
          currency: d.currency,
          email: d.email,
        });
      } else if (isEvent(event, 'inventory.low_stock.v1')) {
        io.to(ADMIN_ROOM).emit('inventory.low', { eventId: event.id, occurredAt: event.occurredAt, ...event.data });
      } else if (isEvent(event, 'payment.failed.v1')) {
        io.to(ADMIN_ROOM).emit('payment.failed', { eventId: event.id, occurredAt: event.occurredAt, ...event.data });
      }
    },
  };
}
