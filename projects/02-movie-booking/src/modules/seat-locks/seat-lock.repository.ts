/**
 * The only code that queries seat locks: taking and freeing seats of a show, all or nothing. The
 * unique (show, seat) index decides every race: each requested seat is one insert, and the database
 * accepts one insert per seat. A request first reads whether any of its seats is taken (then it
 * writes nothing); otherwise it inserts its seats in the same (sorted) order as every other request
 * and stops at the first seat it loses, then gives back at once the ones before it: two overlapping
 * requests meet at the first seat they share, so one of them can get its whole set, and a loser
 * holds seats nobody buys (a phantom conflict for others) as briefly and as rarely as possible.
 */
import { Types, type Connection } from 'mongoose';
import { createSeatLockModel, type SeatLockModel, type SeatLockState } from './seat-lock.model.js';

export type SeatClaim = { ok: true } | { ok: false; takenSeats: string[] };

export interface ClaimRequest {
  show: Types.ObjectId | string;
  seats: readonly string[];
  state: SeatLockState;
  /** The owning booking; none for blocked seats. */
  booking?: Types.ObjectId | string;
  /** For held seats: when the hold ends. */
  expiresAt?: Date;
  now: Date;
}

interface BulkWriteFailure {
  code?: number;
  writeErrors?: { index: number; code: number }[];
}

function isDuplicateKeyBulkFailure(
  err: unknown,
): err is BulkWriteFailure & { writeErrors: { index: number; code: number }[] } {
  if (typeof err !== 'object' || err === null) return false;
  const failure = err as BulkWriteFailure;
  return (
    Array.isArray(failure.writeErrors) &&
    failure.writeErrors.length > 0 &&
    failure.writeErrors.every((e) => e.code === 11000)
  );
}

/** "Seat A1 is" / "Seats A1, A2 are", for problem details. */
export function seatsPhrase(seats: readonly string[]): string {
  return seats.length === 1 ? `Seat ${seats[0]} is` : `Seats ${seats.join(', ')} are`;
}

export class SeatLockRepository {
  private readonly locks: SeatLockModel;

  constructor(connection: Connection) {
    this.locks = createSeatLockModel(connection);
  }

  /**
   * Takes every seat or none. A held lock past its expiry is free: such locks for these seats are
   * deleted, then ours inserted in order.
   */
  async claim({ show, seats, state, booking, expiresAt, now }: ClaimRequest): Promise<SeatClaim> {
    const showId = new Types.ObjectId(String(show));
    const ordered = [...new Set(seats)].sort();
    // Most conflicts are with seats taken well before: answer those from a read, locking nothing.
    const takenNow = await this.takenAmong(showId, ordered, now);
    if (takenNow.length > 0) return { ok: false, takenSeats: takenNow.sort() };
    await this.locks.deleteMany({ show: showId, seat: { $in: ordered }, state: 'held', expiresAt: { $lte: now } });
    const docs = ordered.map((seat) => ({
      show: showId,
      seat,
      state,
      ...(booking ? { booking: new Types.ObjectId(String(booking)) } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    }));
    try {
      await this.locks.insertMany(docs, { ordered: true });
      return { ok: true };
    } catch (err) {
      if (!isDuplicateKeyBulkFailure(err)) throw err;
      // Ordered: the seats before the first lost one are ours, none after it was tried.
      const lostAt = err.writeErrors[0]?.index ?? 0;
      const won = ordered.slice(0, lostAt);
      if (won.length > 0) await this.releaseSeats(showId, won, booking);
      const alsoTaken = await this.takenAmong(showId, ordered.slice(lostAt + 1), now);
      return { ok: false, takenSeats: [ordered[lostAt] ?? '', ...alsoTaken].sort() };
    }
  }

  /** Which of these seats someone holds, has booked or blocked now (read only: nothing is locked). */
  private async takenAmong(show: Types.ObjectId, seats: readonly string[], now: Date): Promise<string[]> {
    if (seats.length === 0) return [];
    return (await this.activeLocks(show, now, seats)).map((lock) => lock.seat);
  }

  /** Deletes the locks on these seats that this booking (or, with none, a block) owns. */
  async releaseSeats(
    show: Types.ObjectId | string,
    seats: readonly string[],
    booking?: Types.ObjectId | string,
  ): Promise<number> {
    const result = await this.locks.deleteMany({
      show: new Types.ObjectId(String(show)),
      seat: { $in: seats },
      ...(booking ? { booking: new Types.ObjectId(String(booking)) } : { state: 'blocked' }),
    });
    return result.deletedCount;
  }

  async releaseBooking(booking: Types.ObjectId | string): Promise<void> {
    await this.locks.deleteMany({ booking: new Types.ObjectId(String(booking)) });
  }

  /**
   * Turns a booking's held locks into booked ones (they no longer expire) and reports the seats it
   * no longer has a lock on: those a sweeper or another hold freed after the hold expired.
   */
  async convertToBooked(booking: Types.ObjectId | string, seats: readonly string[]): Promise<string[]> {
    const bookingId = new Types.ObjectId(String(booking));
    await this.locks.updateMany(
      { booking: bookingId, state: 'held' },
      { $set: { state: 'booked' }, $unset: { expiresAt: 1 } },
    );
    const owned = await this.locks
      .find({ booking: bookingId, state: 'booked' }, { seat: 1 })
      .lean<{ seat: string }[]>();
    const ownedSeats = new Set(owned.map((lock) => lock.seat));
    return seats.filter((seat) => !ownedSeats.has(seat));
  }

  /** Every lock of a show (or of these of its seats) that still counts now (expired holds excluded). */
  async activeLocks(
    show: Types.ObjectId | string,
    now: Date,
    seats?: readonly string[],
  ): Promise<{ seat: string; state: SeatLockState }[]> {
    return this.locks
      .find(
        {
          show: new Types.ObjectId(String(show)),
          ...(seats ? { seat: { $in: seats } } : {}),
          $or: [{ state: { $ne: 'held' } }, { expiresAt: { $gt: now } }],
        },
        { seat: 1, state: 1, _id: 0 },
      )
      .lean<{ seat: string; state: SeatLockState }[]>();
  }

  /** Deletes held locks whose hold has ended; returns how many. */
  async sweepExpired(now: Date): Promise<number> {
    const result = await this.locks.deleteMany({ state: 'held', expiresAt: { $lte: now } });
    return result.deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.locks.createIndexes();
  }
}
