/**
 * Catalog search in one place, in plain SQL: full-text match on the generated tsvector (GIN index),
 * filters, sort, a page, and facets. Each facet ignores its own filter, so choosing a category still
 * shows the counts of the other categories.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ShopDatabase } from '../../database.js';
import type { ProductListQuery, ProductPage } from './product.schemas.js';

/** Price bands for the facet, in minor units; the last one is open-ended. */
export const PRICE_BANDS: readonly [number, number | null][] = [
  [0, 2_000],
  [2_000, 5_000],
  [5_000, 10_000],
  [10_000, 20_000],
  [20_000, null],
];

interface SummaryRow {
  id: string;
  slug: string;
  name: string;
  category_slug: string | null;
  category_name: string | null;
  image_urls: string[];
  min_price: number;
  max_price: number;
  currency: string;
  in_stock: boolean;
  total: string;
}

type Filter = 'category' | 'price' | 'stock';

const ORDER_BY: Record<string, RawBuilder<unknown>> = {
  price: sql`min_price asc, id`,
  '-price': sql`min_price desc, id`,
  name: sql`name asc, id`,
  '-name': sql`name desc, id`,
  createdAt: sql`created_at asc, id`,
  '-createdAt': sql`created_at desc, id`,
  relevance: sql`rank asc, id`,
  '-relevance': sql`rank desc, id`,
};

function summaries(query: ProductListQuery): RawBuilder<unknown> {
  const tsquery = query.q ? sql`websearch_to_tsquery('english', ${query.q})` : sql`null::tsquery`;
  return sql`
    select p.id, p.slug, p.name, p.created_at, p.image_urls,
           c.slug as category_slug, c.name as category_name,
           min(v.price_minor)::int as min_price, max(v.price_minor)::int as max_price, min(v.currency) as currency,
           bool_or(v.on_hand > v.reserved) as in_stock,
           ${query.q ? sql`ts_rank(p.search, ${tsquery})` : sql`0`} as rank
    from products p
    join variants v on v.product_id = p.id
    left join categories c on c.id = p.category_id
    where p.published ${query.q ? sql`and p.search @@ ${tsquery}` : sql``}
    group by p.id, c.id`;
}

function where(query: ProductListQuery, skip?: Filter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (skip !== 'stock' && query.inStock !== undefined) parts.push(sql`in_stock = ${query.inStock}`);
  if (skip !== 'category' && query.category) parts.push(sql`category_slug = ${query.category}`);
  if (skip !== 'price' && query.minPrice !== undefined) parts.push(sql`min_price >= ${query.minPrice}`);
  if (skip !== 'price' && query.maxPrice !== undefined) parts.push(sql`min_price <= ${query.maxPrice}`);
  return sql.join(parts, sql` and `);
}

export async function searchProducts(db: Kysely<ShopDatabase>, query: ProductListQuery): Promise<ProductPage> {
  const sortKey = `${query.sort.direction === 'desc' ? '-' : ''}${query.sort.field}`;
  const offset = (query.page - 1) * query.limit;
  const page = await sql<SummaryRow>`
    with s as (${summaries(query)})
    select *, count(*) over () as total from s where ${where(query)}
    order by ${ORDER_BY[sortKey] ?? ORDER_BY['-createdAt']!}
    limit ${query.limit} offset ${offset}`.execute(db);
  const categories = await sql<{ slug: string; name: string; count: string }>`
    with s as (${summaries(query)})
    select category_slug as slug, category_name as name, count(*) as count from s
    where category_slug is not null and ${where(query, 'category')}
    group by category_slug, category_name order by category_slug`.execute(db);
  const bands = await sql<{ band: number; count: string }>`
    with s as (${summaries(query)})
    select width_bucket(min_price, ${sql.raw(
      `array[${PRICE_BANDS.slice(1)
        .map(([min]) => min)
        .join(',')}]`,
    )}) as band,
           count(*) as count
    from s where ${where(query, 'price')} group by band`.execute(db);

  const stock = await sql<{ n: string }>`
    with s as (${summaries(query)})
    select count(*) as n from s where in_stock and ${where(query, 'stock')}`.execute(db);

  const total = page.rows.length > 0 ? Number(page.rows[0]!.total) : await countOnly(db, query);
  return {
    data: page.rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      category: row.category_slug,
      imageUrl: row.image_urls[0] ?? null,
      minPriceMinor: row.min_price,
      maxPriceMinor: row.max_price,
      currency: row.currency,
      inStock: row.in_stock,
    })),
    page: query.page,
    limit: query.limit,
    total,
    totalPages: total === 0 ? 0 : Math.ceil(total / query.limit),
    facets: {
      categories: categories.rows.map((row) => ({ slug: row.slug, name: row.name, count: Number(row.count) })),
      priceBands: PRICE_BANDS.map(([min, max], band) => ({
        min,
        max,
        count: Number(bands.rows.find((row) => row.band === band)?.count ?? 0),
      })),
      availability: { inStock: Number(stock.rows[0]?.n ?? 0) },
    },
  };
}

/** The total when the requested page is past the end (the window count has no row to ride on). */
async function countOnly(db: Kysely<ShopDatabase>, query: ProductListQuery): Promise<number> {
  const result = await sql<{ n: string }>`
    with s as (${summaries(query)}) select count(*) as n from s where ${where(query)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}
