/**
 * The narrow mail port the worker depends on: record an email in the caller's transaction (deduped by
 * key), then ask for its delivery after the commit. The local implementation (pg-mail-outbox.ts) keeps
 * the rules of the shared durable mail path, so swapping it for shared/mail changes only the wiring.
 */
import type { Transaction } from 'kysely';

export interface OutgoingMail {
  /** Same key, same email: a second record with it is a no-op (e.g. `order-paid:<order id>`). */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailPort<DB> {
  /** Writes the email in `trx`; answers its id and whether this call created it. */
  record(trx: Transaction<DB>, mail: OutgoingMail): Promise<{ id: string; created: boolean }>;
  /** After the commit: queue the delivery (a failure here is caught up by the pending-mail sweep). */
  deliver(id: string): Promise<void>;
}
