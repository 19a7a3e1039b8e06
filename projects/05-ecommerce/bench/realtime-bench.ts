/**
 * `pnpm bench:realtime`: broadcast latency of the live order view. Asserts nothing; prints figures.
 *   - the server (this file with BENCH_ROLE=server, a child process): the three services on isolated
 *     names on the real services, the shop listening with Socket.io and the Redis adapter, and a driver
 *     that commits an order change every 200 ms (a checkout: the order's first version);
 *   - this process: 1,000 socket.io-client connections, connected over a few seconds so the server's
 *     pings to them are spread out, each an admin, so every update is broadcast to all 1,000;
 *   - latency: from the event's `occurredAt` (written in the committing transaction) to its receipt,
 *     through the outbox relay, RabbitMQ, the shop's consumer, the Redis adapter and the WebSocket,
 *     recorded in an HDR histogram (1 ms resolution); plus the server's memory before and after.
 *
 * With BENCH_BESIDE=shop (the default) the shop bench (bench/ecommerce-bench.ts: list load, then the
 * checkout race) runs at the same time in processes of its own, as the issue asks; its figures go to
 * bench/results/shop-beside-realtime.json. BENCH_BESIDE=none measures the broadcast alone.
 *
 *   pnpm --filter @roadmap/ecommerce bench:realtime    (BENCH_CLIENTS=1000 BENCH_SECONDS=30 BENCH_EVERY_MS=200)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { startHarness, writeBenchReport } from '@roadmap/testing';
import * as hdr from 'hdr-histogram-js';
import { io, type Socket } from 'socket.io-client';
import { buildStack } from '../test/support/stack.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const EVERY_MS = Number(process.env.BENCH_EVERY_MS ?? 200);
const CONNECT_OVER_MS = 5000;
const BESIDE = process.env.BENCH_BESIDE ?? 'shop';
const ADDRESS = { name: 'Bench', line1: '1 Socket Way', city: 'Loop', postalCode: '1', country: 'DE' };
const BENCH_ADMIN = { id: 'bench', email: null };

interface Memory {
  rssMb: number;
  heapMb: number;
}
type ServerMessage =
  | { ready: { url: string; tokens: string[] } }
  | { memory: Memory }
  | { driven: { updates: number; failures: number; emitP50: number; emitP99: number } };

const memory = (): Memory => {
  const used = process.memoryUsage();
  return { rssMb: used.rss / 2 ** 20, heapMb: used.heapUsed / 2 ** 20 };
};

/** Child: the stack, a product, admin tokens for the clients, and the driver on demand. */
async function serve(): Promise<void> {
  // The server's share of the latency: from the event's write to the end of the consumer's emit.
  const emitted = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000,
    numberOfSignificantValueDigits: 3,
  });
  const stack = await startHarness('bench-realtime', (ctx) =>
    buildStack(ctx, {
      realtime: true,
      beforeAck: async (service, event) => {
        if (service === 'shop' && event.type === 'order.status_changed.v1')
          emitted.recordValue(Math.max(1, Date.now() - Date.parse(event.occurredAt)));
      },
    }),
  );
  const { services } = stack.shop;
  const product = await services.products.create(
    {
      slug: `bench-live-${randomUUID().slice(0, 8)}`,
      name: 'Live bench kettle',
      description: '',
      imageUrls: [],
      published: true,
      variants: [{ sku: 'BENCH-LIVE', options: {}, priceMinor: 1999, currency: 'EUR', onHand: 1_000_000 }],
    },
    BENCH_ADMIN,
  );
  const variantId = product.variants[0]!.id;
  const tokens = Array.from({ length: CLIENTS }, (_, i) =>
    stack.issuer.tokenFor({ role: 'admin', email: `admin${i}@bench.test` }),
  );
  const send = (message: ServerMessage) => process.send?.(message);

  let driving: NodeJS.Timeout | undefined;
  let updates = 0;
  let failures = 0;
  process.on('message', (message: string) => {
    if (message === 'memory') send({ memory: memory() });
    if (message === 'start') {
      driving = setInterval(() => {
        const owner = { kind: 'user' as const, userId: `bench-${updates}` };
        updates += 1;
        // One order change committed per tick: a checkout writes the order and its first version's event.
        void services.carts
          .addItem(owner, { variantId, quantity: 1 })
          .then(() =>
            services.checkout.checkout(owner, `${owner.userId}@bench.test`, randomUUID(), { shippingAddress: ADDRESS }),
          )
          .catch(() => (failures += 1));
      }, EVERY_MS);
    }
    if (message === 'stop') {
      clearInterval(driving);
      send({
        driven: {
          updates,
          failures,
          emitP50: emitted.getValueAtPercentile(50),
          emitP99: emitted.getValueAtPercentile(99),
        },
      });
    }
  });
  process.once('SIGTERM', () => void stack.cleanup().finally(() => process.exit(0)));
  global.gc?.();
  send({ ready: { url: stack.live!.url, tokens } });
}

function ask<T>(
  child: ReturnType<typeof fork>,
  message: string,
  pick: (m: ServerMessage) => T | undefined,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (m: ServerMessage) => {
      const value = pick(m);
      if (value === undefined) return;
      child.off('message', listener);
      resolve(value);
    };
    child.on('message', listener);
    child.send(message);
  });
}

