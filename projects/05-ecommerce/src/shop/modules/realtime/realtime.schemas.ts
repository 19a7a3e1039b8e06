/**
 * The Socket.io contract of the shop (path /socket.io, behind the edge /shop/socket.io): what a client
 * sends (validated here) and what the server emits. Every client message takes an ack callback that
 * answers `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`.
 *
 *   client -> server   auth {token}        replace the connection's access token (refresh)
 *                      order:join {orderId} follow one order (its owner or an admin only)
 *                      order:leave {orderId}
 *                      sync {orderIds?}     the current state of the caller's orders, to catch up after a reconnect
 *   server -> client   order.updated       rooms user:<id>, order:<id>, admin
 *                      inventory.low       room admin
 *                      payment.failed      room admin
 *                      auth:expired        the token ran out; the server disconnects right after
 */
import { z } from 'zod';
import type { FulfillmentStatus, OrderStatus, PaymentStatus } from '../../database.js';

export const ReauthSchema = z.strictObject({ token: z.string().min(1).max(8192) });
export const OrderRoomSchema = z.strictObject({ orderId: z.uuid() });
export const SyncRequestSchema = z.strictObject({ orderIds: z.array(z.uuid()).max(100).optional() });

/** One order as a live view shows it; `version` grows by one with every change of the order. */
export interface OrderUpdate {
  orderId: string;
  orderNumber: number;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  version: number;
  /** When the change was committed (the event's time; for a sync, the order's last update). */
  occurredAt: string;
  totalMinor?: number | undefined;
  currency?: string | undefined;
  /** The buyer's email, for admins' eyes (customers see their own). */
  email: string;
}

export interface InventoryLow {
  eventId: string;
  variantId: string;
  sku: string;
  saleable: number;
  threshold: number;
  occurredAt: string;
}

export interface PaymentFailed {
  eventId: string;
  paymentId: string;
  orderId: string;
  code: string;
  message: string;
  occurredAt: string;
}

/** Why a connection or a message was refused: the `data.code` of a connect_error, the `error.code` of an ack. */
export type RefusalCode =
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'token_wrong_audience'
  | 'token_wrong_issuer'
  | 'token_other_user'
  | 'auth_unavailable'
  | 'invalid_request'
  | 'forbidden'
  | 'unavailable';

export type Ack<T extends object = Record<never, never>> =
  ({ ok: true } & T) | { ok: false; error: { code: RefusalCode; message: string } };

type AckCallback<T extends object = Record<never, never>> = (answer: Ack<T>) => void;

/** Client messages: payloads are `unknown` until validated with the schemas above. */
export interface ClientToServerEvents {
  auth: (payload: unknown, ack?: AckCallback<{ expiresAt: string | null }>) => void;
  'order:join': (payload: unknown, ack?: AckCallback) => void;
  'order:leave': (payload: unknown, ack?: AckCallback) => void;
  sync: (payload: unknown, ack?: AckCallback<{ orders: OrderUpdate[] }>) => void;
}

export interface ServerToClientEvents {
  'order.updated': (update: OrderUpdate) => void;
  'inventory.low': (alert: InventoryLow) => void;
  'payment.failed': (alert: PaymentFailed) => void;
  'auth:expired': (reason: { code: RefusalCode; message: string }) => void;
}
