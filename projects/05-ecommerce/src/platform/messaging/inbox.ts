/**
 * The inbox: a consumer records the id of each event it handles in the same transaction as the
 * effect. A redelivered event finds its id already there and has no second effect.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DomainEvent } from '../../contracts/events.js';
import type { MessagingTables } from './tables.js';

/** Runs `effect` in a transaction unless `consumer` already handled `event`; answers whether it ran. */
export async function handleOnce<DB>(
  db: Kysely<DB>,
  consumer: string,
  event: DomainEvent,
  effect: (trx: Transaction<DB>) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await (trx as unknown as Kysely<MessagingTables>)
      .insertInto('inbox')
      .values({ event_id: event.id, consumer, event_type: event.type })
      .onConflict((oc) => oc.doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!inserted) return false;
    await effect(trx);
    return true;
  });
}

/** Whether `consumer` already handled `event` (a cheap check before work done outside the transaction). */
export async function alreadyHandled<DB>(db: Kysely<DB>, consumer: string, event: DomainEvent): Promise<boolean> {
  const row = await (db as unknown as Kysely<MessagingTables>)
    .selectFrom('inbox')
    .select('event_id')
    .where('event_id', '=', event.id)
    .where('consumer', '=', consumer)
    .executeTakeFirst();
  return row !== undefined;
}
