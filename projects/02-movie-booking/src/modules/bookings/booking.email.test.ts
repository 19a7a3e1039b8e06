import { confirmationEmail, formatAmount } from './booking.email.js';

const facts = {
  bookingId: 'b1',
  to: 'viewer@example.test',
  movieTitle: 'Test Movie',
  startsAt: new Date('2030-03-02T20:00:00Z'),
  theater: { name: 'Cinema 1', address: '1 Test Street', city: 'Lisbon' },
  seats: ['C1', 'C2'],
  amount: 3000,
  currency: 'USD',
  paymentReference: 'pay_sim_1',
};

describe('the confirmation email', () => {
  it('is keyed by the booking, so a booking gets one email however often it is queued', () => {
    expect(confirmationEmail(facts).key).toBe('booking-confirmed:b1');
    expect(confirmationEmail({ ...facts, seats: ['A1'] }).key).toBe(confirmationEmail(facts).key);
  });

  it('says what, when, where, which seats and what was paid', () => {
    const mail = confirmationEmail(facts);

    expect(mail).toMatchObject({ to: 'viewer@example.test', subject: 'Booking confirmed: Test Movie' });
    expect(mail.text.split('\n')).toEqual([
      'Your booking b1 is confirmed.',
      'Movie: Test Movie',
      'When: 2030-03-02T20:00:00.000Z',
      'Where: Cinema 1, 1 Test Street, Lisbon',
      'Seats: C1, C2',
      'Paid: 30.00 USD (payment pay_sim_1)',
    ]);
  });

  it('leaves out the theater line when the theater is gone, and keeps the subject on one line', () => {
    const mail = confirmationEmail({ ...facts, theater: undefined, movieTitle: 'Two\r\nLines' });

    expect(mail.text).not.toContain('Where:');
    expect(mail.subject).toBe('Booking confirmed: Two Lines');
  });

  it('formats cents as an amount with its currency', () => {
    expect(formatAmount(1250, 'EUR')).toBe('12.50 EUR');
  });
});
