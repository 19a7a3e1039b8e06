/** The only file that queries orders, their lines, history and reservations. */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type {
  OrderHistoryTable,
  OrderLinesTable,
  OrderRow,
  OrdersTable,
  ReservationsTable,
  ShopDatabase,
} from '../../database.js';
import type { StockLine } from '../inventory/index.js';
import type { ActorType } from './order-state.js';

type Db = Kysely<ShopDatabase> | Transaction<ShopDatabase>;

export type OrderChange = Partial<
  Pick<OrderRow, 'status' | 'payment_status' | 'fulfillment_status' | 'tracking_number'>
>;

export interface OrderFilter {
  userId?: string;
  status?: OrderRow['status'];
  paymentStatus?: OrderRow['payment_status'];
  /** An order number, or part of an email. */
  q?: string;
}

export class OrderRepository {
  constructor(private readonly db: Kysely<ShopDatabase>) {}

  async find(id: string, db: Db = this.db): Promise<OrderRow | undefined> {
    return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Writes a new order with its lines and their reservations (checkout, in its transaction). */
  async create(
    trx: Transaction<ShopDatabase>,
    order: Insertable<OrdersTable>,
    lines: Omit<Insertable<OrderLinesTable>, 'order_id'>[],
    reservations: Omit<Insertable<ReservationsTable>, 'order_id'>[],
  ) {
    const row = await trx.insertInto('orders').values(order).returningAll().executeTakeFirstOrThrow();
    const orderLines = await trx
      .insertInto('order_lines')
      .values(lines.map((line) => ({ ...line, order_id: row.id })))
      .returningAll()
      .execute();
    await trx
      .insertInto('reservations')
      .values(reservations.map((reservation) => ({ ...reservation, order_id: row.id })))
      .execute();
    return { order: row, lines: orderLines };
  }

  /** Appends an entry to the order's history. */
  async appendHistory(trx: Transaction<ShopDatabase>, entry: Insertable<OrderHistoryTable>): Promise<void> {
    await trx.insertInto('order_history').values(entry).execute();
  }

  /** Locks the order row for the rest of the transaction: changes to one order happen one at a time. */
  async lock(trx: Transaction<ShopDatabase>, id: string): Promise<OrderRow | undefined> {
    return trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** Applies `change` and bumps the version; answers the new row. */
  async update(trx: Transaction<ShopDatabase>, id: string, change: OrderChange): Promise<OrderRow> {
    return trx
      .updateTable('orders')
      .set({ ...change, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** `ids`, or the `limit` most recently changed orders, of `userId` when given (the live view's catch-up). */
  async recent(filter: { userId?: string; ids?: string[]; limit: number }): Promise<OrderRow[]> {
    let query = this.db.selectFrom('orders').selectAll();
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return [];
      query = query.where('id', 'in', filter.ids);
    }
    return query.orderBy('updated_at', 'desc').orderBy('number', 'desc').limit(filter.limit).execute();
  }

  /** Whether any order was placed from an address at `domain` (the seed's demo customers). */
  async anyFromDomain(domain: string): Promise<boolean> {
    const found = await this.db
      .selectFrom('orders')
      .select('id')
      .where('email', 'like', `%@${domain}`)
      .limit(1)
      .executeTakeFirst();
    return found !== undefined;
  }

  async lines(orderId: string, db: Db = this.db) {
    return db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  }

  async linesOf(orderIds: string[]) {
    if (orderIds.length === 0) return [];
    return this.db.selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
  }

  async history(orderId: string) {
    return this.db.selectFrom('order_history').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  }

  /** Who made the order's latest move to `cancelled` (none if it never was cancelled). */
  async cancelledBy(trx: Transaction<ShopDatabase>, orderId: string): Promise<ActorType | undefined> {
    const row = await trx
      .selectFrom('order_history')
      .select('actor_type')
      .where('order_id', '=', orderId)
      .where('to_status', '=', 'cancelled')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.actor_type;
  }

  async activeReservations(trx: Transaction<ShopDatabase>, orderId: string): Promise<StockLine[]> {
    const rows = await trx
      .selectFrom('reservations')
      .select(['variant_id', 'quantity'])
      .where('order_id', '=', orderId)
      .where('status', '=', 'active')
      .execute();
    return rows.map((row) => ({ variantId: row.variant_id, quantity: row.quantity }));
  }

  async resolveReservations(trx: Transaction<ShopDatabase>, orderId: string, status: 'released' | 'sold', at: Date) {
    await trx
      .updateTable('reservations')
      .set({ status, resolved_at: at })
      .where('order_id', '=', orderId)
      .where('status', '=', 'active')
      .execute();
  }

  async page(filter: OrderFilter, page: number, limit: number) {
    let query = this.db.selectFrom('orders');
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.paymentStatus !== undefined) query = query.where('payment_status', '=', filter.paymentStatus);
    if (filter.q !== undefined) {
      const { q } = filter;
      query = /^\d{1,15}$/.test(q)
        ? query.where('number', '=', q)
        : query.where('email', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('number', 'desc')
        .limit(limit)
        .offset((page - 1) * limit)
        .execute(),
      query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Unpaid orders whose reservation has expired, locked and skipped by concurrent sweeps. */
  async expiredUnpaid(trx: Transaction<ShopDatabase>, now: Date, limit: number): Promise<string[]> {
    const rows = await trx
      .selectFrom('orders')
      .select('id')
      .where('status', '=', 'pending_payment')
      .where('reservation_expires_at', '<=', now)
      .orderBy('reservation_expires_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    return rows.map((row) => row.id);
  }
}
