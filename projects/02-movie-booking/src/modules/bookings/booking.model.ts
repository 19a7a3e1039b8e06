/**
 * A booking from hold to confirmation (or release, expiry, cancellation); its id is the hold id.
 * The confirmation email is written into the booking by the update that confirms it (`owedMail`),
 * until the mail path relays it to its own collection.
 */
import { withOwedMail } from '@roadmap/mail/mongo';
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';
import { BOOKING_STATUSES } from './booking-state.js';

const bookingSchema = new Schema(
  {
    /** The access token's `sub`. Users live in the auth service, so this is a plain string. */
    user: { type: String, required: true },
    userEmail: { type: String },
    show: { type: Schema.Types.ObjectId, ref: 'Show', required: true },
    seats: {
      type: [String],
      validate: { validator: (seats: string[]) => seats.length >= 1, message: 'a booking has at least one seat' },
    },
    /** Total in cents. */
    amount: { type: Number, required: true, min: 0 },
    currency: { type: String, required: true, default: 'USD' },
    status: { type: String, enum: BOOKING_STATUSES, required: true, default: 'held' },
    holdExpiresAt: { type: Date, required: true },
    paymentReference: { type: String },
    /** The Idempotency-Key of the confirm that succeeded; a retry with it gets this booking back. */
    idempotencyKey: { type: String },
    /** Set while one confirm re-takes the seats of an expired hold, so retries cannot undo it. */
    retakeLeaseUntil: { type: Date },
    confirmedAt: { type: Date },
    cancelledAt: { type: Date },
    expiredAt: { type: Date },
  },
  { timestamps: true },
);
bookingSchema.index({ user: 1, createdAt: -1 });
bookingSchema.index({ show: 1, status: 1 });
bookingSchema.index({ status: 1, holdExpiresAt: 1 });
withOwedMail(bookingSchema);

export type BookingModel = Model<InferSchemaType<typeof bookingSchema>>;
/** A stored booking as `.lean()` reads it: its fields (timestamps included) and its id. */
export type BookingRecord = InferRawDocTypeFromSchema<typeof bookingSchema>;

export function createBookingModel(connection: Connection): BookingModel {
  return connection.model('Booking', bookingSchema);
}
