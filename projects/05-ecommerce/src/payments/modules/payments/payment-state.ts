/**
 * When a provider event may change a payment. Events can arrive late, twice, or out of order; a
 * stale one must never move a payment backwards. An event is applied only if it is not older than the
 * newest one applied (provider time) and the move is a forward one: a success can only be refunded,
 * a cancellation and a refund are final, and a failure can still be followed by a retry.
 */
import type { PaymentStatus } from '../../database.js';

const FORWARD: Record<PaymentStatus, readonly PaymentStatus[]> = {
  requires_payment_method: ['requires_action', 'processing', 'succeeded', 'failed', 'canceled'],
  requires_action: ['processing', 'succeeded', 'failed', 'canceled'],
  processing: ['requires_action', 'succeeded', 'failed', 'canceled'],
  failed: ['requires_action', 'processing', 'succeeded', 'canceled'],
  succeeded: ['refunded'],
  canceled: [],
  refunded: [],
};

export type EventDecision = 'apply' | 'stale' | 'no_change';

export function decide(
  current: { status: PaymentStatus; lastEventAt: Date | null },
  next: PaymentStatus,
  eventAt: Date,
): EventDecision {
  if (current.status === next) return 'no_change';
  if (current.lastEventAt !== null && eventAt < current.lastEventAt) return 'stale';
  return FORWARD[current.status].includes(next) ? 'apply' : 'stale';
}

/** Statuses in which the customer may (re)try a payment method. */
export const CONFIRMABLE: readonly PaymentStatus[] = ['requires_payment_method', 'requires_action', 'failed'];
