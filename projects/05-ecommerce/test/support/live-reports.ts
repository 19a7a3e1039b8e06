/**
 * The admin reports aggregated live from orders, order_lines, order_history and carts: the SQL the
 * reports ran before they read summaries (migrations/shop/006_report_summaries.sql). The tests hold
 * the summaries to it; it answers in the shape of the report endpoints' `data`.
 */
import { sql, type Kysely } from 'kysely';
import type { ShopDatabase } from '../../src/shop/database.js';

const PAID_STATUSES = sql`('paid', 'fulfilled', 'delivered')`;
const ORDER_STATUSES = ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded'];
const startOf = (day: string) => sql`(${day}::date)::timestamp AT TIME ZONE 'UTC'`;
const endOf = (day: string) => sql`(${day}::date + 1)::timestamp AT TIME ZONE 'UTC'`;

export interface LiveRange {
  from: string;
  to: string;
}

export function liveReports(db: Kysely<ShopDatabase>) {
  return {
    async revenue({ from, to }: LiveRange, currency: string) {
      const { rows } = await sql<{ date: string; orders: string; revenue_minor: string }>`
        WITH first_paid AS (
          SELECT order_id, min(created_at) AS paid_at FROM order_history WHERE to_status = 'paid' GROUP BY order_id
        ),
        per_day AS (
          SELECT (f.paid_at AT TIME ZONE 'UTC')::date AS day, count(*) AS orders, sum(o.total_minor) AS revenue_minor
          FROM first_paid f JOIN orders o ON o.id = f.order_id
          WHERE o.status IN ${PAID_STATUSES} AND o.currency = ${currency}
            AND f.paid_at >= ${startOf(from)} AND f.paid_at < ${endOf(to)}
          GROUP BY 1
        )
        SELECT to_char(d.day, 'YYYY-MM-DD') AS date, coalesce(p.orders, 0) AS orders,
               coalesce(p.revenue_minor, 0) AS revenue_minor
        FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
        LEFT JOIN per_day p ON p.day = d.day::date
        ORDER BY d.day`.execute(db);
      return rows.map((row) => ({
        date: row.date,
        orders: Number(row.orders),
        revenueMinor: Number(row.revenue_minor),
      }));
    },

    async ordersByStatus() {
      const { rows } = await sql<{ status: string; count: string }>`
        SELECT s.status, count(o.id) AS count
        FROM unnest(${ORDER_STATUSES}::text[]) WITH ORDINALITY AS s(status, position)
        LEFT JOIN orders o ON o.status = s.status
        GROUP BY s.status, s.position
        ORDER BY s.position`.execute(db);
      return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
    },

    async topProducts({ from, to }: LiveRange, by: 'units' | 'revenue', limit: number) {
      const order = by === 'units' ? sql`units DESC, revenue_minor DESC` : sql`revenue_minor DESC, units DESC`;
      const { rows } = await sql<{
        product_id: string;
        name: string;
        currency: string;
        units: string;
        revenue_minor: string;
      }>`
        SELECT l.product_id, p.name, o.currency, sum(l.quantity) AS units,
               sum(l.quantity::bigint * l.unit_price_minor) AS revenue_minor
        FROM order_lines l
        JOIN orders o ON o.id = l.order_id
        JOIN products p ON p.id = l.product_id
        WHERE o.status IN ${PAID_STATUSES} AND o.created_at >= ${startOf(from)} AND o.created_at < ${endOf(to)}
        GROUP BY l.product_id, p.name, o.currency
        ORDER BY ${order}, p.name
        LIMIT ${limit}`.execute(db);
      return rows.map((row) => ({
        productId: row.product_id,
        name: row.name,
        currency: row.currency,
        units: Number(row.units),
        revenueMinor: Number(row.revenue_minor),
      }));
    },

    async conversion({ from, to }: LiveRange) {
      const { rows } = await sql<{ carts: string; converted: string; paid: string; to_order: string; to_paid: string }>`
        WITH range_carts AS (
          SELECT id FROM carts WHERE created_at >= ${startOf(from)} AND created_at < ${endOf(to)}
        ),
        figures AS (
          SELECT (SELECT count(*) FROM range_carts) AS carts, count(DISTINCT o.cart_id) AS converted,
                 count(*) FILTER (WHERE o.payment_status IN ('paid', 'refund_pending', 'refunded')) AS paid
          FROM orders o JOIN range_carts r ON r.id = o.cart_id
        )
        SELECT carts, converted, paid,
               CASE WHEN carts = 0 THEN 0 ELSE round(converted::numeric / carts, 4) END AS to_order,
               CASE WHEN carts = 0 THEN 0 ELSE round(paid::numeric / carts, 4) END AS to_paid
        FROM figures`.execute(db);
      const row = rows[0]!;
      return {
        carts: Number(row.carts),
        convertedCarts: Number(row.converted),
        paidOrders: Number(row.paid),
        cartToOrderRate: Number(row.to_order),
        cartToPaidRate: Number(row.to_paid),
      };
    },
  };
}
