/**
 * Holds and bookings. Seats are taken through SeatLocks (one unique lock per seat), so two users
 * never get the same seat; the booking document follows the state machine with conditional updates
 * (`findOneAndUpdate` filtered on the current status), so two concurrent transitions cannot both win.
 */
import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  NotFoundError,
  pageOffset,
  toMongoSort,
  toPage,
  ValidationError,
  type Page,
} from '@roadmap/core';
import { Types } from 'mongoose';
import type { Models } from '../../models.js';
import type { ShowService } from '../shows/show.service.js';
import { assertTransition, effectiveStatus, type BookingStatus } from './booking-state.js';
import { ConfirmationOutbox, type BookingNotifier } from './confirmation-outbox.js';
import type { Booking, BookingListQuery, Hold } from './booking.schemas.js';
import { toBooking, type BookingDoc } from './booking.view.js';
import { priceOfSeats } from './pricing.js';
import { seatsPhrase, type SeatLocks } from './seat-locks.js';

const MINUTE_MS = 60_000;
/** How long a late confirm may take to re-take its seats before another request may try. */
const RETAKE_LEASE_MS = 30_000;

export type { BookingNotifier } from './confirmation-outbox.js';

export interface BookingRules {
  holdMinutes: number;
  maxSeatsPerHold: number;
  cancellationCutoffMinutes: number;
}

export interface BookingServiceOptions {
  models: Models;
  seatLocks: SeatLocks;
  shows: ShowService;
  notifier: BookingNotifier;
  rules: BookingRules;
  now: () => Date;
}

export interface BookingCaller {
  id: string;
  email?: string;
}

export class BookingService {
  private readonly models: Models;
  private readonly seatLocks: SeatLocks;
  private readonly shows: ShowService;
  private readonly confirmations: ConfirmationOutbox;
  private readonly rules: BookingRules;
  private readonly now: () => Date;

  constructor(options: BookingServiceOptions) {
    this.models = options.models;
    this.seatLocks = options.seatLocks;
    this.shows = options.shows;
    this.confirmations = new ConfirmationOutbox(options.models, options.notifier, options.now);
    this.rules = options.rules;
    this.now = options.now;
  }

  /** Holds every requested seat or none; 409 names the seats someone else has. */
  async hold(caller: BookingCaller, showId: string, seats: readonly string[]): Promise<Hold> {
    if (seats.length > this.rules.maxSeatsPerHold) {
      throw new ValidationError([
        { field: 'body.seats', message: `hold at most ${this.rules.maxSeatsPerHold} seats at once` },
      ]);
    }
    const { show, rows } = await this.shows.findWithLayout(showId);
    const now = this.now();
    if (show.startsAt <= now) throw new ConflictError('This show has already started; its seats are no longer sold.');
    const amount = priceOfSeats(this.shows.locate(rows, seats), show.prices);
    const bookingId = new Types.ObjectId();
    const holdExpiresAt = new Date(now.getTime() + this.rules.holdMinutes * MINUTE_MS);
    const claim = await this.seatLocks.claim({
      show: show._id,
      seats,
      state: 'held',
      booking: bookingId,
      expiresAt: holdExpiresAt,
      now,
    });
    if (!claim.ok) {
      throw new ConflictError(`${seatsPhrase(claim.takenSeats)} already taken; nothing was held.`, {
        extensions: { takenSeats: claim.takenSeats },
      });
    }
    try {
      const doc = await this.models.Booking.create({
        _id: bookingId,
        user: caller.id,
        ...(caller.email ? { userEmail: caller.email } : {}),
        show: show._id,
        seats: [...seats].sort(),
        amount,
        status: 'held',
        holdExpiresAt,
      });
      const booking = toBooking(doc.toObject(), now);
      return { ...booking, holdId: booking.id };
    } catch (err) {
      await this.seatLocks.releaseBooking(bookingId);
      throw err;
    }
  }

  /** Gives a held hold's seats back at once. */
  async release(caller: BookingCaller, id: string): Promise<void> {
    const booking = await this.findOwned(caller, id);
    const status = effectiveStatus(booking.status, booking.holdExpiresAt, this.now());
    if (status !== 'held') {
      throw new ConflictError(`Only a held booking can be released; this one is ${status}.`, {
        extensions: { currentStatus: status },
      });
    }
    await this.transition(booking, status, 'cancelled', { cancelledAt: this.now() });
    await this.seatLocks.releaseBooking(booking._id);
  }

