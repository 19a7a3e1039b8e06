/**
 * `pnpm seed:large`: a large catalog and order history for the at-scale bench, into a database of its
 * own (`<DATABASE_URL's name>_large`, or `_large_tenth` with SEED_SCALE=0.1): 100,000 products, 300,000
 * variants, 1,000,000 orders with their lines, history and carts, over the last 365 days. Set-based SQL
 * (generate_series), never row by row: minutes, not hours. Replaces what an earlier run left.
 *
 * The reports' summaries (migrations/shop/006_report_summaries.sql) fill as the rows go in: their
 * triggers are statement-level, so each insert below costs one set-based update of them.
 *
 * The skew is what a shop sees: a few categories hold most products (Zipf-like), a few products sell
 * most units (line variants drawn with random()^3), orders grow towards today, 80% end paid.
 *
 *   pnpm --filter @roadmap/ecommerce seed:large          (SEED_SCALE=0.1 for 10x less)
 */
import { createLogger, startOrExit } from '@roadmap/core';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { infrastructureEnvShape } from './platform/config.js';
import { createDatabase } from './platform/database.js';
import { migrateSchema } from './platform/migrations.js';
import { ensureDatabase } from './platform/runtime.js';
import { largeDatabaseUrl } from './seed-large-url.js';
import type { ShopDatabase } from './shop/database.js';

const env = z
  .object({
    DATABASE_URL: infrastructureEnvShape.DATABASE_URL,
    SEED_SCALE: z.coerce.number().positive().max(1).default(1),
    SEED_LARGE_DATABASE_URL: z.url().optional(),
  })
  .parse(process.env);

const ADJECTIVES = [
  'organic',
  'classic',
  'wireless',
  'compact',
  'vintage',
  'ergonomic',
  'stainless',
  'waterproof',
  'handmade',
  'portable',
  'premium',
  'lightweight',
  'bamboo',
  'ceramic',
  'leather',
  'cotton',
  'smart',
  'foldable',
];
const NOUNS = [
  'kettle',
  'backpack',
  'headphones',
  'lamp',
  'mug',
  'chair',
  'jacket',
  'notebook',
  'speaker',
  'blender',
  'sneakers',
  'watch',
  'tent',
  'pan',
  'keyboard',
  'scarf',
  'bottle',
  'desk',
  'pillow',
  'camera',
];

async function step(logger: ReturnType<typeof createLogger>, name: string, run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  logger.info({ step: name, seconds: Math.round((performance.now() - started) / 100) / 10 }, 'seeded');
}

