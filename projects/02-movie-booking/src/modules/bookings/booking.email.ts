/**
 * The confirmation email of a booking, rendered when the booking is confirmed and written with the
 * confirmation. Its key is the booking's id, so however often it is relayed or queued, a booking
 * gets one email; the mail path derives the Message-ID from the key too.
 */
import type { OwedMail } from '@roadmap/mail';

export interface ConfirmedBookingFacts {
  bookingId: string;
  to: string;
  movieTitle: string;
  startsAt: Date;
  theater?: { name: string; address: string; city: string } | undefined;
  seats: readonly string[];
  /** In cents. */
  amount: number;
  currency: string;
  paymentReference: string;
}

export function confirmationEmailKey(bookingId: string): string {
  return `booking-confirmed:${bookingId}`;
}

export function formatAmount(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

export function confirmationEmail(facts: ConfirmedBookingFacts): OwedMail {
  const { theater } = facts;
  return {
    key: confirmationEmailKey(facts.bookingId),
    to: facts.to,
    // Movie titles are admin text: keep them on one line in the header.
    subject: `Booking confirmed: ${facts.movieTitle.replace(/[\r\n]+/g, ' ')}`,
    text: [
      `Your booking ${facts.bookingId} is confirmed.`,
      `Movie: ${facts.movieTitle}`,
      `When: ${facts.startsAt.toISOString()}`,
      theater ? `Where: ${theater.name}, ${theater.address}, ${theater.city}` : '',
      `Seats: ${facts.seats.join(', ')}`,
      `Paid: ${formatAmount(facts.amount, facts.currency)} (payment ${facts.paymentReference})`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
