/**
 * The only code that queries seat locks: taking and freeing seats of a show, all or nothing. The unique (show, seat) index decides every
 * race: each requested seat is one insert, the database accepts one insert per seat, and a request
 * that lost any seat deletes the locks it did get before answering with the seats it could not take.
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

  /** A held lock past its expiry is free: delete such locks for these seats, then insert ours. */
  async claim({ show, seats, state, booking, expiresAt, now }: ClaimRequest): Promise<SeatClaim> {
    const showId = new Types.ObjectId(String(show));
    await this.locks.deleteMany({ show: showId, seat: { $in: seats }, state: 'held', expiresAt: { $lte: now } });
    const docs = seats.map((seat) => ({
      show: showId,
      seat,
      state,
      ...(booking ? { booking: new Types.ObjectId(String(booking)) } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    }));
    try {
      await this.locks.insertMany(docs, { ordered: false });
      return { ok: true };
    } catch (err) {
      if (!isDuplicateKeyBulkFailure(err)) throw err;
      const takenSeats = err.writeErrors
        .map((e) => seats[e.index])
        .filter((seat): seat is string => seat !== undefined);
      const won = seats.filter((seat) => !takenSeats.includes(seat));
      if (won.length > 0) await this.releaseSeats(showId, won, booking);
      return { ok: false, takenSeats: [...takenSeats].sort() };
    }
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

  /** Every lock of a show that still counts now (expired holds excluded). */
  async activeLocks(show: Types.ObjectId | string, now: Date): Promise<{ seat: string; state: SeatLockState }[]> {
    return this.locks
      .find(
        {
          show: new Types.ObjectId(String(show)),
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
