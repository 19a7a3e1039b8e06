/**
 * The only code that queries the bookings collection. Every status change is one conditional update
 * filtered on the status read before, so of two concurrent transitions only one can win.
 */
import { findPage, type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { type Types, type Connection } from 'mongoose';
import type { BookingStatus } from './booking-state.js';
import { createBookingModel, type BookingModel, type BookingRecord } from './booking.model.js';

type BookingId = Types.ObjectId | string;

export type NewBooking = Pick<BookingRecord, 'user' | 'show' | 'seats' | 'amount' | 'status' | 'holdExpiresAt'> & {
  _id: Types.ObjectId;
  userEmail?: string;
};

export interface ConfirmationFields {
  paymentReference: string;
  confirmedAt: Date;
  /** The confirmation email's lease, taken with the confirmation itself. */
  confirmationLeaseUntil: Date;
  idempotencyKey?: string;
}

/** The bookings still owed a confirmation email, confirmed within [confirmedFrom, confirmedUntil]. */
export interface OwedConfirmations {
  now: Date;
  confirmedFrom: Date;
  confirmedUntil: Date;
  limit: number;
}

/** A confirmed booking that owes its email and that nobody is queueing right now. */
function owedAndFree(now: Date): Record<string, unknown> {
  return {
    status: 'confirmed',
    confirmationQueuedAt: { $exists: false },
    $or: [{ confirmationLeaseUntil: { $exists: false } }, { confirmationLeaseUntil: { $lte: now } }],
  };
}

export class BookingRepository {
  private readonly bookings: BookingModel;

  constructor(connection: Connection) {
    this.bookings = createBookingModel(connection);
  }

  async create(fields: NewBooking): Promise<BookingRecord> {
    const doc = await this.bookings.create(fields);
    return doc.toObject<BookingRecord>();
  }

  async findById(id: BookingId): Promise<BookingRecord | null> {
    return this.bookings.findById(id).lean<BookingRecord>();
  }

  /** The booking if it belongs to this user. */
  async findOwned(id: string, userId: string): Promise<BookingRecord | null> {
    return this.bookings.findOne({ _id: id, user: userId }).lean<BookingRecord>();
  }

  /**
   * Moves the booking from the stored status `from` to `to` with `changes`; with `heldAt`, only if
   * the hold has not expired by then. Null when the booking was not in that state.
   */
  async moveStatus(
    id: BookingId,
    from: BookingStatus,
    to: BookingStatus,
    changes: Record<string, unknown>,
    heldAt?: Date,
  ): Promise<BookingRecord | null> {
    return this.bookings
      .findOneAndUpdate(
        { _id: id, status: from, ...(heldAt ? { holdExpiresAt: { $gt: heldAt } } : {}) },
        { $set: { status: to, ...changes } },
        { returnDocument: 'after' },
      )
      .lean<BookingRecord>();
  }

  /** Confirms a held or expired booking; null if another request moved it first. */
  async confirm(id: BookingId, fields: ConfirmationFields): Promise<BookingRecord | null> {
    return this.bookings
      .findOneAndUpdate(
        { _id: id, status: { $in: ['held', 'expired'] } },
        { $set: { status: 'confirmed', ...fields }, $unset: { retakeLeaseUntil: 1 } },
        { returnDocument: 'after' },
      )
      .lean<BookingRecord>();
  }

  /** Marks that one request is re-taking a late hold's seats until `until`; false while another does. */
  async takeRetakeLease(id: BookingId, now: Date, until: Date): Promise<boolean> {
    const result = await this.bookings.updateOne(
      {
        _id: id,
        status: { $in: ['held', 'expired'] },
        $or: [{ retakeLeaseUntil: { $exists: false } }, { retakeLeaseUntil: { $lte: now } }],
      },
      { $set: { retakeLeaseUntil: until } },
    );
    return result.modifiedCount === 1;
  }

  /** A late confirm lost its seats: the booking stays (or becomes) expired and gives the lease back. */
  async expireAfterFailedRetake(id: BookingId, now: Date): Promise<void> {
    await this.bookings.updateOne(
      { _id: id, status: { $in: ['held', 'expired'] } },
      { $set: { status: 'expired', expiredAt: now }, $unset: { retakeLeaseUntil: 1 } },
    );
  }

  /**
   * A page of the user's bookings with the status a reader sees: stored status lags behind the clock
   * for holds the sweeper has not reached yet, so `held` and `expired` also compare the expiry.
   */
  async pageForUser(
    userId: string,
    status: BookingStatus | undefined,
    now: Date,
    request: PageRequest,
    sort: SortSpec,
  ): Promise<Page<BookingRecord>> {
    const filter: Record<string, unknown> = { user: userId };
    if (status === 'held') Object.assign(filter, { status: 'held', holdExpiresAt: { $gt: now } });
    else if (status === 'expired') {
      filter.$or = [{ status: 'expired' }, { status: 'held', holdExpiresAt: { $lte: now } }];
    } else if (status) filter.status = status;
    return findPage<BookingRecord>(this.bookings, filter, request, sort);
  }

  /** Marks holds that ended by `now` expired; answers how many. */
  async expireEndedHolds(now: Date): Promise<number> {
    const result = await this.bookings.updateMany(
      { status: 'held', holdExpiresAt: { $lte: now } },
      { $set: { status: 'expired', expiredAt: now } },
    );
    return result.modifiedCount;
  }

  /** What a show sold: bookings by state and the confirmed amount in cents. */
  async salesOf(
    showId: Types.ObjectId,
    now: Date,
  ): Promise<{ confirmed: number; cancelled: number; activeHolds: number; revenue: number }> {
    const [confirmed, cancelled, activeHolds] = await Promise.all([
      this.bookings.find({ show: showId, status: 'confirmed' }, { amount: 1 }).lean<{ amount: number }[]>(),
      this.bookings.countDocuments({ show: showId, status: 'cancelled' }),
      this.bookings.countDocuments({ show: showId, status: 'held', holdExpiresAt: { $gt: now } }),
    ]);
    const revenue = confirmed.reduce((sum, booking) => sum + booking.amount, 0);
    return { confirmed: confirmed.length, cancelled, activeHolds, revenue };
  }

  /** Takes the email lease if the booking still owes its email and nobody holds the lease. */
  async claimConfirmationLease(id: BookingId, now: Date, leaseUntil: Date): Promise<boolean> {
    const claimed = await this.bookings.updateOne(
      { _id: id, ...owedAndFree(now) },
      { $set: { confirmationLeaseUntil: leaseUntil } },
    );
    return claimed.modifiedCount === 1;
  }

  /** Gives the email lease back at once (queueing failed), if it is still the one taken. */
  async releaseConfirmationLease(id: BookingId, leaseUntil: Date): Promise<void> {
    await this.bookings.updateOne(
      { _id: id, confirmationLeaseUntil: leaseUntil },
      { $unset: { confirmationLeaseUntil: 1 } },
    );
  }

  async markConfirmationQueued(id: BookingId, at: Date): Promise<void> {
    await this.bookings.updateOne(
      { _id: id },
      { $set: { confirmationQueuedAt: at }, $unset: { confirmationLeaseUntil: 1 } },
    );
  }

  /** The ids of bookings that still owe their email and are free to queue, oldest confirmation first. */
  async findOwedConfirmations({
    now,
    confirmedFrom,
    confirmedUntil,
    limit,
  }: OwedConfirmations): Promise<Types.ObjectId[]> {
    const owed = await this.bookings
      .find({ ...owedAndFree(now), confirmedAt: { $lte: confirmedUntil, $gte: confirmedFrom } }, { _id: 1 })
      .sort({ confirmedAt: 1 })
      .limit(limit)
      .lean<{ _id: Types.ObjectId }[]>();
    return owed.map((booking) => booking._id);
  }

  async ensureIndexes(): Promise<void> {
    await this.bookings.createIndexes();
  }
}
