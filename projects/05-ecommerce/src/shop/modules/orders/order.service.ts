/**
 * Moves orders along the state machine on behalf of customers, admins and the expiry job. Each move
 * is one transaction on the locked order row: status, stock, history and events together.
 */
import { ForbiddenError, NotFoundError } from '@roadmap/core';
import type { AuthUser } from '@roadmap/auth';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock.js';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { OrderRow, OrderStatus, ShopDatabase } from '../../database.js';
import type { AdminActor, AuditLog } from '../audit/index.js';
import { type InventoryService, unreserveLines } from '../inventory/index.js';
import type { OrderChanges } from './order-changes.js';
import { allowedTransitions, assertTransition, SYSTEM, type Actor } from './order-state.js';
import type { OrderChange, OrderRepository } from './order.repository.js';
import type {
  AdminOrderListQuery,
  Order,
  OrderHistoryEntry,
  OrderListQuery,
  TransitionInput,
} from './order.schemas.js';
import { orderRef, toHistoryEntry, toOrder } from './order.view.js';

export interface OrderViewer {
  user?: AuthUser | undefined;
  /** The guest cart of the request, which may have placed the order. */
  guestCartId?: string | undefined;
}

export interface OrderServiceDeps {
  db: Kysely<ShopDatabase>;
  orders: OrderRepository;
  changes: OrderChanges;
  inventory: InventoryService;
  outbox: Outbox;
  clock: Clock;
  audit: AuditLog;
}

export class OrderService {
  private readonly db: Kysely<ShopDatabase>;
  private readonly orders: OrderRepository;
  private readonly changes: OrderChanges;
  private readonly inventory: InventoryService;
  private readonly outbox: Outbox;
  private readonly clock: Clock;
  private readonly audit: AuditLog;

  constructor(deps: OrderServiceDeps) {
    this.db = deps.db;
    this.orders = deps.orders;
    this.changes = deps.changes;
    this.inventory = deps.inventory;
    this.outbox = deps.outbox;
    this.clock = deps.clock;
    this.audit = deps.audit;
  }

  async view(id: string): Promise<Order> {
    const row = await this.orders.find(id);
    if (!row) throw new NotFoundError(`Order ${id} does not exist.`);
    return toOrder(row, await this.orders.lines(id));
  }

  /** The order if `viewer` may see it: its user, the guest cart that placed it, or an admin; else 404. */
  async viewAs(id: string, viewer: OrderViewer): Promise<OrderRow> {
    const row = await this.orders.find(id);
    const owns =
      row !== undefined &&
      (viewer.user?.role === 'admin' ||
        (viewer.user !== undefined && row.user_id === viewer.user.id) ||
        (row.user_id === null && viewer.guestCartId !== undefined && row.cart_id === viewer.guestCartId));
    if (!row || !owns) throw new NotFoundError(`Order ${id} does not exist.`);
    return row;
  }

  async get(id: string, viewer: OrderViewer): Promise<Order> {
    const row = await this.viewAs(id, viewer);
    return toOrder(row, await this.orders.lines(id));
  }

  async history(id: string): Promise<OrderHistoryEntry[]> {
    return (await this.orders.history(id)).map(toHistoryEntry);
  }

  async list(filter: { userId?: string }, query: OrderListQuery & Partial<AdminOrderListQuery>) {
    const { rows, total } = await this.orders.page(
      {
        ...filter,
        ...(query.status ? { status: query.status } : {}),
        ...(query.paymentStatus ? { paymentStatus: query.paymentStatus } : {}),
        ...(query.q ? { q: query.q } : {}),
      },
      query.page,
      query.limit,
    );
    const lines = await this.orders.linesOf(rows.map((row) => row.id));
    return {
      data: rows.map((row) =>
        toOrder(
          row,
          lines.filter((line) => line.order_id === row.id),
        ),
      ),
      page: query.page,
      limit: query.limit,
      total,
      totalPages: total === 0 ? 0 : Math.ceil(total / query.limit),
    };
  }

  async adminDetail(id: string) {
    const order = await this.view(id);
    return {
      order,
      history: await this.history(id),
      allowedTransitions: allowedTransitions({ status: order.status, paymentStatus: order.paymentStatus }, 'admin'),
    };
  }

  async cancelByCustomer(id: string, viewer: OrderViewer, reason: string | undefined): Promise<Order> {
    const row = await this.viewAs(id, viewer);
    if (viewer.user?.role === 'admin' && row.user_id !== viewer.user.id) {
      throw new ForbiddenError('Admins move orders through /admin/orders/{id}/transitions.');
    }
    return this.transition(
      id,
      { to: 'cancelled', reason: reason ?? 'cancelled by the customer' },
      {
        type: 'customer',
        id: viewer.user?.id ?? null,
      },
    );
  }

