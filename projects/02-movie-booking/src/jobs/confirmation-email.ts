/**
 * The confirmation email, sent from a Bull job so a slow or failing mail server never slows or fails
 * the confirm request; failed sends are retried with backoff.
 */
import type { Logger } from '@roadmap/core';
import type { Job, Queue } from 'bull';
import type { Transporter } from 'nodemailer';
import type { BookingNotifier, BookingRepository } from '../modules/bookings/index.js';
import type { MovieRepository } from '../modules/movies/index.js';
import type { ShowRepository } from '../modules/shows/index.js';
import type { TheaterRepository } from '../modules/theaters/index.js';

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

export interface ConfirmationEmailDeps {
  bookings: BookingRepository;
  shows: ShowRepository;
  movies: MovieRepository;
  theaters: TheaterRepository;
  transport: Transporter;
  from: string;
  logger: Logger;
}

export function formatAmount(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

export function confirmationEmailProcessor(deps: ConfirmationEmailDeps) {
  const { transport, from, logger } = deps;
  return async (job: Job<ConfirmationJob>): Promise<void> => {
    const booking = await deps.bookings.findById(job.data.bookingId);
    const show = booking && (await deps.shows.findById(booking.show));
    if (!booking || !show) {
      logger.warn({ bookingId: job.data.bookingId }, 'confirmation email skipped: booking or show not found');
      return;
    }
    if (!booking.userEmail) {
      logger.info({ bookingId: job.data.bookingId }, 'confirmation email skipped: the token carried no email');
      return;
    }
    const [movie, theater] = await Promise.all([
      deps.movies.findById(show.movie),
      deps.theaters.findById(show.theater),
    ]);
    const title = movie?.title ?? 'your movie';
    await transport.sendMail({
      from,
      to: booking.userEmail,
      subject: `Booking confirmed: ${title}`,
      text: [
        `Your booking ${booking._id.toString()} is confirmed.`,
        `Movie: ${title}`,
        `When: ${show.startsAt.toISOString()}`,
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
