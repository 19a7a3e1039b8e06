/** The shop schema as Kysely sees it (migrations/shop is the source of truth; keep the two in step). */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { MessagingTables } from '../platform/messaging/tables.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T, T>;

export interface CategoriesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: Generated<Date>;
}

export interface ProductsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  description: Generated<string>;
  category_id: string | null;
  image_urls: Json<string[]>;
  published: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VariantsTable {
  id: Generated<string>;
  product_id: string;
  sku: string;
  options: Json<Record<string, string>>;
  price_minor: number;
  currency: string;
  on_hand: Generated<number>;
  reserved: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StockAdjustmentsTable {
  id: Generated<string>;
  variant_id: string;
  delta: number;
  on_hand_after: number;
  reason: string;
  actor_id: string;
  created_at: Generated<Date>;
}

export interface CartsTable {
  id: Generated<string>;
  user_id: string | null;
  status: Generated<'open' | 'merged'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CartItemsTable {
  cart_id: string;
  variant_id: string;
  quantity: number;
  added_at: Timestamp;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'delivered' | 'cancelled' | 'refunded';
export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'refund_pending' | 'refunded';
export type FulfillmentStatus = 'unfulfilled' | 'shipped' | 'delivered';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode: string;
  country: string;
}

export interface OrdersTable {
  id: string;
  number: Generated<string>;
  user_id: string | null;
  email: string;
  cart_id: string | null;
  status: OrderStatus;
  payment_status: PaymentStatus;
  fulfillment_status: FulfillmentStatus;
  currency: string;
  total_minor: number;
  shipping_address: Json<ShippingAddress>;
  tracking_number: string | null;
  reservation_expires_at: Timestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderLinesTable {
  id: Generated<string>;
  order_id: string;
  variant_id: string;
  product_id: string;
  sku: string;
  name: string;
  unit_price_minor: number;
  quantity: number;
}

export interface OrderHistoryTable {
  id: Generated<string>;
  order_id: string;
  version: number;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  payment_status: PaymentStatus;
  fulfillment_status: FulfillmentStatus;
  actor_type: 'customer' | 'admin' | 'system';
  actor_id: string | null;
  reason: string | null;
  created_at: Timestamp;
}

export interface ReservationsTable {
  id: Generated<string>;
  order_id: string;
  variant_id: string;
  quantity: number;
  status: Generated<'active' | 'released' | 'sold'>;
  expires_at: Timestamp;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  order_id: string;
  response: Json<unknown>;
  created_at: Timestamp;
}

export interface AdminAuditTable {
  id: Generated<string>;
  actor_id: string;
  actor_email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface ShopDatabase extends MessagingTables {
  admin_audit: AdminAuditTable;
  categories: CategoriesTable;
  products: ProductsTable;
  variants: VariantsTable;
  stock_adjustments: StockAdjustmentsTable;
  carts: CartsTable;
  cart_items: CartItemsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_history: OrderHistoryTable;
  reservations: ReservationsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type ProductRow = Selectable<ProductsTable>;
export type VariantRow = Selectable<VariantsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type NewVariant = Insertable<VariantsTable>;
