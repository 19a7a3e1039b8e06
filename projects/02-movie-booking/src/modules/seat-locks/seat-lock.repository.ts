/**
 * The only code that queries seat locks: taking and freeing seats of a show, all or nothing. The
 * unique (show, seat) index decides every race: each requested seat is one insert, and the database
 * accepts one insert per seat. A request first reads whether any of its seats is taken (then it
 * writes nothing); otherwise it inserts its seats one by one in the same (sorted) order as every other
 * request, as *pending* locks, and only when it has them all makes them count (settles them).
 *
 * A pending lock takes nobody's seat: a request that meets one does not answer "taken" but waits for
 * that claim to end, then takes the seat if it was given back. So a request that lost a race on
 * another seat, and gives back the seats it had briefly, never makes a third request see them taken
 * (a phantom conflict); a 409 only ever names a seat some claim kept. Waiting cannot deadlock: a
 * claim waits only for a seat after every seat it has, in the one order all claims follow.
 */
import { ServiceUnavailableError } from '@roadmap/core';
import { Types, type Connection } from 'mongoose';
import { ClaimSignals } from './claim-signals.js';
import {
  DEFAULT_TIMINGS,
  isDuplicateKeyBulkFailure,
  isStale,
  LOOK_AGAIN_MS,
  type Claim,
  type ClaimRequest,
  type ClaimTimings,
  type SeatClaim,
  type StoredLock,
} from './seat-claim.js';
import { createSeatLockModel, type SeatLockModel, type SeatLockState } from './seat-lock.model.js';

/** A lock its claim kept (as opposed to one a claim is still taking). */
const SETTLED = { pendingUntil: { $exists: false } };

export class SeatLockRepository {
  private readonly locks: SeatLockModel;
  private readonly signals = new ClaimSignals();
  /** The claims of this process in progress, whose end `signals` announces. */
  private readonly inProgress = new Set<string>();
  private readonly timings: ClaimTimings;

  constructor(connection: Connection, timings: Partial<ClaimTimings> = {}) {
    this.locks = createSeatLockModel(connection);
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
  }