  /**
   * Pays (simulated) and confirms a hold. A retry carrying the same Idempotency-Key gets the same
   * booking back (`replayed`). If the hold has expired, its seats are re-held when still free;
   * otherwise the confirm is refused naming the seats that were sold meanwhile.
   */
  async confirm(
    caller: BookingCaller,
    id: string,
    idempotencyKey?: string,
  ): Promise<{ booking: Booking; replayed: boolean }> {
    const booking = await this.findOwned(caller, id);
    const replay = await this.replay(booking, idempotencyKey);
    if (replay) return replay;
    const status = effectiveStatus(booking.status, booking.holdExpiresAt, this.now());
    if (status === 'expired') {
      assertTransition('expired', 'held');
      // A late payment re-holds the seats, and a show that has started sells no more seats. Nothing is
      // written here: the expired hold's seats are already free to others.
      const startsAt = await this.showStart(booking);
      if (!startsAt || startsAt <= this.now()) {
        throw new ConflictError('The hold expired and the show has started; the payment is not taken.', {
          extensions: { currentStatus: 'expired' },
        });
      }
    } else assertTransition(status, 'confirmed');

    const lost = await this.seatLocks.convertToBooked(booking._id, booking.seats);
    if (lost.length > 0) {
      // The hold expired and its locks were freed: take those seats again if nobody else has. Only one
      // request per booking may do this at a time, since a failed attempt gives back every lock of the
      // booking and must not undo a concurrent retry that succeeded.
      if (!(await this.takeRetakeLease(booking._id))) {
        const current = await this.findOwned(caller, id);
        const concurrentReplay = await this.replay(current, idempotencyKey);
        if (concurrentReplay) return concurrentReplay;
        if (current.status === 'confirmed' || current.status === 'cancelled') {
          assertTransition(current.status, 'confirmed');
        }
        throw new ConflictError('Another confirmation of this hold is in progress; retry in a moment.', {
          extensions: { currentStatus: effectiveStatus(current.status, current.holdExpiresAt, this.now()) },
        });
      }
      const claim = await this.seatLocks.claim({
        show: booking.show,
        seats: lost,
        state: 'booked',
        booking: booking._id,
        now: this.now(),
      });
      if (!claim.ok) {
        await this.seatLocks.releaseBooking(booking._id);
        await this.models.Booking.updateOne(
          { _id: booking._id, status: { $in: ['held', 'expired'] } },
          { $set: { status: 'expired', expiredAt: this.now() }, $unset: { retakeLeaseUntil: 1 } },
        );
        throw new ConflictError(
          `The hold expired and seats ${claim.takenSeats.join(', ')} were sold meanwhile; the payment is not taken.`,
          { extensions: { takenSeats: claim.takenSeats, currentStatus: 'expired' } },
        );
      }
    }

    const confirmedAt = this.now();
    // The email lease comes with the confirmation, so neither a retry nor the sweep races this request.
    const confirmationLeaseUntil = this.confirmations.leaseFrom(confirmedAt);
    const confirmed = await this.models.Booking.findOneAndUpdate(
      { _id: booking._id, status: { $in: ['held', 'expired'] } },
      {
        $set: {
          status: 'confirmed',
          paymentReference: `pay_sim_${randomUUID()}`,
          confirmedAt,
          confirmationLeaseUntil,
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
        $unset: { retakeLeaseUntil: 1 },
      },
      { returnDocument: 'after' },
    ).lean<BookingDoc>();
    if (!confirmed) {
      // Another request changed the booking between our read and this update.
      const current = await this.findOwned(caller, id);
      const concurrentReplay = await this.replay(current, idempotencyKey);
      if (concurrentReplay) return concurrentReplay;
      if (current.status !== 'confirmed') await this.seatLocks.releaseBooking(booking._id);
      assertTransition(current.status, 'confirmed');
      throw new ConflictError('The booking changed while it was being confirmed; reload it.');
    }
    await this.confirmations.queueLeased(confirmed._id, confirmationLeaseUntil);
    return { booking: toBooking(confirmed, this.now()), replayed: false };
  }

  /** Cancels a booking before the cut-off; its seats become available at once. */
  async cancel(caller: BookingCaller, id: string): Promise<Booking> {
    const booking = await this.findOwned(caller, id);
    const now = this.now();
    const status = effectiveStatus(booking.status, booking.holdExpiresAt, now);
    assertTransition(status, 'cancelled');
    if (status === 'confirmed') {
      const startsAt = await this.showStart(booking);
      if (startsAt) {
        const cutoff = new Date(startsAt.getTime() - this.rules.cancellationCutoffMinutes * MINUTE_MS);
        if (now >= cutoff) {
          throw new ConflictError(
            `Bookings can be cancelled until ${this.rules.cancellationCutoffMinutes} minutes before the show (${cutoff.toISOString()}).`,
            { extensions: { cutoff: cutoff.toISOString() } },
          );
        }
      }
    }
    const cancelled = await this.transition(booking, status, 'cancelled', { cancelledAt: now });
    await this.seatLocks.releaseBooking(booking._id);
    return toBooking(cancelled, now);
  }

  async get(caller: BookingCaller, id: string): Promise<Booking> {
    return toBooking(await this.findOwned(caller, id), this.now());
  }

  async listMine(caller: BookingCaller, query: BookingListQuery): Promise<Page<Booking>> {
    const now = this.now();
    const filter: Record<string, unknown> = { user: caller.id };
    // Stored status lags behind the clock for holds the sweeper has not reached yet.
    if (query.status === 'held') Object.assign(filter, { status: 'held', holdExpiresAt: { $gt: now } });
    else if (query.status === 'expired') {
      filter.$or = [{ status: 'expired' }, { status: 'held', holdExpiresAt: { $lte: now } }];
    } else if (query.status) filter.status = query.status;
    const [docs, total] = await Promise.all([
      this.models.Booking.find(filter)
        .sort(toMongoSort(query.sort))
        .skip(pageOffset(query))
        .limit(query.limit)
        .lean<BookingDoc[]>(),
      this.models.Booking.countDocuments(filter),
    ]);
    return toPage(
      docs.map((doc) => toBooking(doc, now)),
      query,
      total,
    );
  }

  /** Marks ended holds expired and deletes their seat locks; returns the counts. */
  async sweepExpiredHolds(): Promise<{ bookings: number; locks: number }> {
    const now = this.now();
    const result = await this.models.Booking.updateMany(
      { status: 'held', holdExpiresAt: { $lte: now } },
      { $set: { status: 'expired', expiredAt: now } },
    );
    const locks = await this.seatLocks.sweepExpired(now);
    return { bookings: result.modifiedCount, locks };
  }

  /** Queues the confirmation emails that confirmed bookings still owe (see ConfirmationOutbox). */
  async queueOwedConfirmations(): Promise<{ queued: number; failed: number }> {
    return this.confirmations.sweep();
  }

  /**
   * Marks that this request is re-taking a late hold's seats; false while another request does. The
   * lease ends with the attempt, or after RETAKE_LEASE_MS if that request died midway.
   */
  private async takeRetakeLease(bookingId: Types.ObjectId): Promise<boolean> {
    const now = this.now();
    const result = await this.models.Booking.updateOne(
      {
        _id: bookingId,
        status: { $in: ['held', 'expired'] },
        $or: [{ retakeLeaseUntil: { $exists: false } }, { retakeLeaseUntil: { $lte: now } }],
      },
      { $set: { retakeLeaseUntil: new Date(now.getTime() + RETAKE_LEASE_MS) } },
    );
    return result.modifiedCount === 1;
  }

  /**
   * The replayed answer for a retry with the booking's Idempotency-Key. If the first confirm could not
   * queue the confirmation email, the retry queues it (one request wins the lease, so it is queued once).
   */
  private async replay(
    booking: BookingDoc,
    idempotencyKey: string | undefined,
  ): Promise<{ booking: Booking; replayed: true } | undefined> {
    if (booking.status !== 'confirmed' || idempotencyKey === undefined || booking.idempotencyKey !== idempotencyKey) {
      return undefined;
    }
    if (!booking.confirmationQueuedAt) await this.confirmations.queueIfOwed(booking._id);
    return { booking: toBooking(booking, this.now()), replayed: true };
  }

  /** Moves the booking from `from` to `to` only if nobody moved it first; 409 otherwise. */
  private async transition(
    booking: BookingDoc,
    from: BookingStatus,
    to: BookingStatus,
    changes: Record<string, unknown>,
  ): Promise<BookingDoc> {
    assertTransition(from, to);
    const stored: BookingStatus = from === 'expired' ? booking.status : from;
    const updated = await this.models.Booking.findOneAndUpdate(
      { _id: booking._id, status: stored, ...(from === 'held' ? { holdExpiresAt: { $gt: this.now() } } : {}) },
      { $set: { status: to, ...changes } },
      { returnDocument: 'after' },
    ).lean<BookingDoc>();
    if (!updated) {
      const current = await this.models.Booking.findById(booking._id).lean<BookingDoc>();
      const now = this.now();
      const currentStatus = current ? effectiveStatus(current.status, current.holdExpiresAt, now) : 'cancelled';
      assertTransition(currentStatus, to);
      throw new ConflictError('The booking changed meanwhile; reload it and try again.');
    }
    return updated;
  }

  /** When the booking's show starts; undefined if the show is gone. */
  private async showStart(booking: BookingDoc): Promise<Date | undefined> {
    const show = await this.models.Show.findById(booking.show, { startsAt: 1 }).lean<{ startsAt: Date }>();
    return show?.startsAt;
  }

  private async findOwned(caller: BookingCaller, id: string): Promise<BookingDoc> {
    const booking = await this.models.Booking.findOne({ _id: id, user: caller.id }).lean<BookingDoc>();
    if (!booking) throw new NotFoundError(`Booking ${id} does not exist.`);
    return booking;
  }
}
