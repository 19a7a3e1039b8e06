/**
 * When a provider event may change a payment. Events can arrive late, twice, or out of order; a
 * stale one must never move a payment backwards. An event is applied only if it is not older than the
 * newest one applied (provider time) and the move is a forward one: a success can only be refunded,
 * a cancellation and a refund are final, and a failure can still be followed by a retry.
 */
import { defineStateMachine } from '@roadmap/core';
import type { PaymentStatus } from '../../database.js';

/** The forward moves; the provider makes them all, so no actors and no guards. */
const payments = defineStateMachine<PaymentStatus>({
  transitions: {
    requires_payment_method: ['requires_action', 'processing', 'succeeded', 'failed', 'canceled'],
    requires_action: ['processing', 'succeeded', 'failed', 'canceled'],
    processing: ['requires_action', 'succeeded', 'failed', 'canceled'],
    failed: ['requires_action', 'processing', 'succeeded', 'canceled'],
    succeeded: ['refunded'],
    canceled: [],
    refunded: [],
  },
});

export type EventDecision = 'apply' | 'stale' | 'no_change';

export function decide(
  current: { status: PaymentStatus; lastEventAt: Date | null },
  next: PaymentStatus,
  eventAt: Date,
): EventDecision {
  if (current.status === next) return 'no_change';
  if (current.lastEventAt !== null && eventAt < current.lastEventAt) return 'stale';
  return payments.canMove(current.status, next) ? 'apply' : 'stale';
}

/** Statuses in which the customer may (re)try a payment method. */
export const CONFIRMABLE: readonly PaymentStatus[] = ['requires_payment_method', 'requires_action', 'failed'];
