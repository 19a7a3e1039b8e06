/** A stored booking as the API shows it: its status is the effective one (an ended hold reads expired). */
import { effectiveStatus } from './booking-state.js';
import type { BookingRecord } from './booking.model.js';
import type { Booking } from './booking.schemas.js';

export function toBooking(doc: BookingRecord, now: Date): Booking {
  return {
    id: doc._id.toString(),
    showId: doc.show.toString(),
    seats: doc.seats,
    amount: doc.amount,
    currency: doc.currency,
    status: effectiveStatus(doc.status, doc.holdExpiresAt, now),
    expiresAt: doc.holdExpiresAt.toISOString(),
    ...(doc.paymentReference ? { paymentReference: doc.paymentReference } : {}),
    createdAt: doc.createdAt.toISOString(),
    ...(doc.confirmedAt ? { confirmedAt: doc.confirmedAt.toISOString() } : {}),
    ...(doc.cancelledAt ? { cancelledAt: doc.cancelledAt.toISOString() } : {}),
  };
}
