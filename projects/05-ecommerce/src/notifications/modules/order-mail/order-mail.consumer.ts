/**
 * The worker's consumer: each order event that calls for an email records it in the shared mail
 * store (@roadmap/mail) in the same transaction as the inbox entry, and queues it after the commit.
 * A redelivered event finds its inbox entry and records nothing; an email is never lost between the
 * broker and SMTP (the mail outbox's sweep queues whatever the commit could not).
 */
import type { MailOutbox } from '@roadmap/mail';
import type { PgMailStore } from '@roadmap/mail/postgres';
import type { Kysely } from 'kysely';
import type { DomainEvent } from '../../../contracts/events.js';
import type { Clock } from '../../../platform/clock.js';
import type { Consumer } from '../../../platform/messaging/broker.js';
import { handleOnce } from '../../../platform/messaging/inbox.js';
import type { NotificationsDatabase } from '../../database.js';
import { mailFor } from './order-mail.js';

export const NOTIFICATIONS_ORDER_MAIL_CONSUMER = 'notifications.order-events';

/** The Bull queue of the order emails (under `<REDIS_PREFIX>:bull`). */
export const MAIL_QUEUE = 'notifications-mail';

export interface OrderMailDeps {
  db: Kysely<NotificationsDatabase>;
  store: PgMailStore;
  outbox: Pick<MailOutbox, 'enqueueSoon'>;
  clock: Clock;
}

export function orderMailConsumer({ db, store, outbox, clock }: OrderMailDeps): Consumer {
  return {
    name: NOTIFICATIONS_ORDER_MAIL_CONSUMER,
    async handle(event: DomainEvent) {
      const mail = mailFor(event);
      let recorded = false;
      await handleOnce(db, NOTIFICATIONS_ORDER_MAIL_CONSUMER, event, async (trx) => {
        if (mail) recorded = await store.within(trx).insert(mail, clock.now());
      });
      if (mail && recorded) outbox.enqueueSoon(mail.key);
    },
  };
}
