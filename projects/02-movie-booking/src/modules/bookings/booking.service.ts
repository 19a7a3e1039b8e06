/**
 * Holds and bookings. Seats are taken through SeatLocks (one unique lock per seat), so two users
 * never get the same seat; the booking document follows the state machine with conditional updates
 * (`findOneAndUpdate` filtered on the current status), so two concurrent transitions cannot both win.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, FieldRuleError, mapPage, NotFoundError, type Page } from '@roadmap/core';
import { Types } from 'mongoose';
import { seatsPhrase, type SeatLockRepository } from '../seat-locks/index.js';
import { priceOfSeats, type ShowService } from '../shows/index.js';
import { assertTransition, effectiveStatus, type BookingStatus } from './booking-state.js';
import { confirmationEmail } from './booking.email.js';
import type { BookingRecord } from './booking.model.js';
import { BOOKING_MAIL_SOURCE, type BookingRepository } from './booking.repository.js';
import type { Booking, BookingListQuery, Hold } from './booking.schemas.js';
import { toBooking } from './booking.view.js';

const MINUTE_MS = 60_000;
/** How long a late confirm may take to re-take its seats before another request may try. */
const RETAKE_LEASE_MS = 30_000;

export interface BookingRules {
  holdMinutes: number;
  maxSeatsPerHold: number;
  cancellationCutoffMinutes: number;
}

/** The mail path, as bookings use it: relay a confirmed booking's owed email in the background. */
export interface OwedMailRelay {
  relaySoon(sourceName: string, id: unknown): void;
}

export interface BookingServiceOptions {
  bookings: BookingRepository;
  seatLocks: SeatLockRepository;
  shows: ShowService;
  mail: OwedMailRelay;
  rules: BookingRules;
  now: () => Date;
}

export interface BookingCaller {
  id: string;
  email?: string;
}

export class BookingService {
  private readonly bookings: BookingRepository;
  private readonly seatLocks: SeatLockRepository;
  private readonly shows: ShowService;
  private readonly mail: OwedMailRelay;
  private readonly rules: BookingRules;
  private readonly now: () => Date;

  constructor(options: BookingServiceOptions) {
    this.bookings = options.bookings;
    this.seatLocks = options.seatLocks;
    this.shows = options.shows;
    this.mail = options.mail;
    this.rules = options.rules;
    this.now = options.now;
  }