  /**
   * An admin's move, audited in its transaction. `confirmMoneyBack` runs, on the locked order, before
   * a move that sends money back (a refund, or cancelling a paid order) and throws to refuse it: the
   * caller's step-up rule, decided on the order's state at that moment rather than on the request.
   */
  adminTransition(
    id: string,
    input: TransitionInput,
    admin: AdminActor,
    confirmMoneyBack: () => void = () => {},
  ): Promise<Order> {
    return this.transition(id, input, { type: 'admin', id: admin.id }, admin, confirmMoneyBack);
  }

  async transition(
    id: string,
    input: TransitionInput,
    actor: Actor,
    audited?: AdminActor,
    confirmMoneyBack: () => void = () => {},
  ): Promise<Order> {
    const effects = await this.db.transaction().execute(async (trx) => {
      const before = await this.orders.lock(trx, id);
      if (!before) throw new NotFoundError(`Order ${id} does not exist.`);
      assertTransition({ status: before.status, paymentStatus: before.payment_status }, input.to, actor.type);
      if (sendsMoneyBack(before, input.to)) confirmMoneyBack();
      const applied = await this.applyTransition(trx, before, input, actor);
      if (audited) {
        await this.audit.record(
          trx,
          audited,
          'order.transition',
          { type: 'order', id },
          { from: before.status, ...input },
        );
      }
      return applied;
    });
    await this.inventory.committed(effects);
    return this.view(id);
  }

  /** Expires one unpaid order whose reservation ran out (the Bull job and the sweep both call it). */
  async expire(id: string): Promise<boolean> {
    const effects = await this.db.transaction().execute(async (trx) => {
      const before = await this.orders.lock(trx, id);
      if (!before || before.status !== 'pending_payment') return undefined;
      if (new Date(before.reservation_expires_at) > this.clock.now()) return undefined;
      return this.applyTransition(trx, before, { to: 'cancelled', reason: 'the reservation expired' }, SYSTEM);
    });
    if (!effects) return false;
    await this.inventory.committed(effects);
    return true;
  }

  /** Expires every due order, in batches; several sweeps may run at once (SKIP LOCKED). */
  async expireDue(batch = 50): Promise<number> {
    let expired = 0;
    for (;;) {
      const ids = await this.db.transaction().execute((trx) => this.orders.expiredUnpaid(trx, this.clock.now(), batch));
      for (const id of ids) if (await this.expire(id)) expired += 1;
      if (ids.length < batch) return expired;
    }
  }

  /** Applies a move already checked against the state machine, in `trx` on the locked row `before`. */
  async applyTransition(
    trx: Transaction<ShopDatabase>,
    before: OrderRow,
    input: TransitionInput,
    actor: Actor,
    extra: OrderChange = {},
  ) {
    const to: OrderStatus = input.to;
    let availabilityChanged = false;
    const reason = input.reason ?? null;
    if (to === 'cancelled') {
      const reserved = await this.orders.activeReservations(trx, before.id);
      if (reserved.length > 0) {
        const levels = await unreserveLines(trx, reserved);
        await this.orders.resolveReservations(trx, before.id, 'released', this.clock.now());
        const released = (variantId: string) => reserved.find((r) => r.variantId === variantId)?.quantity ?? 0;
        ({ availabilityChanged } = await this.inventory.stockChanged(trx, levels, released));
      }
      const refundRequired = before.payment_status === 'paid';
      const after = await this.changes.changeOrder(
        trx,
        before,
        { status: 'cancelled', ...(refundRequired ? { payment_status: 'refund_pending' } : {}), ...extra },
        actor,
        reason,
      );
      await this.outbox.record(trx, 'order.cancelled.v1', {
        ...orderRef(after),
        reason: reason ?? 'cancelled',
        refundRequired,
      });
    } else if (to === 'fulfilled') {
      const after = await this.changes.changeOrder(
        trx,
        before,
        { status: 'fulfilled', fulfillment_status: 'shipped', tracking_number: input.trackingNumber ?? null },
        actor,
        reason,
      );
      await this.outbox.record(trx, 'order.fulfilled.v1', {
        ...orderRef(after),
        trackingNumber: after.tracking_number,
      });
    } else if (to === 'delivered') {
      await this.changes.changeOrder(
        trx,
        before,
        { status: 'delivered', fulfillment_status: 'delivered' },
        actor,
        reason,
      );
    } else if (to === 'refunded') {
      const after = await this.changes.changeOrder(
        trx,
        before,
        { status: 'refunded', payment_status: 'refund_pending' },
        actor,
        reason,
      );
      await this.outbox.record(trx, 'order.refund_requested.v1', {
        ...orderRef(after),
        reason: reason ?? 'refunded by an admin',
      });
    } else {
      // `paid` is reached only through payment events (PaymentOutcomes), which the state machine enforces.
      throw new ForbiddenError(`Orders become ${to} through their payment, not through this call.`);
    }
    return { availabilityChanged };
  }
}

/** A refund, or a cancel of an order already paid (which the payments service then refunds). */
export function sendsMoneyBack(order: Pick<OrderRow, 'payment_status'>, to: OrderStatus): boolean {
  return to === 'refunded' || (to === 'cancelled' && order.payment_status === 'paid');
}
