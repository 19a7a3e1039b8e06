/** The payments service's consumer of shop events, each handled once through the inbox. */
import type { Kysely } from 'kysely';
import { isEvent, type DomainEvent } from '../../../contracts/events.js';
import { alreadyHandled, handleOnce } from '../../../platform/messaging/inbox.js';
import type { ProviderIntent } from '../../providers/provider.js';
import type { Consumer } from '../../../platform/messaging/broker.js';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { PaymentsDatabase } from '../../database.js';
import type { PaymentService } from './payment.service.js';

export const PAYMENTS_ORDER_EVENTS_CONSUMER = 'payments.order-events';

export interface OrderEventsConsumerDeps {
  db: Kysely<PaymentsDatabase>;
  payments: PaymentService;
  outbox: Outbox;
}

export function orderEventsConsumer({ db, payments, outbox }: OrderEventsConsumerDeps): Consumer {
  const name = PAYMENTS_ORDER_EVENTS_CONSUMER;
  return {
    name,
    async handle(event: DomainEvent) {
      if (await alreadyHandled(db, name, event)) return;
      // Provider calls first, outside the transaction: each is idempotent by its key, so a crash
      // between them and the commit below only repeats them harmlessly on redelivery.
      let intent: ProviderIntent | undefined;
      if (isEvent(event, 'order.created.v1')) intent = await payments.intentFor(event.data);
      else if (isEvent(event, 'order.cancelled.v1')) await payments.orderCancelled(event.data);
      else if (isEvent(event, 'order.refund_requested.v1')) await payments.refund(event.data.orderId);
      await handleOnce(db, name, event, async (trx) => {
        if (intent && isEvent(event, 'order.created.v1')) await payments.recordPayment(trx, event.data, intent);
      });
      outbox.committed();
    },
  };
}