  /** Holds every requested seat or none; 409 names the seats someone else has. */
  async hold(caller: BookingCaller, showId: string, seats: readonly string[]): Promise<Hold> {
    if (seats.length > this.rules.maxSeatsPerHold) {
      throw new FieldRuleError([
        { field: 'body.seats', message: `hold at most ${this.rules.maxSeatsPerHold} seats at once` },
      ]);
    }
    const { show, rows } = await this.shows.findWithLayout(showId);
    const now = this.now();
    if (show.startsAt <= now) throw new ConflictError('This show has already started; its seats are no longer sold.');
    const amount = priceOfSeats(this.shows.locate(rows, seats), show.prices ?? {});
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
      const doc = await this.bookings.create({
        _id: bookingId,
        user: caller.id,
        ...(caller.email ? { userEmail: caller.email } : {}),
        show: show._id,
        seats: [...seats].sort(),
        amount,
        status: 'held',
        holdExpiresAt,
      });
      const booking = toBooking(doc, now);
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
   * Pays (simulated) and confirms a hold, recording its confirmation email in the same update. A
   * retry carrying the same Idempotency-Key gets the same booking back (`replayed`). A show that has
   * started sells no more seats, to a hold taken before it or not. If the hold has expired, its
   * seats are re-held when still free; otherwise the confirm is refused naming the seats sold meanwhile.
   */
  async confirm(
    caller: BookingCaller,
    id: string,
    idempotencyKey?: string,
  ): Promise<{ booking: Booking; replayed: boolean }> {
    const booking = await this.findOwned(caller, id);
    const replay = this.replay(booking, idempotencyKey);
    if (replay) return replay;
    const status = effectiveStatus(booking.status, booking.holdExpiresAt, this.now());
    // A late payment re-holds the seats; nothing is written before that: an expired hold's seats are
    // already free to others.
    if (status === 'expired') assertTransition('expired', 'held');
    else assertTransition(status, 'confirmed');
    const show = await this.shows.describe(booking.show);
    if (!show || show.startsAt <= this.now()) {
      const why = status === 'expired' ? 'The hold expired and the show has started' : 'The show has started';
      throw new ConflictError(`${why}; its seats are no longer sold and the payment is not taken.`, {
        extensions: { currentStatus: status },
      });
    }

    const lost = await this.seatLocks.convertToBooked(booking._id, booking.seats);
    if (lost.length > 0) {
      // The hold expired and its locks were freed: take those seats again if nobody else has. Only one
      // request per booking may do this at a time, since a failed attempt gives back every lock of the
      // booking and must not undo a concurrent retry that succeeded.
      if (!(await this.takeRetakeLease(booking._id))) {
        const current = await this.findOwned(caller, id);
        const concurrentReplay = this.replay(current, idempotencyKey);
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
        await this.bookings.expireAfterFailedRetake(booking._id, this.now());
        throw new ConflictError(
          `The hold expired and seats ${claim.takenSeats.join(', ')} were sold meanwhile; the payment is not taken.`,
          { extensions: { takenSeats: claim.takenSeats, currentStatus: 'expired' } },
        );
      }
    }

    const confirmedAt = this.now();
    const paymentReference = `pay_sim_${randomUUID()}`;
    const email = booking.userEmail
      ? confirmationEmail({
          bookingId: booking._id.toString(),
          to: booking.userEmail,
          ...show,
          seats: booking.seats,
          amount: booking.amount,
          currency: booking.currency,
          paymentReference,
        })
      : undefined;
    const confirmed = await this.bookings.confirm(
      booking._id,
      { paymentReference, confirmedAt, ...(idempotencyKey ? { idempotencyKey } : {}) },
      email,
    );
    if (!confirmed) {
      // Another request changed the booking between our read and this update.
      const current = await this.findOwned(caller, id);
      const concurrentReplay = this.replay(current, idempotencyKey);
      if (concurrentReplay) return concurrentReplay;
      if (current.status !== 'confirmed') await this.seatLocks.releaseBooking(booking._id);
      assertTransition(current.status, 'confirmed');
      throw new ConflictError('The booking changed while it was being confirmed; reload it.');
    }
    if (email) this.mail.relaySoon(BOOKING_MAIL_SOURCE, confirmed._id);
    return { booking: toBooking(confirmed, this.now()), replayed: false };
  }

  /** Cancels a booking before the cut-off; its seats become available at once. */
  async cancel(caller: BookingCaller, id: string): Promise<Booking> {
    const booking = await this.findOwned(caller, id);
    const now = this.now();
    const status = effectiveStatus(booking.status, booking.holdExpiresAt, now);
    assertTransition(status, 'cancelled');
    if (status === 'confirmed') {
      const startsAt = await this.shows.startOf(booking.show);
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
    const page = await this.bookings.pageForUser(caller.id, query.status, now, query, query.sort);
    return mapPage(page, (doc) => toBooking(doc, now));
  }

  /** Marks ended holds expired and deletes their seat locks; returns the counts. */
  async sweepExpiredHolds(): Promise<{ bookings: number; locks: number }> {
    const now = this.now();
    const bookings = await this.bookings.expireEndedHolds(now);
    const locks = await this.seatLocks.sweepExpired(now);
    return { bookings, locks };
  }

  /**
   * Marks that this request is re-taking a late hold's seats; false while another request does. The
   * lease ends with the attempt, or after RETAKE_LEASE_MS if that request died midway.
   */
  private async takeRetakeLease(bookingId: Types.ObjectId): Promise<boolean> {
    const now = this.now();
    return this.bookings.takeRetakeLease(bookingId, now, new Date(now.getTime() + RETAKE_LEASE_MS));
  }

  /** The replayed answer for a retry with the Idempotency-Key of the confirm that succeeded. */
  private replay(
    booking: BookingRecord,
    idempotencyKey: string | undefined,
  ): { booking: Booking; replayed: true } | undefined {
    if (booking.status !== 'confirmed' || idempotencyKey === undefined || booking.idempotencyKey !== idempotencyKey) {
      return undefined;
    }
    return { booking: toBooking(booking, this.now()), replayed: true };
  }

  /** Moves the booking from `from` to `to` only if nobody moved it first; 409 otherwise. */
  private async transition(
    booking: BookingRecord,
    from: BookingStatus,
    to: BookingStatus,
    changes: Record<string, unknown>,
  ): Promise<BookingRecord> {
    assertTransition(from, to);
    const stored: BookingStatus = from === 'expired' ? booking.status : from;
    const heldAt = from === 'held' ? this.now() : undefined;
    const updated = await this.bookings.moveStatus(booking._id, stored, to, changes, heldAt);
    if (!updated) {
      const current = await this.bookings.findById(booking._id);
      const now = this.now();
      const currentStatus = current ? effectiveStatus(current.status, current.holdExpiresAt, now) : 'cancelled';
      assertTransition(currentStatus, to);
      throw new ConflictError('The booking changed meanwhile; reload it and try again.');
    }
    return updated;
  }

  private async findOwned(caller: BookingCaller, id: string): Promise<BookingRecord> {
    const booking = await this.bookings.findOwned(id, caller.id);
    if (!booking) throw new NotFoundError(`Booking ${id} does not exist.`);
    return booking;
  }
}
