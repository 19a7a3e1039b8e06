/**
 * `pnpm --filter @roadmap/ecommerce bench:scale`: the shop's reads and a checkout on the large catalog
 * of `pnpm seed:large` (100,000 products, 300,000 variants, 1,000,000 orders) and on its tenth
 * (`SEED_SCALE=0.1 pnpm seed:large`), so the growth shows. Asserts nothing.
 *
 * Each figure is N sequential calls after one warm-up, p50 and p95: full-text search with facets
 * (page 1 and page 50), product detail through the catalog cache (Redis) and without it, each admin
 * report over 90 days, and a checkout through HTTP (cart, then checkout). It then writes
 * `EXPLAIN (ANALYZE, BUFFERS)` of each search and report query at full size to
 * bench/results/at-scale-explain.md. Migrations added since the seed are applied first.
 *
 *   pnpm --filter @roadmap/ecommerce bench:scale     (BENCH_RUNS=20)
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestIssuer } from '@roadmap/auth/testing';
import { createLogger } from '@roadmap/core';
import { listen, timeCalls, writeBenchReport } from '@roadmap/testing';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import { Pool } from 'pg';
import { z } from 'zod';
import { systemClock } from '../src/platform/clock.js';
import { createDatabase } from '../src/platform/database.js';
import { migrateSchema } from '../src/platform/migrations.js';
import { infrastructureEnvShape } from '../src/platform/config.js';
import { Outbox } from '../src/platform/messaging/outbox.js';
import { createCacheRedis } from '../src/platform/runtime.js';
import { largeDatabaseUrl } from '../src/seed-large-url.js';
import { createShopApp, createShopServices } from '../src/shop/app.js';
import type { ShopDatabase } from '../src/shop/database.js';
import { ProductListQuerySchema } from '../src/shop/modules/catalog/product.schemas.js';
import { searchProducts } from '../src/shop/modules/catalog/product.search.js';
import { ReportRepository } from '../src/shop/modules/reports/index.js';

const env = z
  .object({
    DATABASE_URL: infrastructureEnvShape.DATABASE_URL,
    REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    BENCH_RUNS: z.coerce.number().int().positive().default(20),
  })
  .parse(process.env);

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const RANGE = { from: isoDay(new Date(Date.now() - 89 * DAY_MS)), to: isoDay(new Date()) };
const ADDRESS = { name: 'Bench', line1: '1 Scale St', city: 'Berlin', postalCode: '10115', country: 'DE' };

interface Figure {
  name: string;
  p50: number;
  p95: number;
}

/** A Kysely on its own pool that remembers the last query it ran (for EXPLAIN). */
function database(url: string) {
  const pool = new Pool({ connectionString: url, max: 10, options: '-c search_path=shop' });
  const seen: CompiledQuery[] = [];
  const db = new Kysely<ShopDatabase>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') seen.push(event.query);
    },
  });
  /** The queries `run` sent. */
  const queriesOf = async (run: () => Promise<unknown>) => {
    seen.length = 0;
    await run();
    return [...seen];
  };
  return { db, pool, queriesOf };
}

async function timed(name: string, runs: number, call: () => Promise<unknown>): Promise<Figure> {
  return { name, ...(await timeCalls(runs, call)) };
}

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res;
}

