/**
 * The reports, each one SQL statement over the summaries that triggers keep in the transaction of
 * every order and cart change (migrations/shop/006_report_summaries.sql), so a report reads a few
 * hundred rows, not the orders: days come from generate_series, statuses from the status list, so
 * empty days and statuses count 0. Days are UTC days; a range is `from` to `to`, both included.
 * Low stock reads the variants themselves (the front of variants_saleable_idx).
 */
import { sql, type Kysely } from 'kysely';
import type { OrderStatus, ShopDatabase } from '../../database.js';
import { dailyThreshold, daysIn } from './top-products-bar.js';

const ORDER_STATUSES: OrderStatus[] = ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded'];

export interface DayRange {
  from: string;
  to: string;
}
export class ReportRepository {
  constructor(private readonly db: Kysely<ShopDatabase>) {}

  /** Paid orders and their revenue per day, by the UTC day each order was first paid. */
  async revenueByDay({ from, to }: DayRange, currency: string) {
    const { rows } = await sql<{ date: string; orders: string; revenue_minor: string }>`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS date, coalesce(sum(r.orders), 0) AS orders,
             coalesce(sum(r.revenue_minor), 0) AS revenue_minor
      FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
      LEFT JOIN report_revenue_days r ON r.day = d.day::date AND r.currency = ${currency}
      GROUP BY d.day
      ORDER BY d.day`.execute(this.db);
    return rows.map((row) => ({ date: row.date, orders: Number(row.orders), revenueMinor: Number(row.revenue_minor) }));
  }

  async ordersByStatus() {
    const { rows } = await sql<{ status: OrderStatus; count: string }>`
      SELECT s.status, coalesce(sum(r.orders), 0) AS count
      FROM unnest(${ORDER_STATUSES}::text[]) WITH ORDINALITY AS s(status, position)
      LEFT JOIN report_order_statuses r ON r.status = s.status
      GROUP BY s.status, s.position
      ORDER BY s.position`.execute(this.db);
    return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
  }

  /**
   * The `limit` best (product, currency) pairs of the orders placed in the range, without summing
   * every pair's days. A pair in the top `limit` has at least the `limit`-th best total of any
   * `limit` pairs (the bar, taken from the pairs leading each day), so on one of the range's n days
   * at least bar / n; only the pairs with such a day are summed (README "At scale", top products).
   * Two statements, so that the planner sees the threshold and estimates the candidates.
   */
  async topProducts({ from, to }: DayRange, by: 'units' | 'revenue', limit: number) {
    const figure = by === 'units' ? sql.ref('s.units') : sql.ref('s.revenue_minor');
    const days = daysIn({ from, to });
    const { rows: bars } = await sql<{ bar: string | null }>`
      WITH leaders AS (
        SELECT DISTINCT top.product_id, top.currency
        FROM generate_series(0, ${days - 1}) AS i CROSS JOIN LATERAL (
          SELECT s.product_id, s.currency FROM report_product_sales_days s
          WHERE s.day = ${from}::date + i ORDER BY ${figure} DESC LIMIT ${limit}
        ) top
      ),
      best AS (
        SELECT t.total FROM leaders l CROSS JOIN LATERAL (
          SELECT sum(${figure}) AS total FROM report_product_sales_days s
          WHERE s.product_id = l.product_id AND s.currency = l.currency AND s.day BETWEEN ${from}::date AND ${to}::date
        ) t
        ORDER BY t.total DESC LIMIT ${limit}
      )
      SELECT CASE WHEN count(*) = ${limit} THEN min(total) END AS bar FROM best`.execute(this.db);
    const threshold = dailyThreshold(Number(bars[0]?.bar ?? 0), days);
    const order = by === 'units' ? sql`units DESC, revenue_minor DESC` : sql`revenue_minor DESC, units DESC`;
    const { rows } = await sql<{
      product_id: string;
      name: string;
      currency: string;
      units: string;
      revenue_minor: string;
    }>`
      WITH candidates AS (
        SELECT DISTINCT c.product_id, c.currency
        FROM generate_series(0, ${days - 1}) AS i CROSS JOIN LATERAL (
          SELECT s.product_id, s.currency FROM report_product_sales_days s
          WHERE s.day = ${from}::date + i AND ${figure} >= ${threshold}
        ) c
      )
      SELECT c.product_id, p.name, c.currency, t.units, t.revenue_minor
      FROM candidates c
      CROSS JOIN LATERAL (
        SELECT sum(s.units) AS units, sum(s.revenue_minor) AS revenue_minor FROM report_product_sales_days s
        WHERE s.product_id = c.product_id AND s.currency = c.currency AND s.day BETWEEN ${from}::date AND ${to}::date
      ) t
      CROSS JOIN LATERAL (SELECT name FROM products WHERE id = c.product_id LIMIT 1) p
      WHERE t.units > 0
      ORDER BY ${order}, p.name
      LIMIT ${limit}`.execute(this.db);
    return rows.map((row) => ({
      productId: row.product_id,
      name: row.name,
      currency: row.currency,
      units: Number(row.units),
      revenueMinor: Number(row.revenue_minor),
    }));
  }

  async lowStock(threshold: number) {
    const { rows } = await sql<{
      variant_id: string;
      sku: string;
      product_id: string;
      product_name: string;
      on_hand: number;
      reserved: number;
    }>`
      SELECT v.id AS variant_id, v.sku, p.id AS product_id, p.name AS product_name, v.on_hand, v.reserved
      FROM variants v JOIN products p ON p.id = v.product_id
      WHERE v.on_hand - v.reserved <= ${threshold}
      ORDER BY v.on_hand - v.reserved, v.sku
      LIMIT 200`.execute(this.db);
    return rows.map((row) => ({
      variantId: row.variant_id,
      sku: row.sku,
      productId: row.product_id,
      productName: row.product_name,
      onHand: row.on_hand,
      reserved: row.reserved,
      saleable: row.on_hand - row.reserved,
    }));
  }

  /** Carts created in the range, how many became an order, and how many of those orders were paid. */
  async conversion({ from, to }: DayRange) {
    const { rows } = await sql<{ carts: string; converted: string; paid: string; to_order: string; to_paid: string }>`
      WITH figures AS (
        SELECT coalesce(sum(carts), 0) AS carts, coalesce(sum(converted_carts), 0) AS converted,
               coalesce(sum(paid_orders), 0) AS paid
        FROM report_cart_days WHERE day BETWEEN ${from}::date AND ${to}::date
      )
      SELECT carts, converted, paid,
             CASE WHEN carts = 0 THEN 0 ELSE round(converted::numeric / carts, 4) END AS to_order,
             CASE WHEN carts = 0 THEN 0 ELSE round(paid::numeric / carts, 4) END AS to_paid
      FROM figures`.execute(this.db);
    const row = rows[0]!;
    return {
      carts: Number(row.carts),
      convertedCarts: Number(row.converted),
      paidOrders: Number(row.paid),
      cartToOrderRate: Number(row.to_order),
      cartToPaidRate: Number(row.to_paid),
    };
  }
}
