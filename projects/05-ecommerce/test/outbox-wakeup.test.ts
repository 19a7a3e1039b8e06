/**
 * The outbox relay wakes on commit through PostgreSQL LISTEN/NOTIFY: events committed by another
 * connection (another process, as far as the relays know) are published although the relays' poll is
 * an hour, and with two relays listening to the same notifications each event is published once.
 * The broker here is a recording stand-in: what is under test is the wake-up and the share of work.
 */
import { randomUUID } from 'node:crypto';
import { useHarness, waitFor } from '@roadmap/testing';
import express from 'express';
import type { DomainEvent } from '../src/contracts/events.js';
import { systemClock } from '../src/platform/clock.js';
import { createDatabase, poolOf, type Database } from '../src/platform/database.js';
import { OutboxListener } from '../src/platform/messaging/outbox-listener.js';
import { Outbox, OutboxRelay } from '../src/platform/messaging/outbox.js';
import { migrateSchema } from '../src/platform/migrations.js';
import type { ShopDatabase } from '../src/shop/database.js';

const AN_HOUR = 3_600_000;

interface RelayUnderTest {
  relay: OutboxRelay<ShopDatabase>;
  listener: OutboxListener;
}

const h = useHarness('outbox-wakeup', async (ctx) => {
  const pg = await ctx.pgDatabase();
  const open = () => {
    const database = createDatabase<ShopDatabase>({ url: pg.url, schema: 'shop', logger: ctx.logger });
    ctx.onCleanup(() => database.close());
    return database;
  };
  const writer = open();
  await migrateSchema(writer.db, 'shop');
  const published: string[] = [];
  const broker = {
    isConnected: () => true,
    publish: async (event: DomainEvent) => {
      published.push(event.id);
    },
  };
  const startRelay = (): RelayUnderTest => {
    const { db } = open();
    const relay = new OutboxRelay({ db, broker, logger: ctx.logger, pollMs: AN_HOUR });
    const listener = new OutboxListener({
      connection: poolOf(db)!.options,
      logger: ctx.logger,
      onWake: () => relay.wake(),
    });
    relay.start();
    listener.start();
    ctx.onCleanup(async () => {
      await listener.stop();
      await relay.stop();
    });
    return { relay, listener };
  };
  return { app: express(), writer, published, startRelay };
});

/** Commits one order.cancelled event in its own transaction on the writer's connection. */
async function commitEvent(writer: Database<ShopDatabase>): Promise<string> {
  const outbox = new Outbox(systemClock);
  const event = await writer.db.transaction().execute((trx) =>
    outbox.record(trx, 'order.cancelled.v1', {
      orderId: randomUUID(),
      orderNumber: 1,
      userId: null,
      email: 'wakeup@example.test',
      version: 1,
      reason: 'test',
      refundRequired: false,
    }),
  );
  return event.id;
}

/** Both relays listening, and each past the round its start and its listener's first wake-up asked for. */
async function idle(relays: RelayUnderTest[]): Promise<void> {
  await waitFor(() => relays.every(({ relay, listener }) => listener.isListening() && relay.isIdle()), {
    description: 'relays listening and idle',
  });
}

describe('the outbox relay', () => {
  it('publishes an event committed elsewhere while its hour-long poll sleeps', async () => {
    const relays = [h.startRelay()];
    await idle(relays);

    const id = await commitEvent(h.writer);

    await waitFor(() => h.published.includes(id), { timeoutMs: 10_000, description: 'the event published' });
  });

  it('with two relays woken by the same commits publishes each event once', async () => {
    const relays = [h.startRelay(), h.startRelay()];
    await idle(relays);
    const before = h.published.length;

    const ids = await Promise.all(Array.from({ length: 100 }, () => commitEvent(h.writer)));

    await waitFor(() => ids.every((id) => h.published.includes(id)), {
      timeoutMs: 15_000,
      description: 'every event published',
    });
    await idle(relays);
    expect(h.published.slice(before).sort()).toEqual([...ids].sort());
  });
});
