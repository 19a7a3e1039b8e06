/** The outbox and inbox tables every service has in its own schema (see each schema's migrations). */
import type { ColumnType, Generated } from 'kysely';
import type { DomainEvent } from '../../contracts/events.js';

export interface OutboxTable {
  /** The event id. */
  id: string;
  /** Publication order within this service. */
  position: Generated<string>;
  type: string;
  payload: ColumnType<DomainEvent, DomainEvent, never>;
  occurred_at: Date;
  published_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface InboxTable {
  event_id: string;
  consumer: string;
  event_type: string;
  handled_at: Generated<Date>;
}

export interface MessagingTables {
  outbox: OutboxTable;
  inbox: InboxTable;
}
