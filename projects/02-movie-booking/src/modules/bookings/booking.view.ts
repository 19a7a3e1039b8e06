/** A stored booking as the API shows it: its status is the effective one (an ended hold reads expired). */
import type { Types } from 'mongoose';
import { effectiveStatus, type BookingStatus } from './booking-state.js';
import type { Booking } from './booking.schemas.js';

export interface BookingDoc {
  _id: Types.ObjectId;
  user: string;
  userEmail?: string | null;
  show: Types.ObjectId;
  seats: string[];
  amount: number;
  currency: string;
  status: BookingStatus;
  holdExpiresAt: Date;
  paymentReference?: string | null;
  idempotencyKey?: string | null;
  confirmationQueuedAt?: Date | null;
  createdAt: Date;
  confirmedAt?: Date | null;
  cancelledAt?: Date | null;
}

export function toBooking(doc: BookingDoc, now: Date): Booking {
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
