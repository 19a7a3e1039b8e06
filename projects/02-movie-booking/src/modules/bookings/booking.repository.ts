/**
 * The only code that queries the bookings collection. Every status change is one conditional update
 * filtered on the status read before, so of two concurrent transitions only one can win.
 */
import { type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import type { MailStore, OwedMail, OwedMailSource } from '@roadmap/mail';
import { embeddedMailSource, owedMailPush } from '@roadmap/mail/mongo';
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
  idempotencyKey?: string;
}

/** The name the mail path knows the bookings' owed mail by. */
export const BOOKING_MAIL_SOURCE = 'bookings';

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

  /**
   * Confirms a held or expired booking and records the email it owes (none when the token carried no
   * address), in one update; null if another request moved it first (and then no email is recorded).
   */
  async confirm(id: BookingId, fields: ConfirmationFields, email: OwedMail | undefined): Promise<BookingRecord | null> {
    return this.bookings
      .findOneAndUpdate(
        { _id: id, status: { $in: ['held', 'expired'] } },
        {
          $set: { status: 'confirmed', ...fields },
          $unset: { retakeLeaseUntil: 1 },
          ...(email ? owedMailPush(email, fields.confirmedAt) : {}),
        },
        { returnDocument: 'after' },
      )
      .lean<BookingRecord>();
  }

  /** Where the mail path finds the confirmation emails bookings owe (see `confirm`). */
  owedMailSource(store: MailStore): OwedMailSource {
    return embeddedMailSource(BOOKING_MAIL_SOURCE, this.bookings.collection, store);
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

  async ensureIndexes(): Promise<void> {
    await this.bookings.createIndexes();
  }
}