/** Every figure on one database; with `explain`, the plans of the search and report queries too. */
async function measure(url: string, explain: boolean): Promise<{ figures: Figure[]; plans: string[] }> {
  const logger = createLogger({ name: 'bench-scale', level: 'warn' });
  const { db, pool, queriesOf } = database(url);
  const redis = createCacheRedis(env.REDIS_URL, logger);
  const deadRedis = createCacheRedis('redis://127.0.0.1:1', logger);
  const prefix = `bench-scale-${process.pid}:`;
  const deps = (cache: typeof redis) => ({
    logger,
    db,
    redis: cache,
    verifier: createTestIssuer().verifier,
    outbox: new Outbox(systemClock),
    clock: systemClock,
    settings: {
      cartTokenSecret: 'bench-cart-token-secret-of-at-least-32-chars',
      reservationTtlSeconds: 900,
      lowStockThreshold: 3,
      cacheTtlSeconds: 300,
      paymentsUrl: 'http://payments.test',
      redisPrefix: prefix,
      rateLimitPerMinute: 1_000_000,
      checkoutRateLimitPerMinute: 1_000_000,
    },
  });
  const cached = createShopServices(deps(redis));
  const uncached = createShopServices(deps(deadRedis));
  const server = await listen(createShopApp(deps(redis), cached));
  const reports = new ReportRepository(db);
  const runs = env.BENCH_RUNS;
  const search = (page: number) =>
    ProductListQuerySchema.parse({ q: 'kettle', sort: '-relevance', page: String(page), limit: '20' });
  const { rows: picks } = await sql<{ slug: string; variant_id: string }>`
    select p.slug, v.id as variant_id from products p join variants v on v.product_id = p.id
    where p.published and v.on_hand > 400 order by p.slug limit 200`.execute(db);
  let n = 0;
  const plans: string[] = [];
  const plan = async (title: string, run: () => Promise<unknown>) => {
    if (!explain) return;
    const queries = await queriesOf(run);
    for (const [i, query] of queries.entries()) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, [
        ...query.parameters,
      ]);
      const part = queries.length > 1 ? ` (query ${i + 1} of ${queries.length})` : '';
      plans.push(`### ${title}${part}\n\n\`\`\`\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
    }
  };
  try {
    const figures = [
      await timed('search "kettle" with facets, page 1', runs, () => searchProducts(db, search(1))),
      await timed('search "kettle" with facets, page 50', runs, () => searchProducts(db, search(50))),
      await timed('product detail, cached', runs, () => cached.products.getPublished(picks[n++ % 10]!.slug)),
      await timed('product detail, uncached', runs, () => uncached.products.getPublished(picks[n++ % 200]!.slug)),
      await timed('report: revenue by day, 90 days', runs, () => reports.revenueByDay(RANGE, 'EUR')),
      await timed('report: orders by status', runs, () => reports.ordersByStatus()),
      await timed('report: top products by units, 90 days', runs, () => reports.topProducts(RANGE, 'units', 10)),
      await timed('report: low stock', runs, () => reports.lowStock(3)),
      await timed('report: conversion, 90 days', runs, () => reports.conversion(RANGE)),
      await timed('checkout (cart + checkout over HTTP)', runs, async () => {
        n += 1;
        const added = await post(`${server.url}/api/v1/cart/items`, {
          variantId: picks[n % picks.length]!.variant_id,
          quantity: 1,
        });
        const cart = added.headers.get('x-cart-token') ?? '';
        const done = await post(
          `${server.url}/api/v1/checkout`,
          { email: `scale${n}@example.test`, shippingAddress: ADDRESS },
          { 'x-cart-token': cart, 'idempotency-key': `scale-${process.pid}-${n}` },
        );
        if (done.status !== 201) throw new Error(`checkout answered ${done.status}`);
      }),
    ];
    await plan('search "kettle" with facets, page 1: page, category facet, price facet', () =>
      searchProducts(db, search(1)),
    );
    await plan('revenue by day, 90 days', () => reports.revenueByDay(RANGE, 'EUR'));
    await plan('orders by status', () => reports.ordersByStatus());
    await plan('top products by units, 90 days', () => reports.topProducts(RANGE, 'units', 10));
    await plan('low stock', () => reports.lowStock(3));
    await plan('conversion, 90 days', () => reports.conversion(RANGE));
    return { figures, plans };
  } finally {
    await server.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    deadRedis.disconnect();
    await db.destroy();
  }
}

/** True when `pnpm seed:large` made the database (this bench has nothing to measure without it). */
async function seeded(url: string): Promise<boolean> {
  const pool = new Pool({ connectionString: url, max: 1, options: '-c search_path=shop' });
  try {
    const { rows } = await pool.query<{ n: string }>('select count(*) as n from orders');
    return Number(rows[0]?.n) > 0;
  } catch {
    return false;
  } finally {
    await pool.end();
  }
}

/**
 * Applies the shop migrations a database seeded earlier does not have yet (new indexes, the reports'
 * summaries, backfilled by their migration), so the figures are those of the current schema.
 */
async function migrated(url: string): Promise<void> {
  const logger = createLogger({ name: 'bench-scale', level: 'warn' });
  const database = createDatabase<ShopDatabase>({
    url,
    schema: 'shop',
    maxConnections: 1,
    queryTimeoutMs: 0,
    statementTimeoutMs: 0,
    logger,
  });
  try {
    const { applied } = await migrateSchema(database.db, 'shop');
    if (applied.length > 0) process.stdout.write(`applied ${applied.join(', ')} to ${new URL(url).pathname}\n`);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  for (const scale of [1, 0.1]) {
    if (!(await seeded(largeDatabaseUrl(env.DATABASE_URL, scale)))) {
      process.stdout.write(
        `at-scale bench skipped: run \`SEED_SCALE=${scale} pnpm --filter @roadmap/ecommerce seed:large\` first\n`,
      );
      return;
    }
    await migrated(largeDatabaseUrl(env.DATABASE_URL, scale));
  }
  const full = await measure(largeDatabaseUrl(env.DATABASE_URL, 1), true);
  const tenth = await measure(largeDatabaseUrl(env.DATABASE_URL, 0.1), false);
  writeFileSync(
    path.join(__dirname, 'results', 'at-scale-explain.md'),
    `# EXPLAIN (ANALYZE, BUFFERS) at 100,000 products / 1,000,000 orders\n\n${full.plans.join('\n\n')}\n`,
  );
  writeBenchReport(__dirname, {
    name: 'at-scale',
    title: 'Shop at scale: 100,000 products, 300,000 variants, 1,000,000 orders (and a tenth of it)',
    method:
      `${env.BENCH_RUNS} sequential calls per figure after a warm-up, on the databases of \`seed:large\`; ` +
      `search and reports call their SQL directly, product detail goes through the catalog cache (Redis) or ` +
      `around it, checkout goes through HTTP. Reports cover the last 90 days.`,
    tables: [
      {
        columns: ['figure', 'p50 ms (1x)', 'p95 ms (1x)', 'p50 ms (0.1x)', 'p95 ms (0.1x)', 'p95 under 100 ms'],
        rows: full.figures.map((f, i) => [
          f.name,
          f.p50,
          f.p95,
          tenth.figures[i]!.p50,
          tenth.figures[i]!.p95,
          f.p95 < 100 ? 'yes' : 'no',
        ]),
      },
    ],
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
