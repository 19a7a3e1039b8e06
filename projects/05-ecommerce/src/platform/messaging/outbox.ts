/**
 * The transactional outbox. `record` writes an event in the caller's transaction, so it exists if and
 * only if the change does. The relay publishes unpublished rows with publisher confirms and marks them
 * published; it locks its batch with FOR UPDATE SKIP LOCKED, so several relays (one per instance)
 * share the work without publishing a row twice at the same time. A publish that fails leaves the row
 * for the next round: delivery is at least once, and consumers dedupe through their inbox.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@roadmap/core';
import { sql, type Kysely } from 'kysely';
import { eventDataSchemas, type DomainEvent, type EventData, type EventType } from '../../contracts/events.js';
import type { Clock } from '../clock.js';
import type { Broker } from './broker.js';
import type { MessagingTables } from './tables.js';

/** A Kysely instance or transaction of any service: each service's schema has the messaging tables. */
export type ServiceDb = object;

/** The view of a service database that sees only its messaging tables. */
function messaging(db: ServiceDb): Kysely<MessagingTables> {
  return db as unknown as Kysely<MessagingTables>;
}

export interface OutboxRelayOptions<DB> {
  db: Kysely<DB>;
  broker: Pick<Broker, 'publish' | 'isConnected'>;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
}

export class Outbox {
  private relay: { wake(): void } | undefined;

  constructor(private readonly clock: Clock) {}

  /** Writes `type` with `data` in `trx`; the data is checked against its contract first. */
  async record<T extends EventType>(trx: ServiceDb, type: T, data: EventData<T>): Promise<DomainEvent<T>> {
    const event = {
      id: randomUUID(),
      type,
      occurredAt: this.clock.now().toISOString(),
      data: eventDataSchemas[type].parse(data),
    } as DomainEvent<T>;
    await messaging(trx)
      .insertInto('outbox')
      .values({
        id: event.id,
        type,
        payload: event,
        occurred_at: new Date(event.occurredAt),
        published_at: null,
        last_error: null,
      })
      .execute();
    return event;
  }

  /** Marks every unpublished event published without sending it (demo data that is history, not news). */
  async markAllPublished(db: ServiceDb): Promise<number> {
    const result = await messaging(db)
      .updateTable('outbox')
      .set({ published_at: this.clock.now() })
      .where('published_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Lets a relay in this process start at once after a commit instead of at its next poll. */
  attach(relay: { wake(): void }): void {
    this.relay = relay;
  }

  committed(): void {
    this.relay?.wake();
  }
}

export class OutboxRelay<DB> {
  private stopped = true;
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while a round was running: run another round at once instead of sleeping. */
  private wokenDuringRound = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: OutboxRelayOptions<DB>) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    if (wakeUp) wakeUp();
    else this.wokenDuringRound = true;
  }

  /** True while the relay waits for its next round (its poll or a wake-up), no round running. */
  isIdle(): boolean {
    return this.wakeUp !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { pollMs = 250, batchSize = 100, logger } = this.options;
    let failures = 0;
    while (!this.stopped) {
      let published = 0;
      try {
        published = await this.relayBatch();
        if (failures > 0) logger.info({ failedRounds: failures }, 'outbox relay resumed');
        failures = 0;
      } catch (err) {
        failures += 1;
        // Once per outage at warn: a database that stays down would otherwise fill the log.
        if (failures === 1) logger.warn({ err }, 'outbox relay round failed; retrying with backoff');
        else logger.debug({ err, failures }, 'outbox relay round failed');
      }
      if (failures === 0 && (published >= batchSize || this.wokenDuringRound)) {
        this.wokenDuringRound = false;
        continue;
      }
      // After a failure, wait longer each time (up to 5 s); a commit's wake-up still starts a round at once.
      const wait = failures === 0 ? pollMs : Math.min(pollMs * 2 ** failures, 5_000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  /** Publishes one batch; answers how many rows were published. */
  async relayBatch(): Promise<number> {
    const { broker, batchSize = 100, logger } = this.options;
    if (!broker.isConnected()) return 0;
    return messaging(this.options.db)
      .transaction()
      .execute(async (trx) => {
        const rows = await trx
          .selectFrom('outbox')
          .select(['id', 'payload'])
          .where('published_at', 'is', null)
          .orderBy('position')
          .limit(batchSize)
          .forUpdate()
          .skipLocked()
          .execute();
        if (rows.length === 0) return 0;
        const results = await Promise.allSettled(rows.map((row) => broker.publish(row.payload)));
        const published = rows.filter((_row, i) => results[i]?.status === 'fulfilled').map((row) => row.id);
        const failed = rows.filter((_row, i) => results[i]?.status === 'rejected').map((row) => row.id);
        if (published.length > 0) {
          await trx.updateTable('outbox').set({ published_at: new Date() }).where('id', 'in', published).execute();
        }
        if (failed.length > 0) {
          const first = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
          const reason = first.reason instanceof Error ? first.reason.message : String(first.reason);
          logger.warn({ failed: failed.length, reason }, 'outbox events not confirmed; kept for the next round');
          await trx
            .updateTable('outbox')
            .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: reason }))
            .where('id', 'in', failed)
            .execute();
        }
        return published.length;
      });
  }
}

/** How many events are waiting to be published (readiness detail and tests). */
export async function pendingOutboxCount<DB>(db: Kysely<DB>): Promise<number> {
  const row = await messaging(db)
    .selectFrom('outbox')
    .select(sql<string>`count(*)`.as('n'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes published events and handled-event records older than the given ages (a periodic job). */
export async function pruneMessaging<DB>(
  db: Kysely<DB>,
  { publishedBefore, handledBefore }: { publishedBefore: Date; handledBefore: Date },
): Promise<{ outbox: number; inbox: number }> {
  const m = messaging(db);
  const outbox = await m.deleteFrom('outbox').where('published_at', '<', publishedBefore).executeTakeFirst();
  const inbox = await m.deleteFrom('inbox').where('handled_at', '<', handledBefore).executeTakeFirst();
  return { outbox: Number(outbox.numDeletedRows), inbox: Number(inbox.numDeletedRows) };
}
