/**
 * `pnpm bench:shop`: figures for the README, each a ratio measured in the same run. Asserts nothing.
 *   1. cached product list req/s against a bare Express route answering the same JSON, and against the
 *      same list with the cache bypassed (PostgreSQL on every request);
 *   2. checkout race: 500 concurrent checkouts for the last 10 units -> attempts/s and oversold units,
 *      against 500 concurrent plain `INSERT ... RETURNING` on the same pool.
 * (Outbox latency has its own bench, bench/outbox-latency.ts.) The three processes run in a child
 * process (this file with BENCH_ROLE=server) on isolated names on the real services, so the load
 * generator does not share their event loop. The shop logs as in production: level info, an access
 * line per request, to stdout, here a file. BENCH_PROFILE=1 runs the child under `node --cpu-prof`.
 *
 *   pnpm --filter @roadmap/ecommerce bench:shop    (BENCH_SECONDS=15 BENCH_ROUNDS=3 BENCH_CONNECTIONS=50)
 */
import { fork } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import express, { type Express } from 'express';
import { sql } from 'kysely';
import { createLogger } from '@roadmap/core';
import { startHarness, writeBenchReport } from '@roadmap/testing';
import { createCacheRedis } from '../src/platform/runtime.js';
import { createShopApp } from '../src/shop/app.js';
import { CatalogCache, ProductRepository, ProductService } from '../src/shop/modules/catalog/index.js';
import { buildStack } from '../test/support/stack.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LIST = '/api/v1/products?category=bench&sort=price&limit=20';
const BENCH_ADMIN = { id: 'bench', email: null };

interface ServerInfo {
  bare: string;
  shop: string;
  uncached: string;
  adminToken: string;
  variantId: string;
  lastTenVariantId: string;
}

type Message = { insertsPerSecond: number } | ServerInfo;

async function listen(app: Express): Promise<string> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Child: the stack, a catalog of 60 products, the cached and uncached shop, a bare Express twin. */
async function serve(): Promise<void> {
  // The test harness without an OpenAPI document: nothing stands between the load and the apps.
  const stack = await startHarness('bench', (ctx) => buildStack(ctx), { logger: createLogger({ name: 'bench' }) });
  const { deps, services } = stack.shop;
  const admin = stack.issuer.tokenFor({ role: 'admin', email: 'bench@example.test' });
  await services.products.createCategory({ slug: 'bench', name: 'Bench' }, BENCH_ADMIN);
  let variantId = '';
  for (let i = 0; i < 60; i += 1) {
    const product = await services.products.create(
      {
        slug: `bench-${i}`,
        name: `Bench product ${i}`,
        description: 'A product for the benchmark, with a description long enough to be realistic.',
        categorySlug: 'bench',
        imageUrls: [`https://picsum.photos/seed/bench-${i}/600/600`],
        published: true,
        variants: [
          { sku: `BENCH-${i}`, options: { size: 'M' }, priceMinor: 1000 + i * 100, currency: 'EUR', onHand: 100_000 },
        ],
      },
      BENCH_ADMIN,
    );
    variantId = product.variants[0]!.id;
  }
  const lastTen = await services.products.create(
    {
      slug: 'bench-last-ten',
      name: 'Last ten',
      description: '',
      imageUrls: [],
      published: true,
      variants: [{ sku: 'BENCH-LAST-TEN', options: {}, priceMinor: 999, currency: 'EUR', onHand: 10 }],
    },
    BENCH_ADMIN,
  );
  const body = JSON.parse(
    (
      await services.products.list({
        category: 'bench',
        sort: { field: 'price', direction: 'asc' },
        page: 1,
        limit: 20,
      })
    ).json,
  ) as unknown;
  const bare = express();
  bare.get('/api/v1/products', (_req, res) => {
    res.json(body);
  });
  const deadRedis = createCacheRedis('redis://127.0.0.1:1', deps.logger);
  const uncachedServices = {
    ...services,
    products: new ProductService({
      db: deps.db,
      products: new ProductRepository(deps.db),
      cache: new CatalogCache({ redis: deadRedis, prefix: 'none:', ttlSeconds: 1, logger: deps.logger }),
      audit: services.audit,
    }),
  };
  const info: ServerInfo = {
    bare: await listen(bare),
    shop: await listen(createShopApp(deps, services)),
    uncached: await listen(createShopApp(deps, uncachedServices)),
    adminToken: admin,
    variantId,
    lastTenVariantId: lastTen.variants[0]!.id,
  };
  // The checkout race's yardstick: as many plain INSERT ... RETURNING, all at once, on the same pool.
  process.on('message', () => {
    void (async () => {
      await sql`create table if not exists bench_insert (id bigint generated always as identity primary key, note text)`.execute(
        deps.db,
      );
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          sql`insert into bench_insert (note) values (${`race ${i}`}) returning id`.execute(deps.db),
        ),
      );
      process.send?.({ insertsPerSecond: 500 / ((performance.now() - started) / 1000) });
    })();
  });
  process.once('SIGTERM', () => {
    void stack.cleanup().finally(() => process.exit(0));
  });
  process.send?.(info);
}

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

