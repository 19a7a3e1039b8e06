/**
 * Every change to an order goes through `changeOrder`: in the caller's transaction it updates the row
 * (version + 1), appends the history entry with the actor, and records `order.status_changed.v1`, so
 * the audit trail and the event stream cannot miss a change.
 */
import type { Transaction } from 'kysely';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { OrderRow, ShopDatabase } from '../../database.js';
import type { Actor } from './order-state.js';
import type { OrderChange, OrderRepository } from './order.repository.js';
import { orderRef } from './order.view.js';

export class OrderChanges {
  private readonly orders: OrderRepository;
  private readonly outbox: Outbox;

  constructor(deps: { orders: OrderRepository; outbox: Outbox }) {
    this.orders = deps.orders;
    this.outbox = deps.outbox;
  }

  async changeOrder(
    trx: Transaction<ShopDatabase>,
    before: OrderRow,
    change: OrderChange,
    actor: Actor,
    reason: string | null,
  ): Promise<OrderRow> {
    const after = await this.orders.update(trx, before.id, change);
    await this.recordHistory(trx, after, before.status, actor, reason);
    return after;
  }

  /** The history entry and status event of `order` as it now is (also used for a new order). */
  async recordHistory(
    trx: Transaction<ShopDatabase>,
    order: OrderRow,
    fromStatus: OrderRow['status'] | null,
    actor: Actor,
    reason: string | null,
  ): Promise<void> {
    await this.orders.appendHistory(trx, {
      order_id: order.id,
      version: order.version,
      from_status: fromStatus,
      to_status: order.status,
      payment_status: order.payment_status,
      fulfillment_status: order.fulfillment_status,
      actor_type: actor.type,
      actor_id: actor.id,
      reason,
    });
    await this.outbox.record(trx, 'order.status_changed.v1', {
      ...orderRef(order),
      status: order.status,
      paymentStatus: order.payment_status,
      fulfillmentStatus: order.fulfillment_status,
      actor,
      reason,
      totalMinor: order.total_minor,
      currency: order.currency,
    });
  }
}
