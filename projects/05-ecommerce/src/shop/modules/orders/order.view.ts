/** Stored orders -> API shapes. */
import type { Selectable } from 'kysely';
import type { OrderHistoryTable, OrderLinesTable, OrderRow } from '../../database.js';
import type { Order, OrderHistoryEntry } from './order.schemas.js';

export function toOrder(row: OrderRow, lines: Selectable<OrderLinesTable>[]): Order {
  return {
    id: row.id,
    number: Number(row.number),
    status: row.status,
    paymentStatus: row.payment_status,
    fulfillmentStatus: row.fulfillment_status,
    email: row.email,
    currency: row.currency,
    totalMinor: row.total_minor,
    lines: lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      unitPriceMinor: line.unit_price_minor,
      quantity: line.quantity,
      lineTotalMinor: line.unit_price_minor * line.quantity,
    })),
    shippingAddress: row.shipping_address,
    trackingNumber: row.tracking_number,
    reservationExpiresAt: new Date(row.reservation_expires_at).toISOString(),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function toHistoryEntry(row: Selectable<OrderHistoryTable>): OrderHistoryEntry {
  return {
    version: row.version,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    paymentStatus: row.payment_status,
    fulfillmentStatus: row.fulfillment_status,
    actor: { type: row.actor_type, id: row.actor_id },
    reason: row.reason,
    at: new Date(row.created_at).toISOString(),
  };
}

/** The fields every order event carries. */
export function orderRef(row: OrderRow) {
  return {
    orderId: row.id,
    orderNumber: Number(row.number),
    userId: row.user_id,
    email: row.email,
    version: row.version,
  };
}

export function eventLines(lines: Selectable<OrderLinesTable>[]) {
  return lines.map((line) => ({
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPriceMinor: line.unit_price_minor,
  }));
}
