/**
 * One document per taken seat of a show. The unique index on (show, seat) is what makes double
 * selling impossible: of two inserts for the same seat, the database accepts exactly one, on MongoDB
 * and FerretDB alike. A `held` lock whose `expiresAt` has passed counts as free and is deleted by the
 * next hold that wants the seat (or by the sweeper), so expiry needs no TTL index. A lock with
 * `pendingUntil` belongs to a claim still taking the rest of its seats: it takes nobody's seat yet.
 */
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

export const SEAT_LOCK_STATES = ['held', 'booked', 'blocked'] as const;
export type SeatLockState = (typeof SEAT_LOCK_STATES)[number];

const seatLockSchema = new Schema(
  {
    show: { type: Schema.Types.ObjectId, ref: 'Show', required: true },
    seat: { type: String, required: true },
    state: { type: String, enum: SEAT_LOCK_STATES, required: true },
    /** The booking holding or owning the seat; absent for blocked seats. */
    booking: { type: Schema.Types.ObjectId, ref: 'Booking' },
    /** Only for `held`: after this instant the seat is free again. */
    expiresAt: { type: Date },
    /** The claim (one request's attempt to take a set of seats) that inserted the lock. */
    claim: { type: Schema.Types.ObjectId },
    /**
     * Set while that claim is still taking the rest of its seats; removed when it keeps them all. A
     * pending lock past this instant was left by a claim that died, and counts as free.
     */
    pendingUntil: { type: Date },
  },
  { timestamps: true },
);
seatLockSchema.index({ show: 1, seat: 1 }, { unique: true });
seatLockSchema.index({ booking: 1 });
seatLockSchema.index({ state: 1, expiresAt: 1 });

export type SeatLockModel = Model<InferSchemaType<typeof seatLockSchema>>;

export function createSeatLockModel(connection: Connection): SeatLockModel {
  return connection.model('SeatLock', seatLockSchema);
}
