/**
 * Stock moves, each a conditional UPDATE inside the caller's transaction: a reservation succeeds only
 * if `on_hand - reserved` covers it at the moment the row is locked, never after a separate check.
 * Rows are touched in variant-id order so two checkouts cannot deadlock on each other.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { ShopDatabase, StockAdjustmentsTable } from '../../database.js';

export interface StockLine {
  variantId: string;
  quantity: number;
}

export interface StockLevel {
  variantId: string;
  sku: string;
  onHand: number;
  reserved: number;
}

type Trx = Transaction<ShopDatabase>;

const byVariant = (a: StockLine, b: StockLine) => a.variantId.localeCompare(b.variantId);

function level(row: { id: string; sku: string; on_hand: number; reserved: number }): StockLevel {
  return { variantId: row.id, sku: row.sku, onHand: row.on_hand, reserved: row.reserved };
}

/** Reserves each line; answers the new levels, or the first line that could not be covered. */
export async function reserveLines(
  trx: Trx,
  lines: StockLine[],
): Promise<{ ok: true; levels: StockLevel[] } | { ok: false; variantId: string }> {
  const levels: StockLevel[] = [];
  for (const line of [...lines].sort(byVariant)) {
    const row = await trx
      .updateTable('variants')
      .set({ reserved: sql`reserved + ${line.quantity}`, updated_at: new Date() })
      .where('id', '=', line.variantId)
      .where(sql<boolean>`on_hand - reserved >= ${line.quantity}`)
      .returning(['id', 'sku', 'on_hand', 'reserved'])
      .executeTakeFirst();
    if (!row) return { ok: false, variantId: line.variantId };
    levels.push(level(row));
  }
  return { ok: true, levels };
}

/** Gives reserved units back (expiry, cancellation, failed payment). */
export async function unreserveLines(trx: Trx, lines: StockLine[]): Promise<StockLevel[]> {
  const levels: StockLevel[] = [];
  for (const line of [...lines].sort(byVariant)) {
    const row = await trx
      .updateTable('variants')
      .set({ reserved: sql`reserved - ${line.quantity}`, updated_at: new Date() })
      .where('id', '=', line.variantId)
      .returning(['id', 'sku', 'on_hand', 'reserved'])
      .executeTakeFirstOrThrow();
    levels.push(level(row));
  }
  return levels;
}

/** Turns reserved units into a sale: they leave on-hand and reserved together. */
export async function sellReservedLines(trx: Trx, lines: StockLine[]): Promise<void> {
  for (const line of [...lines].sort(byVariant)) {
    await trx
      .updateTable('variants')
      .set({
        on_hand: sql`on_hand - ${line.quantity}`,
        reserved: sql`reserved - ${line.quantity}`,
        updated_at: new Date(),
      })
      .where('id', '=', line.variantId)
      .execute();
  }
}

/**
 * Sells units that are not reserved (a payment that arrived after its reservation expired), all or
 * nothing: every row is locked and checked before any is changed.
 */
export async function sellUnreservedLines(trx: Trx, lines: StockLine[]): Promise<StockLevel[] | undefined> {
  const sorted = [...lines].sort(byVariant);
  const rows = await trx
    .selectFrom('variants')
    .select(['id', 'sku', 'on_hand', 'reserved'])
    .where(
      'id',
      'in',
      sorted.map((line) => line.variantId),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
  const covered = sorted.every((line) => {
    const row = rows.find((r) => r.id === line.variantId);
    return row !== undefined && row.on_hand - row.reserved >= line.quantity;
  });
  if (!covered) return undefined;
  const levels: StockLevel[] = [];
  for (const line of sorted) {
    const row = await trx
      .updateTable('variants')
      .set({ on_hand: sql`on_hand - ${line.quantity}`, updated_at: new Date() })
      .where('id', '=', line.variantId)
      .returning(['id', 'sku', 'on_hand', 'reserved'])
      .executeTakeFirstOrThrow();
    levels.push(level(row));
  }
  return levels;
}

/** Changes on-hand by `delta` unless that would leave less on hand than is reserved. */
export async function adjustOnHand(trx: Trx, variantId: string, delta: number): Promise<StockLevel | undefined> {
  const row = await trx
    .updateTable('variants')
    .set({ on_hand: sql`on_hand + ${delta}`, updated_at: new Date() })
    .where('id', '=', variantId)
    .where(sql<boolean>`on_hand + ${delta} >= reserved`)
    .returning(['id', 'sku', 'on_hand', 'reserved'])
    .executeTakeFirst();
  return row ? level(row) : undefined;
}

/** The variant's stock as it is now, or undefined when there is no such variant. */
export async function findStockLevel(db: Kysely<ShopDatabase>, variantId: string): Promise<StockLevel | undefined> {
  const row = await db
    .selectFrom('variants')
    .select(['id', 'sku', 'on_hand', 'reserved'])
    .where('id', '=', variantId)
    .executeTakeFirst();
  return row ? level(row) : undefined;
}

export async function recordAdjustment(trx: Trx, adjustment: Insertable<StockAdjustmentsTable>): Promise<void> {
  await trx.insertInto('stock_adjustments').values(adjustment).execute();
}

/** The variant's latest adjustments, newest first. */
export async function recentAdjustments(db: Kysely<ShopDatabase>, variantId: string, limit: number) {
  return db
    .selectFrom('stock_adjustments')
    .selectAll()
    .where('variant_id', '=', variantId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Up to `limit` variants of published products with at least `available` units free, by SKU. */
export async function variantsWithAvailable(
  db: Kysely<ShopDatabase>,
  available: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('variants as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select('v.id')
    .where('p.published', '=', true)
    .where(sql<boolean>`v.on_hand - v.reserved >= ${available}`)
    .orderBy('v.sku')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
