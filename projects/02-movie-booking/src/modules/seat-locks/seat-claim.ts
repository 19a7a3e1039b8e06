/**
 * What a claim of seats is, apart from the queries that carry it out (seat-lock.repository.ts): its
 * request and answer, its time bounds, and how to read what the database says about a seat.
 */
import type { Types } from 'mongoose';
import type { SeatLockState } from './seat-lock.model.js';

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

export interface ClaimTimings {
  /**
   * The longest a claim waits, in all, for seats other claims are in the middle of taking; past it
   * the request is answered 503 (a claim that never ends is one whose process died).
   */
  waitMs: number;
  /**
   * How long after its claim's first insert a pending lock counts as abandoned (its claim's process
   * died). A live claim ends far sooner: it gives up keeping its seats once half of this has passed.
   */
  pendingMs: number;
}

export const DEFAULT_TIMINGS: ClaimTimings = { waitMs: 20_000, pendingMs: 60_000 };
/**
 * Between two looks at a seat another claim is taking: a claim of another process is polled, more
 * slowly the longer it takes; one of this process wakes its waiters when it ends (the look after a
 * second only guards against a lost wake-up).
 */
export const LOOK_AGAIN_MS = { first: 10, max: 250, sameProcess: 1000 };

interface BulkWriteFailure {
  code?: number;
  writeErrors?: { index: number; code: number }[];
}

export function isDuplicateKeyBulkFailure(
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

/** One claim in progress: its id, what it asked for, when it began and how long it has waited. */
export interface Claim {
  id: Types.ObjectId;
  show: Types.ObjectId;
  seats: string[];
  now: Date;
  /** Real time, for the claim's bounds (a test's clock may stand still). */
  startedAt: number;
  /** Real time of its first insert: its locks count as abandoned `pendingMs` after it. */
  insertedAt: number;
  waitedMs: number;
  /** The next pause before looking again at a seat another process is claiming. */
  pauseMs: number;
}

export interface StoredLock {
  _id: Types.ObjectId;
  seat: string;
  state: SeatLockState;
  expiresAt?: Date;
  claim?: Types.ObjectId;
  pendingUntil?: Date;
}

/** A lock that no longer takes its seat at `now`: a hold that has ended, or a claim abandoned. */
export function isStale(lock: StoredLock, now: Date): boolean {
  const ended = lock.state === 'held' && lock.expiresAt !== undefined && lock.expiresAt <= now;
  return ended || (lock.pendingUntil !== undefined && lock.pendingUntil <= now);
}
