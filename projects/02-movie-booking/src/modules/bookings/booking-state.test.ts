import { assertTransition, BOOKING_STATUSES, canTransition, effectiveStatus } from './booking-state.js';

describe('booking state machine', () => {
  it.each([
    ['held', 'confirmed'],
    ['held', 'cancelled'],
    ['held', 'expired'],
    ['confirmed', 'cancelled'],
    ['expired', 'held'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('allows nothing else', () => {
    const allowed = new Set([
      'held>confirmed',
      'held>cancelled',
      'held>expired',
      'confirmed>cancelled',
      'expired>held',
    ]);
    for (const from of BOOKING_STATUSES) {
      for (const to of BOOKING_STATUSES) expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
    }
  });

  it('throws a 409 naming both states for an illegal transition', () => {
    expect(() => assertTransition('cancelled', 'confirmed')).toThrow(
      expect.objectContaining({
        status: 409,
        extensions: { currentStatus: 'cancelled', requestedStatus: 'confirmed' },
      }),
    );
  });

  it('reads a held booking past its expiry as expired, at the exact instant', () => {
    const expiry = new Date('2030-03-01T10:00:00Z');
    expect(effectiveStatus('held', expiry, new Date('2030-03-01T09:59:59.999Z'))).toBe('held');
    expect(effectiveStatus('held', expiry, expiry)).toBe('expired');
    expect(effectiveStatus('confirmed', expiry, new Date('2031-01-01'))).toBe('confirmed');
  });
});
