/**
 * The confirmation email, sent from a Bull job so a slow or failing mail server never slows or fails
 * the confirm request; failed sends are retried with backoff.
 */
import type { Logger } from '@roadmap/core';
import type { Job, Queue } from 'bull';
import type { Types } from 'mongoose';
import type { Transporter } from 'nodemailer';
import type { Models } from '../models.js';
import type { BookingNotifier } from '../modules/bookings/booking.service.js';

export const CONFIRMATION_QUEUE = 'booking-confirmation-email';

export interface ConfirmationJob {
  bookingId: string;
}

/** Queues one email per confirmed booking (the job id makes a duplicate enqueue a no-op). */
export function queueNotifier(queue: Queue<ConfirmationJob>): BookingNotifier {
  return {
    async bookingConfirmed(bookingId) {
      await queue.add(
        { bookingId },
        {
          jobId: `confirm:${bookingId}`,
          attempts: 5,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: 1000,
        },
      );
    },
  };
}

interface BookingForMail {
  _id: Types.ObjectId;
  userEmail?: string | null;
  seats: string[];
  amount: number;
  currency: string;
  paymentReference?: string | null;
  show: {
    startsAt: Date;
    movie: { title: string } | null;
    theater: { name: string; address: string; city: string } | null;
  } | null;
}

export interface ConfirmationEmailDeps {
  models: Models;
  transport: Transporter;
  from: string;
  logger: Logger;
}

export function formatAmount(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

export function confirmationEmailProcessor({ models, transport, from, logger }: ConfirmationEmailDeps) {
  return async (job: Job<ConfirmationJob>): Promise<void> => {
    const booking = await models.Booking.findById(job.data.bookingId)
      .populate({
        path: 'show',
        select: 'startsAt movie theater',
        populate: [
          { path: 'movie', select: 'title' },
          { path: 'theater', select: 'name address city' },
        ],
      })
      .lean<BookingForMail>();
    if (!booking?.show) {
      logger.warn({ bookingId: job.data.bookingId }, 'confirmation email skipped: booking or show not found');
      return;
    }
    if (!booking.userEmail) {
      logger.info({ bookingId: job.data.bookingId }, 'confirmation email skipped: the token carried no email');
      return;
    }
    const title = booking.show.movie?.title ?? 'your movie';
    const theater = booking.show.theater;
    await transport.sendMail({
      from,
      to: booking.userEmail,
      subject: `Booking confirmed: ${title}`,
      text: [
        `Your booking ${booking._id.toString()} is confirmed.`,
        `Movie: ${title}`,
        `When: ${booking.show.startsAt.toISOString()}`,
        theater ? `Where: ${theater.name}, ${theater.address}, ${theater.city}` : '',
        `Seats: ${booking.seats.join(', ')}`,
        `Paid: ${formatAmount(booking.amount, booking.currency)} (payment ${booking.paymentReference ?? 'n/a'})`,
      ]
        .filter(Boolean)
        .join('\n'),
    });
    logger.info({ bookingId: job.data.bookingId }, 'confirmation email sent');
  };
}
