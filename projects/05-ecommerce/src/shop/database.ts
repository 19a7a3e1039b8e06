/**
 * The shop schema as Kysely sees it. The tables are generated from the migrations
 * (`database.generated.ts`, `pnpm db:types`); this file names the types of the columns the database
 * types loosely (statuses kept by a CHECK, `jsonb` documents), which db-types.ts maps them to.
 */
import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { MessagingTables } from '../platform/messaging/tables.js';
import type { DB } from './database.generated.js';

/** A `jsonb` column read and written as `T`. */
export type JsonColumn<T> = ColumnType<T, T, T>;

export type CartStatus = 'open' | 'merged';
export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'delivered' | 'cancelled' | 'refunded';
export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'refund_pending' | 'refunded';
export type FulfillmentStatus = 'unfulfilled' | 'shipped' | 'delivered';
export type ReservationStatus = 'active' | 'released' | 'sold';
export type ActorType = 'customer' | 'admin' | 'system';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode: string;
  country: string;
}

export interface ShopDatabase extends DB, MessagingTables {}

/** The tables the features name. */
export type AdminAuditTable = DB['admin_audit'];
export type OrdersTable = DB['orders'];
export type OrderLinesTable = DB['order_lines'];
export type OrderHistoryTable = DB['order_history'];
export type ReservationsTable = DB['reservations'];
export type StockAdjustmentsTable = DB['stock_adjustments'];

export type ProductRow = Selectable<ShopDatabase['products']>;
export type VariantRow = Selectable<ShopDatabase['variants']>;
export type OrderRow = Selectable<ShopDatabase['orders']>;
export type NewVariant = Insertable<ShopDatabase['variants']>;
