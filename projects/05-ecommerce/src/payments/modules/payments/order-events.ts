/** The payments service's consumer of shop events, each handled once through the inbox. */
import type { Kysely } from 'kysely';
import { isEvent, type DomainEvent } from '../../../contracts/events.js';
import { handleOnce } from '../../../platform/messaging/inbox.js';
import type { Consumer } from '../../../platform/messaging/broker.js';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { PaymentsDatabase } from '../../database.js';
import type { PaymentService } from './payment.service.js';

export function orderEventsConsumer(db: Kysely<PaymentsDatabase>, payments: PaymentService, outbox: Outbox): Consumer {
  const name = 'payments.order-events';
  return {
    name,
    async handle(event: DomainEvent) {
      await handleOnce(db, name, event, async (trx) => {
        if (isEvent(event, 'order.created.v1')) await payments.createForOrder(trx, event.data);
        else if (isEvent(event, 'order.cancelled.v1')) await payments.orderCancelled(trx, event.data);
        else if (isEvent(event, 'order.refund_requested.v1')) await payments.refund(trx, event.data.orderId);
      });
      outbox.committed();
    },
  };
}
