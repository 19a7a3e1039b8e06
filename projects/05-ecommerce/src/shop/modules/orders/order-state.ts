/**
 * The order state machine, as Vendure keeps one: which status may follow which, and who may make each
 * move. Payment and fulfilment status live beside it (as Saleor keeps them) and follow from the moves.
 *
 *   pending_payment -> paid -> fulfilled (shipped) -> delivered
 *   pending_payment | paid -> cancelled;  paid | fulfilled | delivered -> refunded
 *   cancelled -> paid only for a late payment that could be re-reserved (system)
 *
 * A move may also need the money to be in: an order is shipped only while its payment is `paid`,
 * never once it is refunded or being refunded.
 */
import { ConflictError, defineStateMachine, ForbiddenError, type Refusal } from '@roadmap/core';
import type { OrderStatus, PaymentStatus } from '../../database.js';

export type ActorType = 'customer' | 'admin' | 'system';

export interface Actor {
  type: ActorType;
  id: string | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

/** What the rules look at: the order's status and its payment status. */
export interface OrderStanding {
  status: OrderStatus;
  paymentStatus: PaymentStatus;
}

const orders = defineStateMachine<OrderStatus, ActorType, OrderStanding>({
  transitions: {
    pending_payment: { paid: ['system'], cancelled: ['customer', 'admin', 'system'] },
    // `system`: a refund made at the provider (charge.refunded) refunds the order too.
    paid: { fulfilled: ['admin'], cancelled: ['customer', 'admin'], refunded: ['admin', 'system'] },
    fulfilled: { delivered: ['admin'], refunded: ['admin', 'system'] },
    delivered: { refunded: ['admin', 'system'] },
    cancelled: { paid: ['system'] },
    refunded: {},
  },
  // A move that also needs the payment in: an order is shipped only while its payment is `paid`.
  guards: { fulfilled: (order) => order.paymentStatus === 'paid' },
});

/** The statuses `actor` may move `order` to now. */
export function allowedTransitions(order: OrderStanding, actor: ActorType): OrderStatus[] {
  return orders.nextStates(order.status, { actor, context: order });
}

/**
 * 409 naming the current state when the move does not exist or the payment does not allow it; 403
 * when it exists but not for `actor`.
 */
export function assertTransition(order: OrderStanding, to: OrderStatus, actor: ActorType): void {
  const refusal = orders.refusal(order.status, to, { actor, context: order });
  if (refusal) throw refusalError(refusal, order, actor);
}

function refusalError(refusal: Refusal<OrderStatus, ActorType>, order: OrderStanding, actor: ActorType): Error {
  const { from, to } = refusal;
  switch (refusal.reason) {
    case 'no-move':
      return new ConflictError(`The order is ${from}; it cannot become ${to}.`, {
        extensions: { currentStatus: from, allowed: orders.targets(from) },
      });
    case 'actor':
      return new ForbiddenError(`A ${actor} cannot move an order from ${from} to ${to}.`, {
        extensions: { currentStatus: from },
      });
    case 'guard':
      return new ConflictError(`The order's payment is ${order.paymentStatus}; it cannot become ${to}.`, {
        extensions: {
          currentStatus: from,
          paymentStatus: order.paymentStatus,
          allowed: allowedTransitions(order, actor),
        },
      });
  }
}