async function rps(url: string): Promise<Load> {
  const result = await autocannon({ url, connections, duration: seconds / ROUNDS });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Mean req/s over the rounds, the worst round's p99, every error. */
function meanOf(loads: Load[]): Load {
  return {
    rps: loads.reduce((sum, l) => sum + l.rps, 0) / loads.length,
    p99: Math.max(...loads.map((l) => l.p99)),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
  };
}

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const ADDRESS = { name: 'Bench', line1: '1 Load St', city: 'Loop', postalCode: '1', country: 'DE' };

async function cartWith(shop: string, variantId: string): Promise<string> {
  const res = await post(`${shop}/api/v1/cart/items`, { variantId, quantity: 1 });
  return res.headers.get('x-cart-token') ?? '';
}

async function checkoutRace(info: ServerInfo) {
  const carts = [];
  for (let i = 0; i < 500; i += 50)
    carts.push(...(await Promise.all(Array.from({ length: 50 }, () => cartWith(info.shop, info.lastTenVariantId)))));
  const started = performance.now();
  const answers = await Promise.all(
    carts.map((cart, i) =>
      post(
        `${info.shop}/api/v1/checkout`,
        { email: `race${i}@example.test`, shippingAddress: ADDRESS },
        { 'x-cart-token': cart, 'idempotency-key': `race-${i}-${Date.now()}` },
      ),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const stock = (await (
    await fetch(`${info.shop}/api/v1/admin/variants/${info.lastTenVariantId}/stock`, {
      headers: { authorization: `Bearer ${info.adminToken}` },
    })
  ).json()) as { onHand: number; reserved: number };
  const orders = answers.filter((a) => a.status === 201).length;
  return {
    attemptsPerSecond: 500 / elapsed,
    orders,
    oversold: Math.max(0, orders - 10) + Math.max(0, stock.reserved - stock.onHand),
  };
}

async function insertLoop(child: ReturnType<typeof fork>): Promise<number> {
  const answer = new Promise<{ insertsPerSecond: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { insertsPerSecond: number })),
  );
  child.send('insert-loop');
  return (await answer).insertsPerSecond;
}

async function main(): Promise<void> {
  const results = path.join(__dirname, 'results');
  mkdirSync(path.join(results, 'profiles'), { recursive: true });
  const child = fork(__filename, [], {
    env: { ...process.env, BENCH_ROLE: 'server' },
    execArgv: [
      ...process.execArgv,
      ...(process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(results, 'profiles')}`] : []),
    ],
    stdio: ['ignore', openSync(path.join(tmpdir(), `shop-bench-${process.pid}.log`), 'w'), 'inherit', 'ipc'],
  });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.once('message', (m: Message) => resolve(m as ServerInfo));
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  try {
    await fetch(`${info.shop}${LIST}`);
    // Interleaved rounds: a burst of another process's load on this shared machine falls on all three.
    const totals = { bare: [] as Load[], cached: [] as Load[], uncached: [] as Load[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      totals.bare.push(await rps(`${info.bare}${LIST}`));
      totals.cached.push(await rps(`${info.shop}${LIST}`));
      totals.uncached.push(await rps(`${info.uncached}${LIST}`));
    }
    const bare = meanOf(totals.bare);
    const cached = meanOf(totals.cached);
    const uncached = meanOf(totals.uncached);
    const race = await checkoutRace(info);
    const inserts = await insertLoop(child);
    const row = (name: string, f: { rps: number; p99: number; errors: number }) => [
      name,
      Math.round(f.rps),
      f.p99,
      f.errors,
      (f.rps / bare.rps).toFixed(2),
    ];
    writeBenchReport(__dirname, {
      name: process.env.BENCH_REPORT_NAME ?? 'shop',
      title: 'Shop: cached catalog list and checkout race',
      method:
        `autocannon, ${connections} connections, ${seconds} s each in ${ROUNDS} interleaved rounds, loopback, list of 20 of 60 products; the shop ` +
        `logs at info (one access line per request) to stdout redirected to a file. Checkout race: 500 concurrent ` +
        `checkouts for the last 10 units, against 500 concurrent INSERT ... RETURNING on the same pool.`,
      tables: [
        {
          columns: ['scenario', 'req/s', 'p99 ms', 'errors', 'ratio to bare'],
          rows: [
            row('bare Express, the same JSON', bare),
            row('cached product list', cached),
            row('uncached product list (PostgreSQL)', uncached),
          ],
        },
        {
          columns: [
            'checkout race',
            'attempts/s',
            'orders for 10 units',
            'oversold',
            'INSERT ... RETURNING/s',
            'ratio',
          ],
          rows: [
            [
              '500 checkouts',
              Math.round(race.attemptsPerSecond),
              race.orders,
              race.oversold,
              Math.round(inserts),
              (race.attemptsPerSecond / inserts).toFixed(3),
            ],
          ],
        },
      ],
      notes: [
        `cached / bare ${(cached.rps / bare.rps).toFixed(2)} (goal >= 0.7)`,
        `cached / uncached ${(cached.rps / uncached.rps).toFixed(1)}x (goal >= 5x)`,
      ],
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

(process.env.BENCH_ROLE === 'server' ? serve() : main()).catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exit(1);
});
