/**
 * The worker's consumer: each order event that calls for an email records it through the mail port
 * in the same transaction as the inbox entry, then queues its delivery. A redelivered event finds its
 * inbox entry and records nothing; an email is never lost between the broker and SMTP.
 */
import type { Kysely } from 'kysely';
import type { DomainEvent } from '../contracts/events.js';
import type { Consumer } from '../platform/messaging/broker.js';
import { handleOnce } from '../platform/messaging/inbox.js';
import type { NotificationsDatabase } from './database.js';
import type { MailPort } from './mail/mail-port.js';
import { mailFor } from './mail/templates.js';

export const NOTIFICATIONS_CONSUMER = 'notifications.order-events';

export function orderMailConsumer(db: Kysely<NotificationsDatabase>, mail: MailPort<NotificationsDatabase>): Consumer {
  return {
    name: NOTIFICATIONS_CONSUMER,
    async handle(event: DomainEvent) {
      const outgoing = mailFor(event);
      let recorded: { id: string; created: boolean } | undefined;
      await handleOnce(db, NOTIFICATIONS_CONSUMER, event, async (trx) => {
        if (outgoing) recorded = await mail.record(trx, outgoing);
      });
      if (recorded?.created) await mail.deliver(recorded.id);
    },
  };
}
