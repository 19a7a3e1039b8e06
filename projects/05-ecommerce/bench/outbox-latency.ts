/**
 * `pnpm --filter @roadmap/ecommerce bench:outbox`: commit -> consumer latency of the outbox, at a
 * steady 5 and 200 events/s, with the relay woken by LISTEN/NOTIFY (as createMessaging wires it) and,
 * for comparison in the same run, with the poll alone (OUTBOX_POLL_MS, 250 ms by default). Asserts
 * nothing.
 *
 * A writer pool of its own (as another instance's checkouts would be) commits one
 * `order.status_changed.v1` event per transaction at the given rate; the relay publishes with
 * publisher confirms; a plain AMQP consumer bound to the exchange takes the time of receipt. Latency
 * runs from the writer's commit answer to the receipt (one process, one monotonic clock).
 *
 *   pnpm --filter @roadmap/ecommerce bench:outbox    (BENCH_SECONDS=20, seconds per rate and mode)
 */
import { randomUUID } from 'node:crypto';
import { quantile, startHarness, testServices, writeBenchReport, type TestContext } from '@roadmap/testing';
import { connect } from 'amqplib';
import express from 'express';
import { systemClock } from '../src/platform/clock.js';
import { createDatabase } from '../src/platform/database.js';
import { Broker } from '../src/platform/messaging/broker.js';
import { Outbox, OutboxRelay } from '../src/platform/messaging/outbox.js';
import { deleteTopology } from '../src/platform/messaging/topology.js';
import { migrateSchema } from '../src/platform/migrations.js';
import { createMessaging } from '../src/platform/runtime.js';
import type { ShopDatabase } from '../src/shop/database.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const POLL_MS = Number(process.env.OUTBOX_POLL_MS ?? 250);
const RATES = [5, 200];
const EVENT = 'order.status_changed.v1';

type Mode = 'notify' | 'poll';

interface Run {
  mode: Mode;
  rate: number;
  sent: number;
  failed: number;
  received: number;
  p50: number;
  p99: number;
  max: number;
}

/** One mode's relay on its own exchange, and a consumer that stamps the receipt of each event. */
async function relayUnderTest(ctx: TestContext, url: string, mode: Mode) {
  const exchange = `${ctx.name}-${mode}-${randomUUID().slice(0, 8)}.events`;
  const settings = { url: testServices.amqpUrl, exchange, queuePrefix: `${exchange}.`, pollMs: POLL_MS };
  const database = createDatabase<ShopDatabase>({ url, schema: 'shop', logger: ctx.logger });
  ctx.onCleanup(() => database.close());
  let stop: () => Promise<void>;
  if (mode === 'notify') {
    const messaging = createMessaging(settings, database.db, systemClock, ctx.logger, []);
    await messaging.start();
    await messaging.broker.waitUntilConnected();
    stop = () => messaging.stop();
  } else {
    const broker = new Broker({ ...settings, logger: ctx.logger, consumers: [] });
    const relay = new OutboxRelay({ db: database.db, broker, logger: ctx.logger, pollMs: POLL_MS });
    await broker.start();
    await broker.waitUntilConnected();
    relay.start();
    stop = async () => {
      await relay.stop();
      await broker.close();
    };
  }
  const connection = await connect(testServices.amqpUrl);
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, EVENT);
  const received = new Map<string, number>();
  await channel.consume(
    queue,
    (msg) => {
      if (msg) received.set(String(msg.properties.messageId), performance.now());
    },
    { noAck: true },
  );
  ctx.onCleanup(async () => {
    await stop();
    await deleteTopology(channel, settings);
    await connection.close();
  });
  return { received, stop };
}

async function measure(ctx: TestContext, url: string, mode: Mode, rate: number): Promise<Run> {
  const { received, stop } = await relayUnderTest(ctx, url, mode);
  // Generous bounds: on a loaded machine a commit may wait for a connection; it is then measured late.
  const writer = createDatabase<ShopDatabase>({
    url,
    schema: 'shop',
    logger: ctx.logger,
    connectTimeoutMs: 10_000,
    queryTimeoutMs: 10_000,
  });
  const outbox = new Outbox(systemClock);
  const committed = new Map<string, number>();
  let failed = 0;
  const total = Math.max(1, Math.round(rate * SECONDS));
  const started = performance.now();
  const commits: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    commits.push(
      writer.db
        .transaction()
        .execute((trx) =>
          outbox.record(trx, EVENT, {
            orderId: randomUUID(),
            orderNumber: i + 1,
            userId: null,
            email: 'bench@example.test',
            version: 1,
            status: 'pending_payment',
            paymentStatus: 'pending',
            fulfillmentStatus: 'unfulfilled',
            actor: { type: 'system', id: null },
            reason: null,
          }),
        )
        .then(
          (event) => {
            committed.set(event.id, performance.now());
          },
          () => {
            failed += 1;
          },
        ),
    );
  }
  await Promise.all(commits);
  const deadline = Date.now() + 30_000;
  while (received.size < committed.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await stop();
  await writer.close();
  const latencies = [...committed]
    .filter(([id]) => received.has(id))
    .map(([id, at]) => Math.max(0, received.get(id)! - at))
    .sort((a, b) => a - b);
  const ms = (n: number) => Math.round(n * 10) / 10;
  return {
    mode,
    rate,
    sent: committed.size,
    failed,
    received: latencies.length,
    p50: ms(quantile(latencies, 0.5)),
    p99: ms(quantile(latencies, 0.99)),
    max: ms(latencies.at(-1) ?? Number.NaN),
  };
}

async function main(): Promise<void> {
  const harness = await startHarness('bench-outbox', async (ctx) => {
    const pg = await ctx.pgDatabase();
    const database = createDatabase<ShopDatabase>({ url: pg.url, schema: 'shop', queryTimeoutMs: 0 });
    await migrateSchema(database.db, 'shop');
    await database.close();
    const runs: Run[] = [];
    for (const rate of RATES)
      for (const mode of ['notify', 'poll'] as const) runs.push(await measure(ctx, pg.url, mode, rate));
    return { app: express(), runs };
  });
  try {
    writeBenchReport(__dirname, {
      name: 'outbox-latency',
      title: 'Outbox: commit -> consumer',
      method:
        `A writer pool commits one event per transaction at a steady rate for ${SECONDS} s; the relay publishes ` +
        `with publisher confirms; a plain AMQP consumer stamps the receipt. "notify": woken by LISTEN/NOTIFY ` +
        `(poll ${POLL_MS} ms as safety net); "poll": the poll alone, for comparison.`,
      tables: [
        {
          columns: ['rate (events/s)', 'relay', 'events', 'received', 'p50 ms', 'p99 ms', 'max ms', 'commits failed'],
          rows: harness.runs.map((r) => [r.rate, r.mode, r.sent, r.received, r.p50, r.p99, r.max, r.failed]),
        },
      ],
      notes: ['goal: p99 <= 100 ms'],
    });
  } finally {
    await harness.cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
