/**
 * The reports, each one SQL statement that aggregates in PostgreSQL and returns only the figures:
 * days come from generate_series, statuses from the status list, so empty days and statuses count 0.
 * Days are UTC days; a range is `from` to `to`, both included.
 */
import { sql, type Kysely } from 'kysely';
import type { OrderStatus, ShopDatabase } from '../../database.js';

/** Orders whose payment was captured and kept (not cancelled or refunded). */
const PAID_STATUSES = sql`('paid', 'fulfilled', 'delivered')`;
const ORDER_STATUSES: OrderStatus[] = ['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded'];

export interface DayRange {
  from: string;
  to: string;
}

const startOf = (day: string) => sql`(${day}::date)::timestamp AT TIME ZONE 'UTC'`;
const endOf = (day: string) => sql`(${day}::date + 1)::timestamp AT TIME ZONE 'UTC'`;

export class ReportRepository {
  constructor(private readonly db: Kysely<ShopDatabase>) {}

  /**
   * Orders and revenue per day, by the day each order was first paid. Only orders with a paid
   * transition in the range can have been first paid in it, so the range (index
   * order_history_paid_at_idx) picks the candidates before anything is aggregated.
   */
  async revenueByDay({ from, to }: DayRange, currency: string) {
    const { rows } = await sql<{ date: string; orders: string; revenue_minor: string }>`
      WITH first_paid AS (
        SELECT h.order_id, min(h.created_at) AS paid_at
        FROM order_history h
        WHERE h.to_status = 'paid' AND h.order_id IN (
          SELECT order_id FROM order_history
          WHERE to_status = 'paid' AND created_at >= ${startOf(from)} AND created_at < ${endOf(to)}
        )
        GROUP BY h.order_id
        HAVING min(h.created_at) >= ${startOf(from)}
      ),
      per_day AS (
        SELECT (f.paid_at AT TIME ZONE 'UTC')::date AS day, count(*) AS orders, sum(o.total_minor) AS revenue_minor
        FROM first_paid f JOIN orders o ON o.id = f.order_id
        WHERE o.status IN ${PAID_STATUSES} AND o.currency = ${currency}
        GROUP BY 1
      )
      SELECT to_char(d.day, 'YYYY-MM-DD') AS date, coalesce(p.orders, 0) AS orders, coalesce(p.revenue_minor, 0) AS revenue_minor
      FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
      LEFT JOIN per_day p ON p.day = d.day::date
      ORDER BY d.day`.execute(this.db);
    return rows.map((row) => ({ date: row.date, orders: Number(row.orders), revenueMinor: Number(row.revenue_minor) }));
  }

  async ordersByStatus() {
    const { rows } = await sql<{ status: OrderStatus; count: string }>`
      SELECT s.status, count(o.id) AS count
      FROM unnest(${ORDER_STATUSES}::text[]) WITH ORDINALITY AS s(status, position)
      LEFT JOIN orders o ON o.status = s.status
      GROUP BY s.status, s.position
      ORDER BY s.position`.execute(this.db);
    return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
  }

  async topProducts({ from, to }: DayRange, by: 'units' | 'revenue', limit: number) {
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
      WITH range_carts AS (
        SELECT c.id FROM carts c WHERE c.created_at >= ${startOf(from)} AND c.created_at < ${endOf(to)}
      ),
      figures AS (
        SELECT (SELECT count(*) FROM range_carts) AS carts,
               count(DISTINCT o.cart_id) AS converted,
               count(*) FILTER (WHERE o.payment_status IN ('paid', 'refund_pending', 'refunded')) AS paid
        FROM orders o JOIN range_carts r ON r.id = o.cart_id
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
