/**
 * The rules of the live view, apart from Socket.io: which rooms a user is in, who may follow an order
 * (its owner or an admin), and the catch-up state after a reconnect. Orders are reached through a
 * port (`LiveOrders`), which app.ts answers with the orders feature's repository.
 */
import type { AuthUser } from '@roadmap/auth';
import type { FulfillmentStatus, OrderStatus, PaymentStatus } from '../../database.js';
import type { OrderUpdate } from './realtime.schemas.js';
import { ADMIN_ROOM, orderRoom, userRoom } from './rooms.js';

/** The columns of an order a live view needs. */
export interface LiveOrderRow {
  id: string;
  number: string | number;
  user_id: string | null;
  email: string;
  status: OrderStatus;
  payment_status: PaymentStatus;
  fulfillment_status: FulfillmentStatus;
  version: number;
  total_minor: number;
  currency: string;
  updated_at: Date | string;
}

export interface LiveOrders {
  find(orderId: string): Promise<LiveOrderRow | undefined>;
  /** `ids` (all of them) or the `limit` most recently updated, of `userId` when given. */
  recent(filter: { userId?: string; ids?: string[]; limit: number }): Promise<LiveOrderRow[]>;
}

export const SYNC_LIMIT = 50;

export function toOrderUpdate(row: LiveOrderRow): OrderUpdate {
  return {
    orderId: row.id,
    orderNumber: Number(row.number),
    status: row.status,
    paymentStatus: row.payment_status,
    fulfillmentStatus: row.fulfillment_status,
    version: row.version,
    occurredAt: new Date(row.updated_at).toISOString(),
    totalMinor: row.total_minor,
    currency: row.currency,
    email: row.email,
  };
}

/** The rooms an order's update goes to: its owner's, its followers', and the admins'. */
export function orderUpdateRooms(orderId: string, userId: string | null): string[] {
  return [...(userId ? [userRoom(userId)] : []), orderRoom(orderId), ADMIN_ROOM];
}

export class RealtimeService {
  constructor(private readonly orders: LiveOrders) {}

  /** The rooms a connection joins when it authenticates as `user`. */
  roomsOf(user: AuthUser): string[] {
    return user.role === 'admin' ? [userRoom(user.id), ADMIN_ROOM] : [userRoom(user.id)];
  }

  /** An admin may follow any order, a customer only their own; an unknown order is nobody's. */
  async mayFollow(user: AuthUser, orderId: string): Promise<boolean> {
    const order = await this.orders.find(orderId);
    if (!order) return false;
    return user.role === 'admin' || (order.user_id !== null && order.user_id === user.id);
  }

  /** The current state of the caller's orders (the given ones, or the 50 most recently changed). */
  async sync(user: AuthUser, orderIds: string[] | undefined): Promise<OrderUpdate[]> {
    const rows = await this.orders.recent({
      ...(user.role === 'admin' ? {} : { userId: user.id }),
      ...(orderIds ? { ids: orderIds } : {}),
      limit: SYNC_LIMIT,
    });
    return rows.map(toOrderUpdate);
  }
}
