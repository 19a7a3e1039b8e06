/**
 * The order state machine, as Vendure keeps one: which status may follow which, and who may make each
 * move. Payment and fulfilment status live beside it (as Saleor keeps them) and follow from the moves.
 *
 *   pending_payment -> paid -> fulfilled (shipped) -> delivered
 *   pending_payment | paid -> cancelled;  paid | fulfilled | delivered -> refunded
 *   cancelled -> paid only for a late payment that could be re-reserved (system)
 */
import { ConflictError, ForbiddenError } from '@roadmap/core';
import type { OrderStatus } from '../../database.js';

export type ActorType = 'customer' | 'admin' | 'system';

export interface Actor {
  type: ActorType;
  id: string | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderStatus, readonly ActorType[]>>> = {
  pending_payment: { paid: ['system'], cancelled: ['customer', 'admin', 'system'] },
  paid: { fulfilled: ['admin'], cancelled: ['customer', 'admin'], refunded: ['admin'] },
  fulfilled: { delivered: ['admin'], refunded: ['admin'] },
  delivered: { refunded: ['admin'] },
  cancelled: { paid: ['system'] },
  refunded: {},
};

/** The statuses `actor` may move an order in `from` to. */
export function allowedTransitions(from: OrderStatus, actor: ActorType): OrderStatus[] {
  return (Object.entries(TRANSITIONS[from]) as [OrderStatus, readonly ActorType[]][])
    .filter(([, actors]) => actors.includes(actor))
    .map(([to]) => to);
}

/** 409 naming the current state when the move does not exist; 403 when it exists but not for `actor`. */
export function assertTransition(from: OrderStatus, to: OrderStatus, actor: ActorType): void {
  const actors = TRANSITIONS[from][to];
  if (!actors) {
    throw new ConflictError(`The order is ${from}; it cannot become ${to}.`, {
      extensions: { currentStatus: from, allowed: Object.keys(TRANSITIONS[from]) },
    });
  }
  if (!actors.includes(actor)) {
    throw new ForbiddenError(`A ${actor} cannot move an order from ${from} to ${to}.`, {
      extensions: { currentStatus: from },
    });
  }
}
