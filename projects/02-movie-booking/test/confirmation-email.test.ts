/** The confirmation email goes through the real chain: Bull on Redis, the job, nodemailer, an SMTP server. */
import { uniqueEmail, type SmtpSink } from '@roadmap/testing';
import type Bull from 'bull';
import type { ConfirmationJob } from '../src/jobs/confirmation-email.js';
import { seedShow } from './support/factories.js';
import { startMailChain, type MailChain } from './support/mail-chain.js';
import { MINUTE, type TestApp } from './support/test-app.js';

describe('confirmation email', () => {
  let chain: MailChain;
  let t: TestApp;
  let sink: SmtpSink;
  let queue: Bull.Queue<ConfirmationJob>;

  beforeAll(async () => {
    chain = await startMailChain('booking_mail');
    ({ t, sink, queue } = chain);
  });

  afterAll(async () => {
    await chain.close();
  });

  it('emails the confirmed booking to the address in the access token', async () => {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const email = uniqueEmail('moviegoer');
    const token = t.userToken({ email });
    const held = await t.hold(token, showId, ['C1', 'C2']).expect(201);
    await t.confirm(token, held.body.holdId).expect(200);

    const mail = await sink.waitForMessage((m) => m.to.includes(email));
    expect(mail.from).toBe('tickets@movie-booking.test');
    expect(mail.subject).toMatch(/^Booking confirmed: Test Movie \d+$/);
    expect(mail.text).toContain(`Your booking ${held.body.holdId} is confirmed.`);
    expect(mail.text).toContain('Seats: C1, C2');
    expect(mail.text).toContain('Paid: 30.00 USD');
  });

  it('retries a failed delivery and sends it once the mail server accepts', async () => {
    const { showId } = await seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) });
    const email = uniqueEmail('retry');
    const token = t.userToken({ email });
    sink.failNext(1);
    const held = await t.hold(token, showId, ['A2']).expect(201);
    await t.confirm(token, held.body.holdId).expect(200);
    const mail = await sink.waitForMessage((m) => m.to.includes(email), 10_000);
    expect(mail.text).toContain('Seats: A2');
    const job = await queue.getJob(`confirm:${held.body.holdId}`);
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
  });
});