async function seed(db: Kysely<ShopDatabase>, scale: number, logger: ReturnType<typeof createLogger>) {
  const products = Math.round(100_000 * scale);
  const orders = Math.round(1_000_000 * scale);
  const abandoned = Math.round(orders * 0.4);
  const run = (query: ReturnType<typeof sql>) => query.execute(db);
  await step(logger, 'wipe', () =>
    run(sql`truncate categories, products, variants, stock_adjustments, carts, cart_items, orders, order_lines,
                     order_history, reservations, idempotency_keys, admin_audit, outbox, report_order_statuses,
                     report_revenue_days, report_product_sales_days, report_cart_days restart identity cascade`),
  );
  await step(logger, 'categories', () =>
    run(sql`insert into categories (slug, name)
            select 'category-' || i, 'Category ' || i from generate_series(1, 50) i`),
  );
  // Zipf-like: category k holds about 1/k of the products.
  await step(logger, 'products', () =>
    run(sql`
      with c as (select id, row_number() over (order by slug) as k from categories)
      insert into products (slug, name, description, category_id, image_urls, published, created_at, updated_at)
      select 'product-' || i,
             initcap((${ADJECTIVES}::text[])[1 + i % ${ADJECTIVES.length}] || ' '
               || (${NOUNS}::text[])[1 + (i / 7) % ${NOUNS.length}]) || ' ' || i,
             'A ' || (${ADJECTIVES}::text[])[1 + (i / 3) % ${ADJECTIVES.length}] || ' '
               || (${NOUNS}::text[])[1 + i % ${NOUNS.length}] || ' for every day, made to last, with a two-year warranty.',
             c.id,
             array['https://picsum.photos/seed/p' || i || '/600/600'],
             random() < 0.95,
             now() - random() * interval '730 days',
             now()
      from generate_series(1, ${products}) i
      -- density 1/k over k = 1..50; the lateral's "0 * i" draws once per product, not once in all
      cross join lateral (select least(50, floor(exp(random() * ln(51)))::int + 0 * i) as k) r
      join c on c.k = r.k`),
  );
  await step(logger, 'variants', () =>
    run(sql`
      insert into variants (product_id, sku, options, price_minor, currency, on_hand, reserved)
      select p.id, 'SKU-' || p.slug || '-' || s.size, jsonb_build_object('size', s.size),
             (300 + exp(random() * 6) * 100)::int, 'EUR',
             case when random() < 0.05 then floor(random() * 4)::int else 5 + floor(random() * 500)::int end, 0
      from products p cross join unnest(array['S', 'M', 'L']) as s(size)`),
  );
  await step(logger, 'analyze catalog', () => run(sql`analyze categories, products, variants`));
  // Orders: numbered 1..n, dated with more towards today (sqrt), a cart each, 1-3 lines.
  await step(logger, 'order plan', () =>
    run(sql`
      create temporary table seed_orders on commit preserve rows as
      select n, gen_random_uuid() as id, gen_random_uuid() as cart_id,
             now() - (1 - sqrt(random())) * interval '365 days' as created_at,
             case when r < 0.55 then 'delivered' when r < 0.70 then 'fulfilled' when r < 0.80 then 'paid'
                  when r < 0.90 then 'cancelled' when r < 0.95 then 'refunded' else 'pending_payment' end as status
      from (select n, random() as r from generate_series(1, ${orders}) n) o`),
  );
  await step(logger, 'line plan', () =>
    run(sql`
      create temporary table seed_variants on commit preserve rows as
      select row_number() over (order by v.sku) as ord, v.id, v.product_id, v.sku, p.name, v.price_minor
      from variants v join products p on p.id = v.product_id;
      create unique index on seed_variants (ord);
      create temporary table seed_lines on commit preserve rows as
      select o.n, k, 1 + floor((select count(*) from seed_variants) * power(random(), 3))::bigint as ord,
             1 + floor(random() * 3)::int as quantity
      from seed_orders o cross join generate_series(1, 3) k
      where k <= 1 + o.n % 3`),
  );
  await step(logger, 'carts', () =>
    run(sql`
      insert into carts (id, user_id, status, created_at, updated_at)
      select cart_id, 'user-' || (n % 50000), 'merged', created_at - interval '10 minutes', created_at
      from seed_orders`),
  );
  await step(logger, 'abandoned carts', () =>
    run(sql`
      insert into carts (user_id, status, created_at, updated_at)
      select null, 'merged', now() - (1 - sqrt(random())) * interval '365 days', now()
      from generate_series(1, ${abandoned})`),
  );
  await step(logger, 'orders', () =>
    run(sql`
      insert into orders (id, user_id, email, cart_id, status, payment_status, fulfillment_status, currency,
                          total_minor, shipping_address, reservation_expires_at, version, created_at, updated_at)
      select o.id, 'user-' || (o.n % 50000), 'customer' || (o.n % 50000) || '@example.test', o.cart_id, o.status,
             case o.status when 'pending_payment' then 'pending' when 'cancelled' then 'failed'
                           when 'refunded' then 'refunded' else 'paid' end,
             case o.status when 'delivered' then 'delivered' when 'fulfilled' then 'shipped' else 'unfulfilled' end,
             'EUR', t.total, '{"name":"Large Seed","line1":"1 Scale St","city":"Berlin","postalCode":"10115","country":"DE"}',
             o.created_at + interval '15 minutes', case o.status when 'pending_payment' then 1 else 2 end,
             o.created_at, o.created_at
      from seed_orders o
      join (select l.n, sum(l.quantity * v.price_minor)::int as total
            from seed_lines l join seed_variants v on v.ord = l.ord group by l.n) t on t.n = o.n`),
  );
  await step(logger, 'order lines', () =>
    run(sql`
      insert into order_lines (order_id, variant_id, product_id, sku, name, unit_price_minor, quantity)
      select o.id, v.id, v.product_id, v.sku, v.name, v.price_minor, l.quantity
      from seed_lines l join seed_orders o on o.n = l.n join seed_variants v on v.ord = l.ord`),
  );
  await step(logger, 'order history', () =>
    run(sql`
      insert into order_history (order_id, version, from_status, to_status, payment_status, fulfillment_status,
                                 actor_type, actor_id, reason, created_at)
      select id, 1, null, 'pending_payment', 'pending', 'unfulfilled', 'customer', null, null, created_at
      from seed_orders;
      insert into order_history (order_id, version, from_status, to_status, payment_status, fulfillment_status,
                                 actor_type, actor_id, reason, created_at)
      select id, 2, 'pending_payment', case when status = 'cancelled' then 'cancelled' else 'paid' end,
             case when status = 'cancelled' then 'failed' else 'paid' end, 'unfulfilled', 'system', null, null,
             created_at + interval '2 minutes'
      from seed_orders where status <> 'pending_payment'`),
  );
  await step(logger, 'analyze', () =>
    run(sql`analyze carts, orders, order_lines, order_history, report_order_statuses, report_revenue_days,
                    report_product_sales_days, report_cart_days;
            drop table seed_orders, seed_variants, seed_lines`),
  );
  const counts = await sql<{ t: string; n: string }>`
    select 'products' as t, count(*) as n from products union all select 'variants', count(*) from variants
    union all select 'orders', count(*) from orders union all select 'order_lines', count(*) from order_lines
    union all select 'carts', count(*) from carts`.execute(db);
  logger.info(Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)])), 'large catalog seeded');
}

startOrExit(async () => {
  const logger = createLogger({ name: 'seed-large' });
  const url = env.SEED_LARGE_DATABASE_URL ?? largeDatabaseUrl(env.DATABASE_URL, env.SEED_SCALE);
  await ensureDatabase(url);
  // One connection: the temporary tables live in its session. No statement time limit for a seed.
  const database = createDatabase<ShopDatabase>({
    url,
    schema: 'shop',
    maxConnections: 1,
    queryTimeoutMs: 0,
    statementTimeoutMs: 0,
    logger,
  });
  try {
    await migrateSchema(database.db, 'shop');
    await seed(database.db, env.SEED_SCALE, logger);
  } finally {
    await database.close();
  }
});
