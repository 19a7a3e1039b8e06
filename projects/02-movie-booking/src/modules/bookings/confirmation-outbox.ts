/**
 * The confirmation email as an outbox on the booking document: a confirmed booking whose
 * `confirmationQueuedAt` is unset still owes its email. The confirm request queues it first, under a
 * lease taken together with the confirmation; a retried confirm or the periodic sweep queues whatever
 * was left (Redis lost, process died). Queueing is at least once; the email job's id is fixed per
 * booking (`confirm:<id>`), so a repeated add is a no-op and each booking gets one email.
 */
import type { Types } from 'mongoose';
import type { BookingRepository } from './booking.repository.js';

/** Told about each confirmed booking, e.g. to queue the confirmation email. */
export interface BookingNotifier {
  bookingConfirmed(bookingId: string): Promise<void>;
}

/** How long one request or sweep may take to queue an email before another may try. */
export const CONFIRMATION_LEASE_MS = 30_000;
/** The sweep leaves bookings confirmed more recently than this to their confirm request (or its retry). */
export const CONFIRMATION_SWEEP_DELAY_MS = 60_000;
/** Older bookings are not swept: they predate the outbox (emailed without the mark) or are long past use. */
export const CONFIRMATION_SWEEP_MAX_AGE_MS = 24 * 60 * 60_000;
const SWEEP_BATCH = 100;

type BookingId = Types.ObjectId | string;

export class ConfirmationOutbox {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly notifier: BookingNotifier,
    private readonly now: () => Date,
  ) {}

  /** The lease to set in the update that confirms the booking, so no sweep races the request. */
  leaseFrom(now: Date): Date {
    return new Date(now.getTime() + CONFIRMATION_LEASE_MS);
  }

  /**
   * Queues the email of a booking whose lease (`leaseUntil`) the caller holds, then marks it queued.
   * If queueing fails the lease is given back at once and the error is rethrown.
   */
  async queueLeased(bookingId: BookingId, leaseUntil: Date): Promise<void> {
    try {
      await this.notifier.bookingConfirmed(bookingId.toString());
    } catch (err) {
      await this.bookings.releaseConfirmationLease(bookingId, leaseUntil);
      throw err;
    }
    await this.bookings.markConfirmationQueued(bookingId, this.now());
  }

  /**
   * Takes the lease on the booking if it still owes its email and nobody holds the lease, and queues
   * it. False when there was nothing to do; the conditional update lets only one caller win.
   */
  async queueIfOwed(bookingId: BookingId): Promise<boolean> {
    const now = this.now();
    const leaseUntil = this.leaseFrom(now);
    if (!(await this.bookings.claimConfirmationLease(bookingId, now, leaseUntil))) return false;
    await this.queueLeased(bookingId, leaseUntil);
    return true;
  }

  /** Queues the emails still owed by bookings confirmed between a day and a minute ago. */
  async sweep(): Promise<{ queued: number; failed: number }> {
    const now = this.now();
    const owed = await this.bookings.findOwedConfirmations({
      now,
      confirmedFrom: new Date(now.getTime() - CONFIRMATION_SWEEP_MAX_AGE_MS),
      confirmedUntil: new Date(now.getTime() - CONFIRMATION_SWEEP_DELAY_MS),
      limit: SWEEP_BATCH,
    });
    let queued = 0;
    let failed = 0;
    for (const id of owed) {
      // One failure (Redis still down) leaves that booking owed for the next sweep; go on with the rest.
      try {
        if (await this.queueIfOwed(id)) queued += 1;
      } catch {
        failed += 1;
      }
    }
    return { queued, failed };
  }
}
