/**
 * Catalog search in one place, in plain SQL: full-text match on the generated tsvector (GIN index),
 * filters, sort, a page, and facets. Each facet ignores its own filter, so choosing a category still
 * shows the counts of the other categories. One statement: the matching products are read once and
 * the page, the total and the facets are all counted from that one set (README "At scale"). A
 * product's price range and number of variants are kept on it (migrations/shop/007_product_price_range.sql);
 * it is in stock unless all of them are among the few sold-out variants (variants_sold_out_idx).
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
  image_urls: string[];
  min_price: number;
  max_price: number;
  currency: string;
  in_stock: boolean;
}

interface SearchRow {
  page: SummaryRow[] | null;
  total: string;
  categories: { slug: string; name: string; count: number }[] | null;
  bands: { band: number; count: number }[] | null;
  in_stock: string;
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

/** The matching published products with what the page and the facets need, each read once. */
function summaries(query: ProductListQuery): RawBuilder<unknown> {
  const tsquery = sql`websearch_to_tsquery('english', ${query.q ?? ''})`;
  const ranked = query.q !== undefined && query.q !== '' && query.sort.field === 'relevance';
  return sql`
    select p.id, p.slug, p.name, p.created_at, p.image_urls,
           c.slug as category_slug, c.name as category_name,
           p.min_price_minor as min_price, p.max_price_minor as max_price, p.price_currency as currency,
           -- in stock unless all its variants are sold out
           coalesce(so.variants, 0) < p.variant_count as in_stock,
           ${ranked ? sql`ts_rank(p.search, ${tsquery})` : sql`0`} as rank
    from products p
    left join categories c on c.id = p.category_id
    left join sold_out so on so.product_id = p.id
    where p.published and p.min_price_minor is not null ${query.q ? sql`and p.search @@ ${tsquery}` : sql``}`;
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
  const order = ORDER_BY[sortKey] ?? ORDER_BY['-createdAt']!;
  const offset = (query.page - 1) * query.limit;
  const bandStarts = sql.raw(
    `array[${PRICE_BANDS.slice(1)
      .map(([min]) => min)
      .join(',')}]`,
  );
  const { rows } = await sql<SearchRow>`
    with sold_out as (
      select product_id, count(*) as variants from variants where on_hand <= reserved group by product_id
    ),
    s as materialized (${summaries(query)}),
    page as (select * from s where ${where(query)} order by ${order} limit ${query.limit} offset ${offset})
    select
      (select json_agg(page order by ${order}) from page) as page,
      (select count(*) from s where ${where(query)}) as total,
      (select json_agg(f order by f.slug) from (
        select category_slug as slug, category_name as name, count(*) as count from s
        where category_slug is not null and ${where(query, 'category')}
        group by category_slug, category_name) f) as categories,
      (select json_agg(b) from (
        select width_bucket(min_price, ${bandStarts}) as band, count(*) as count
        from s where ${where(query, 'price')} group by band) b) as bands,
      (select count(*) from s where in_stock and ${where(query, 'stock')}) as in_stock`.execute(db);
  const row = rows[0]!;
  const page = row.page ?? [];
  const total = Number(row.total);
  return {
    data: page.map((product) => ({
      id: product.id,
      slug: product.slug,
      name: product.name,
      category: product.category_slug,
      imageUrl: product.image_urls[0] ?? null,
      minPriceMinor: product.min_price,
      maxPriceMinor: product.max_price,
      currency: product.currency,
      inStock: product.in_stock,
    })),
    page: query.page,
    limit: query.limit,
    total,
    totalPages: total === 0 ? 0 : Math.ceil(total / query.limit),
    facets: {
      categories: (row.categories ?? []).map((facet) => ({ slug: facet.slug, name: facet.name, count: facet.count })),
      priceBands: PRICE_BANDS.map(([min, max], band) => ({
        min,
        max,
        count: row.bands?.find((facet) => facet.band === band)?.count ?? 0,
      })),
      availability: { inStock: Number(row.in_stock) },
    },
  };
}
