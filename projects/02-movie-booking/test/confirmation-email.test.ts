/** The confirmation email goes through the real chain: Bull on Redis, the job, nodemailer, an SMTP server. */
import { uniqueEmail } from '@roadmap/testing';
import { seedShow } from './factories.js';
import { MINUTE, useBookingMailHarness } from './harness.js';

describe('confirmation email', () => {
  const t = useBookingMailHarness('booking_mail');

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

    const mail = await t.sink.waitForMessage((m) => m.to.includes(email));
    expect(mail.from).toBe('tickets@movie-booking.test');
    expect(mail.subject).toMatch(/^Booking confirmed: Test Movie \d+$/);
    expect(mail.text).toContain(`Your booking ${bookingId} is confirmed.`);
    expect(mail.text).toContain('Seats: C1, C2');
    expect(mail.text).toContain('Paid: 30.00 USD');
  });

  it('retries a failed delivery and sends it once the mail server accepts', async () => {
    const email = uniqueEmail('retry');
    t.sink.failNext(1);

    const bookingId = await confirmedBooking(email, ['A2']);

    const mail = await t.sink.waitForMessage((m) => m.to.includes(email), 10_000);
    expect(mail.text).toContain('Seats: A2');
    const job = await t.queue.getJob(`confirm:${bookingId}`);
    expect(job?.attemptsMade).toBe(1);
  });
});
