/**
 * The confirmation email through the real chain: written with the confirmation, relayed and queued
 * (Bull on Redis), sent by the mail worker through nodemailer to an SMTP server, once.
 */
import { uniqueEmail, waitFor } from '@roadmap/testing';
import { confirmationEmailKey } from '../src/modules/bookings/index.js';
import { seedShow } from './factories.js';
import { MAIL_FROM, MINUTE, useBookingHarness } from './harness.js';

describe('confirmation email', () => {
  const t = useBookingHarness('booking_mail');

  async function confirmedBooking(email: string, seats: string[]): Promise<string> {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const token = t.userToken({ email });
    const held = await t.hold(token, showId, seats).expect(201);
    await t.confirm(token, held.body.holdId).expect(200);
    return held.body.holdId as string;
  }

  it('emails the confirmed booking to the address in the access token', async () => {
    const email = uniqueEmail('moviegoer');

    const bookingId = await confirmedBooking(email, ['C1', 'C2']);

    const mail = await t.smtp.waitForMessage((m) => m.to.includes(email));
    expect(mail.from).toBe(MAIL_FROM);
    expect(mail.subject).toMatch(/^Booking confirmed: Test Movie \d+$/);
    expect(mail.text).toContain(`Your booking ${bookingId} is confirmed.`);
    expect(mail.text).toContain('Seats: C1, C2');
    expect(mail.text).toMatch(/Paid: 30\.00 USD \(payment pay_sim_/);
  });

  it('retries a failed delivery and sends it once the mail server accepts, marking it sent only then', async () => {
    const email = uniqueEmail('retry');
    t.smtp.failNext(1);

    const bookingId = await confirmedBooking(email, ['A2']);

    const mail = await t.smtp.waitForMessage((m) => m.to.includes(email), 10_000);
    expect(mail.text).toContain('Seats: A2');
    const stored = await waitFor(async () => {
      const message = await t.mail.store.get(confirmationEmailKey(bookingId));
      return message?.status === 'sent' ? message : undefined;
    });
    expect(stored.attempts).toBe(2);
    expect(await t.emailsOnceSettled(bookingId)).toBe(1);
  });

  it('leaves the booking document without owed mail once the email is relayed', async () => {
    const bookingId = await confirmedBooking(uniqueEmail('clean'), ['B1']);

    await t.emailsOnceSettled(bookingId);

    const booking = await t.models.Booking.findById(bookingId).lean<{ owedMail?: unknown[]; owedMailAt?: Date }>();
    expect(booking?.owedMail).toBeUndefined();
    expect(booking?.owedMailAt).toBeUndefined();
  });
});
