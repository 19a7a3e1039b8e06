import type { SeatPosition } from '../theaters/index.js';
import { priceOfSeats, unpricedSeatTypes } from './pricing.js';

const seat = (id: string, type: SeatPosition['type']): SeatPosition => ({ id, row: id[0] ?? 'A', number: 1, type });

describe('pricing', () => {
  it('sums the price of each seat by its type, in cents', () => {
    const seats = [seat('A1', 'standard'), seat('C1', 'premium'), seat('A2', 'accessible')];
    expect(priceOfSeats(seats, { standard: 1000, premium: 1550, accessible: 700 })).toBe(3250);
  });

  it('refuses to price a seat whose type has no price', () => {
    expect(() => priceOfSeats([seat('C1', 'premium')], { standard: 1000 })).toThrow('no price for premium seats');
  });

  it('names the seat types the table does not price (a free seat at 0 counts as priced)', () => {
    expect(unpricedSeatTypes(['standard', 'premium', 'accessible'], { standard: 0, premium: null })).toEqual([
      'premium',
      'accessible',
    ]);
  });
});
