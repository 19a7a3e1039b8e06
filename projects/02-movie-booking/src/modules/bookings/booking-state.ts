/**
 * The booking state machine. A hold is `held` until it is confirmed, released (-> cancelled) or
 * expires; a confirmed booking can only be cancelled. An expired hold goes back to `held` only when
 * a late payment re-holds its seats. Anything else is an illegal transition, answered with 409.
 */
import { ConflictError, defineStateMachine } from '@roadmap/core';

export const BOOKING_STATUSES = ['held', 'confirmed', 'cancelled', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

const bookings = defineStateMachine<BookingStatus>({
  transitions: {
    held: ['confirmed', 'cancelled', 'expired'],
    confirmed: ['cancelled'],
    cancelled: [],
    expired: ['held'],
  },
  refuse: ({ from, to }) =>
    new ConflictError(`A ${from} booking cannot become ${to}.`, {
      extensions: { currentStatus: from, requestedStatus: to },
    }),
});

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return bookings.canMove(from, to);
}

export function assertTransition(from: BookingStatus, to: BookingStatus): void {
  bookings.assertMove(from, to);
}

/** The status a reader sees: a hold past its expiry is expired, whether or not the sweeper ran. */
export function effectiveStatus(status: BookingStatus, holdExpiresAt: Date, now: Date): BookingStatus {
  return status === 'held' && holdExpiresAt.getTime() <= now.getTime() ? 'expired' : status;
}