async function main(): Promise<void> {
  const child = fork(__filename, [], {
    env: { ...process.env, BENCH_ROLE: 'server' },
    execArgv: [...process.execArgv, '--expose-gc'],
  });
  const { url, tokens } = await new Promise<{ url: string; tokens: string[] }>((resolve, reject) => {
    child.once('message', (m: ServerMessage) =>
      'ready' in m ? resolve(m.ready) : reject(new Error('unexpected message')),
    );
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000,
    numberOfSignificantValueDigits: 3,
  });
  const sockets: Socket[] = [];
  let received = 0;
  try {
    const before = await ask(child, 'memory', (m) => ('memory' in m ? m.memory : undefined));
    for (const [i, token] of tokens.entries()) {
      const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
      socket.on('order.updated', (update: { occurredAt: string }) => {
        histogram.recordValue(Math.max(1, Date.now() - Date.parse(update.occurredAt)));
        received += 1;
      });
      sockets.push(socket);
      // Spread over CONNECT_OVER_MS, so the server's ping timers (one per connection) are too.
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, (CONNECT_OVER_MS * 20) / tokens.length));
    }
    const deadline = Date.now() + 30_000;
    while (sockets.some((s) => !s.connected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const connected = sockets.filter((s) => s.connected).length;
    const withClients = await ask(child, 'memory', (m) => ('memory' in m ? m.memory : undefined));

    let beside: ChildProcess | undefined;
    if (BESIDE === 'shop') {
      beside = fork(path.join(__dirname, 'ecommerce-bench.ts'), [], {
        env: { ...process.env, BENCH_REPORT_NAME: 'shop-beside-realtime', BENCH_SECONDS: String(SECONDS) },
        execArgv: process.execArgv,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
    }
    child.send('start');
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const driven = await ask(child, 'stop', (m) => ('driven' in m ? m.driven : undefined));
    // Updates committed in the last ticks are still on their way: wait for them (bounded).
    const expected = (driven.updates - driven.failures) * connected;
    const settle = Date.now() + 10_000;
    while (received < expected && Date.now() < settle) await new Promise((r) => setTimeout(r, 100));
    const after = await ask(child, 'memory', (m) => ('memory' in m ? m.memory : undefined));
    const loadAtEnd = loadavg()[0]!;
    if (beside && beside.exitCode === null) await new Promise((resolve) => beside.once('exit', resolve));

    const out = (line: string) => process.stdout.write(`${line}\n`);
    const ms = (q: number) => `${histogram.getValueAtPercentile(q)} ms`;
    writeBenchReport(__dirname, {
      name: 'realtime',
      title: `Socket.io broadcast to ${connected} clients, commit -> receipt`,
      method:
        `One order change committed every ${EVERY_MS} ms for ${SECONDS} s (a checkout), fanned out through the ` +
        `outbox relay, RabbitMQ, the shop's consumer, the Redis adapter and the WebSocket to ${connected} admin ` +
        `clients in another process; ${BESIDE === 'shop' ? 'the shop bench (list load, then the checkout race) ran beside it' : 'nothing else ran beside it'}; ` +
        `load average ${loadAtEnd.toFixed(1)} at the end.`,
      tables: [
        {
          columns: ['figure', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
          rows: [
            [
              'commit -> receipt',
              histogram.getValueAtPercentile(50),
              histogram.getValueAtPercentile(95),
              histogram.getValueAtPercentile(99),
              histogram.maxValue,
            ],
            ['commit -> fan-out done (server)', driven.emitP50, '-', driven.emitP99, '-'],
          ],
        },
      ],
      notes: [
        `deliveries ${received} of ${expected} expected; ${driven.updates} updates, ${driven.failures} failed`,
        'goal: p99 <= 50 ms with the checkout bench beside it',
      ],
    });
    out(`socket.io broadcast, loopback, Node ${process.version}, load average ${loadAtEnd.toFixed(1)} at the end`);
    out(`clients                   ${connected} of ${CLIENTS} connected (admins: each update goes to every one)`);
    out(
      `updates                   ${driven.updates} committed, one every ${EVERY_MS} ms for ${SECONDS} s (${driven.failures} failed)`,
    );
    out(`deliveries                ${received} of ${expected} expected`);
    out(
      `commit -> fan-out done   p50 ${driven.emitP50} ms, p99 ${driven.emitP99} ms (server: relay, RabbitMQ, consumer, writes to every socket)`,
    );
    out(
      `commit -> receipt         p50 ${ms(50)}, p95 ${ms(95)}, p99 ${ms(99)}, max ${histogram.maxValue} ms (goal p99 <= 50 ms)`,
    );
    out(
      `server memory             rss ${before.rssMb.toFixed(0)} MB idle, ${withClients.rssMb.toFixed(0)} MB with clients, ${after.rssMb.toFixed(0)} MB after the run`,
    );
    out(
      `per connection            ${(((withClients.heapMb - before.heapMb) * 1024) / Math.max(connected, 1)).toFixed(1)} KB of heap`,
    );
  } finally {
    for (const socket of sockets) socket.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

(process.env.BENCH_ROLE === 'server' ? serve() : main()).catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exit(1);
});