  /**
   * Takes every seat or none. A held lock past its expiry, and a pending lock its claim abandoned,
   * are free: such locks on these seats are deleted, then ours inserted in order.
   */
  async claim({ show, seats, state, booking, expiresAt, now }: ClaimRequest): Promise<SeatClaim> {
    const claim: Claim = {
      id: new Types.ObjectId(),
      show: new Types.ObjectId(String(show)),
      seats: [...new Set(seats)].sort(),
      now,
      startedAt: Date.now(),
      insertedAt: Date.now(),
      waitedMs: 0,
      pauseMs: LOOK_AGAIN_MS.first,
    };
    // Most conflicts are with seats taken well before: answer those from a read, locking nothing.
    const takenNow = await this.keptBeforeInserting(claim);
    if (takenNow.length > 0) return { ok: false, takenSeats: takenNow };
    claim.insertedAt = Date.now();
    const pendingUntil = new Date(now.getTime() + (claim.insertedAt - claim.startedAt) + this.timings.pendingMs);
    this.inProgress.add(claim.id.toHexString());
    const docs = claim.seats.map((seat) => ({
      show: claim.show,
      seat,
      state,
      ...(booking ? { booking: new Types.ObjectId(String(booking)) } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      claim: claim.id,
      pendingUntil,
    }));
    let lost: string | undefined;
    try {
      lost = await this.insertInOrder(claim, docs);
      if (lost === undefined) await this.settle(claim);
      else await this.giveBack(claim);
    } catch (err) {
      await this.giveBack(claim).catch(() => undefined);
      throw err;
    } finally {
      // Kept or given back: the claims of this process waiting for one of these seats look again.
      this.inProgress.delete(claim.id.toHexString());
      for (const seat of claim.seats) this.signals.notify(`${claim.show.toHexString()}:${seat}`);
    }
    if (lost === undefined) return { ok: true };
    const alsoTaken = await this.takenAmong(claim.show, claim.seats.slice(claim.seats.indexOf(lost) + 1), now);
    return { ok: false, takenSeats: [lost, ...alsoTaken].sort() };
  }

  /**
   * Inserts the claim's locks in seat order. Answers a seat some other claim has kept, or undefined
   * once every lock is in; a seat another claim is still taking is waited for.
   */
  private async insertInOrder(claim: Claim, docs: { seat: string }[]): Promise<string | undefined> {
    let next = 0;
    while (next < docs.length) {
      try {
        await this.locks.insertMany(docs.slice(next), { ordered: true });
        return undefined;
      } catch (err) {
        if (!isDuplicateKeyBulkFailure(err)) throw err;
        // Ordered: the seats before the first refused one are ours now, none after it was tried.
        next += err.writeErrors[0]?.index ?? 0;
        const kept = await this.keptFrom(claim, next);
        if (kept !== undefined) return kept;
      }
    }
    return undefined;
  }

  /**
   * The first seat from `index` on (the one the claim could not insert, and the ones after it) that
   * another claim has kept, or undefined when the claim should try that seat again: a lock there that
   * no longer counts (an ended hold, an abandoned claim) is deleted, and a claim still taking it is
   * waited for until it ends. A claim that will lose on a later seat anyway answers at once rather
   * than wait, and so gives back its seats sooner.
   */
  private async keptFrom(claim: Claim, index: number): Promise<string | undefined> {
    const seat = claim.seats[index] ?? '';
    const locks = await this.locksOn(claim.show, claim.seats.slice(index));
    const now = this.timeOf(claim);
    const kept = locks.filter((lock) => !lock.pendingUntil && !isStale(lock, now)).map((lock) => lock.seat);
    if (kept.length > 0) return kept.sort()[0];
    const lock = locks.find((candidate) => candidate.seat === seat);
    if (!lock) return undefined;
    if (isStale(lock, now)) {
      await this.deleteStale([lock]);
      return undefined;
    }
    await this.waitForClaimOf(claim, lock);
    return undefined;
  }

  /**
   * The seats some other claim has kept, read before the claim inserts anything; empty when it may
   * insert. Locks that no longer count are deleted; while another claim is taking one of the seats,
   * the claim first waits for it to end, holding nothing (so it blocks nobody meanwhile), then
   * inserts, which settles what that claim did with the seat.
   */
  private async keptBeforeInserting(claim: Claim): Promise<string[]> {
    const locks = await this.locksOn(claim.show, claim.seats);
    const now = this.timeOf(claim);
    const kept = locks.filter((lock) => !lock.pendingUntil && !isStale(lock, now)).map((lock) => lock.seat);
    if (kept.length > 0) return kept.sort();
    await this.deleteStale(locks.filter((lock) => isStale(lock, now)));
    const pending = locks.find((lock) => !isStale(lock, now));
    if (pending) await this.waitForClaimOf(claim, pending);
    return [];
  }

  /** The claim's own time, moved on by the real time since it began (a test's clock may stand still). */
  private timeOf(claim: Claim): Date {
    return new Date(claim.now.getTime() + (Date.now() - claim.startedAt));
  }

  /**
   * Waits until the claim that is taking `lock`'s seat ends: woken at once by a claim of this process,
   * looked at again after a growing pause otherwise. After `waitMs` of waiting in all, 503.
   */
  private async waitForClaimOf(claim: Claim, lock: StoredLock): Promise<void> {
    if (claim.waitedMs >= this.timings.waitMs) {
      throw new ServiceUnavailableError(
        `Seat ${lock.seat} is being claimed by another request that has not finished; try again shortly.`,
        { headers: { 'Retry-After': '1' } },
      );
    }
    const sameProcess = lock.claim !== undefined && this.inProgress.has(lock.claim.toHexString());
    const started = Date.now();
    await this.signals.wait(
      `${claim.show.toHexString()}:${lock.seat}`,
      sameProcess ? LOOK_AGAIN_MS.sameProcess : claim.pauseMs,
    );
    claim.waitedMs += Date.now() - started;
    if (!sameProcess) claim.pauseMs = Math.min(claim.pauseMs * 2, LOOK_AGAIN_MS.max);
  }

  /** Every lock on these seats of a show, whatever its state. */
  private async locksOn(show: Types.ObjectId, seats: readonly string[]): Promise<StoredLock[]> {
    return this.locks
      .find({ show, seat: { $in: seats } }, { seat: 1, state: 1, expiresAt: 1, claim: 1, pendingUntil: 1 })
      .lean<StoredLock[]>();
  }

  /** Deletes these locks, each only if it is still the same stale lock (not one taken since). */
  private async deleteStale(stale: StoredLock[]): Promise<void> {
    if (stale.length === 0) return;
    await this.locks.deleteMany({
      $or: stale.map((lock) => ({
        _id: lock._id,
        ...(lock.pendingUntil ? { pendingUntil: lock.pendingUntil } : { state: 'held', expiresAt: lock.expiresAt }),
      })),
    });
  }

  /**
   * Makes the claim's locks count. A claim that took so long that others may already have treated
   * its locks as abandoned keeps nothing; nor does one that finds a lock of it gone.
   */
  private async settle(claim: Claim): Promise<void> {
    if (Date.now() - claim.insertedAt < this.timings.pendingMs / 2) {
      const result = await this.locks.updateMany(
        { show: claim.show, seat: { $in: claim.seats }, claim: claim.id, pendingUntil: { $exists: true } },
        { $unset: { pendingUntil: 1 } },
      );
      if (result.modifiedCount === claim.seats.length) return;
    }
    await this.giveBack(claim);
    throw new ServiceUnavailableError('The seats could not be taken in time; try again shortly.', {
      headers: { 'Retry-After': '1' },
    });
  }

  /** Deletes every lock this claim inserted. */
  private async giveBack(claim: Claim): Promise<void> {
    await this.locks.deleteMany({ show: claim.show, seat: { $in: claim.seats }, claim: claim.id });
  }

  /** Which of these seats someone holds, has booked or blocked now (read only: nothing is locked). */
  private async takenAmong(show: Types.ObjectId, seats: readonly string[], now: Date): Promise<string[]> {
    if (seats.length === 0) return [];
    return (await this.activeLocks(show, now, seats)).map((lock) => lock.seat);
  }

  /**
   * Deletes the locks on these seats that this booking (or, with none, a block) owns; never a lock a
   * claim is still taking, which that claim gives back itself.
   */
  async releaseSeats(
    show: Types.ObjectId | string,
    seats: readonly string[],
    booking?: Types.ObjectId | string,
  ): Promise<number> {
    const result = await this.locks.deleteMany({
      show: new Types.ObjectId(String(show)),
      seat: { $in: seats },
      ...SETTLED,
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
      { booking: bookingId, state: 'held', ...SETTLED },
      { $set: { state: 'booked' }, $unset: { expiresAt: 1 } },
    );
    const owned = await this.locks
      .find({ booking: bookingId, state: 'booked', ...SETTLED }, { seat: 1 })
      .lean<{ seat: string }[]>();
    const ownedSeats = new Set(owned.map((lock) => lock.seat));
    return seats.filter((seat) => !ownedSeats.has(seat));
  }

  /**
   * Every lock of a show (or of these of its seats) that counts now: kept by its claim, and not a
   * hold that has ended.
   */
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
          ...SETTLED,
          $or: [{ state: { $ne: 'held' } }, { expiresAt: { $gt: now } }],
        },
        { seat: 1, state: 1, _id: 0 },
      )
      .lean<{ seat: string; state: SeatLockState }[]>();
  }

  /** Deletes held locks whose hold has ended, and locks abandoned by a claim that died; returns how many. */
  async sweepExpired(now: Date): Promise<number> {
    const result = await this.locks.deleteMany({
      $or: [{ state: 'held', expiresAt: { $lte: now } }, { pendingUntil: { $lte: now } }],
    });
    return result.deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.locks.createIndexes();
  }
}
