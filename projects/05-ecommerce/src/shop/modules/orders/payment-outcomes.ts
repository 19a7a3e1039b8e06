/**
 * What the shop does with payment events, in the consumer's inbox transaction (so a redelivered event
 * has no second effect). A success turns the reservation into a sale; a failure cancels and releases;
 * a success that arrives after the order expired re-sells the stock if it is still there, or asks for a
 * refund; a success for an order the customer or an admin cancelled is always refunded (a cancel that
 * was answered 200 is never undone). Either way nothing is ever sold twice: every stock move is a
 * conditional update under lock.
 */
import type { Logger } from '@roadmap/core';
import type { Kysely, Transaction } from 'kysely';
import { isEvent, type DomainEvent, type EventData } from '../../../contracts/events.js';
import type { Clock } from '../../../platform/clock.js';
import { handleOnce } from '../../../platform/messaging/inbox.js';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { OrderRow, ShopDatabase } from '../../database.js';
import { type InventoryService, sellReservedLines, sellUnreservedLines } from '../inventory/index.js';
import type { OrderChanges } from './order-changes.js';
import { allowedTransitions, SYSTEM } from './order-state.js';
import type { OrderRepository } from './order.repository.js';
import type { OrderService } from './order.service.js';
import { eventLines, orderRef } from './order.view.js';

type Trx = Transaction<ShopDatabase>;
type Effects = { availabilityChanged: boolean };
const NONE: Effects = { availabilityChanged: false };

export const SHOP_PAYMENT_CONSUMER = 'shop.payment-events';

export interface PaymentOutcomesDeps {
  db: Kysely<ShopDatabase>;
  orders: OrderRepository;
  orderService: OrderService;
  changes: OrderChanges;
  inventory: InventoryService;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
}

export class PaymentOutcomes {
  private readonly db: Kysely<ShopDatabase>;
  private readonly orders: OrderRepository;
  private readonly orderService: OrderService;
  private readonly changes: OrderChanges;
  private readonly inventory: InventoryService;
  private readonly outbox: Outbox;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(deps: PaymentOutcomesDeps) {
    this.db = deps.db;
    this.orders = deps.orders;
    this.orderService = deps.orderService;
    this.changes = deps.changes;
    this.inventory = deps.inventory;
    this.outbox = deps.outbox;
    this.clock = deps.clock;
    this.logger = deps.logger;
  }

  async handle(event: DomainEvent): Promise<void> {
    let effects = NONE;
    const handled = await handleOnce(this.db, SHOP_PAYMENT_CONSUMER, event, async (trx) => {
      if (isEvent(event, 'payment.succeeded.v1')) effects = await this.succeeded(trx, event.data);
      else if (isEvent(event, 'payment.failed.v1')) effects = await this.failed(trx, event.data);
      else if (isEvent(event, 'payment.refunded.v1')) await this.refunded(trx, event.data);
    });
    if (handled) await this.inventory.committed(effects);
    else this.logger.info({ eventId: event.id, type: event.type }, 'payment event already handled; skipped');
  }

  private async succeeded(trx: Trx, data: EventData<'payment.succeeded.v1'>): Promise<Effects> {
    const order = await this.orders.lock(trx, data.orderId);
    // Only money not yet accounted for: a retry after a decline still counts, a replayed success does not.
    if (!order || !['pending', 'failed'].includes(order.payment_status)) return NONE;
    const lines = await this.orders.lines(order.id, trx);
    if (order.status === 'pending_payment') {
      await sellReservedLines(trx, await this.orders.activeReservations(trx, order.id));
      await this.orders.resolveReservations(trx, order.id, 'sold', this.clock.now());
      const paid = await this.changes.changeOrder(
        trx,
        order,
        { status: 'paid', payment_status: 'paid' },
        SYSTEM,
        'payment succeeded',
      );
      await this.outbox.record(trx, 'order.paid.v1', this.paidData(paid, lines));
      return NONE;
    }
    // The order was cancelled before the money arrived. Cancelled by the customer or an admin, it
    // stays cancelled: they were told so, and the money goes back.
    const cancelledBy = await this.orders.cancelledBy(trx, order.id);
    if (cancelledBy !== 'system') {
      return this.refundLatePayment(
        trx,
        order,
        `payment arrived after the order was cancelled by the ${cancelledBy ?? 'shop'}`,
      );
    }
    // Cancelled by the shop itself (its reservation expired, or a first card was declined): the order
    // is sold after all if every unit can still be sold.
    const wanted = lines.map((line) => ({ variantId: line.variant_id, quantity: line.quantity }));
    const levels = await sellUnreservedLines(trx, wanted);
    if (levels) {
      const paid = await this.changes.changeOrder(
        trx,
        order,
        { status: 'paid', payment_status: 'paid' },
        SYSTEM,
        'payment arrived after the reservation expired; the stock was still there',
      );
      await this.outbox.record(trx, 'order.paid.v1', this.paidData(paid, lines));
      const sold = (variantId: string) => -(wanted.find((w) => w.variantId === variantId)?.quantity ?? 0);
      return this.inventory.stockChanged(trx, levels, sold);
    }
    return this.refundLatePayment(trx, order, 'payment arrived after the reservation expired and the stock is gone');
  }

  /** Keeps the cancelled `order` cancelled and asks the payments service to give the money back. */
  private async refundLatePayment(trx: Trx, order: OrderRow, why: string): Promise<Effects> {
    const refunding = await this.changes.changeOrder(
      trx,
      order,
      { payment_status: 'refund_pending' },
      SYSTEM,
      `${why}; refunding`,
    );
    await this.outbox.record(trx, 'order.refund_requested.v1', {
      ...orderRef(refunding),
      reason: `late payment: ${why}`,
    });
    return NONE;
  }

  private async failed(trx: Trx, data: EventData<'payment.failed.v1'>): Promise<Effects> {
    const order = await this.orders.lock(trx, data.orderId);
    if (!order || order.status !== 'pending_payment') return NONE;
    return this.orderService.applyTransition(
      trx,
      order,
      { to: 'cancelled', reason: `payment failed: ${data.code}` },
      SYSTEM,
      { payment_status: 'failed' },
    );
  }

  /**
   * A refund confirmed by the provider: asked for by the shop (the order is already refunded or
   * cancelled), or made at the provider itself (a paid, shipped or delivered order then becomes
   * refunded too, so it can no longer be shipped).
   */
  private async refunded(trx: Trx, data: EventData<'payment.refunded.v1'>): Promise<void> {
    const order = await this.orders.lock(trx, data.orderId);
    if (!order || order.payment_status === 'refunded') return;
    const refundsOrder = allowedTransitions(
      { status: order.status, paymentStatus: order.payment_status },
      'system',
    ).includes('refunded');
    const after = await this.changes.changeOrder(
      trx,
      order,
      { payment_status: 'refunded', ...(refundsOrder ? { status: 'refunded' as const } : {}) },
      SYSTEM,
      refundsOrder ? 'refunded at the payment provider' : 'refund confirmed',
    );
    await this.outbox.record(trx, 'order.refunded.v1', {
      ...orderRef(after),
      currency: after.currency,
      totalMinor: data.amountMinor,
    });
  }

  private paidData(
    order: Awaited<ReturnType<OrderRepository['update']>>,
    lines: Awaited<ReturnType<OrderRepository['lines']>>,
  ) {
    return {
      ...orderRef(order),
      currency: order.currency,
      totalMinor: order.total_minor,
      lines: eventLines(lines),
      paidAt: this.clock.now().toISOString(),
    };
  }
}
