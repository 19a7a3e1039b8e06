/** Prices are whole cents per seat type; a booking's amount is the sum over its seats. */
import type { SeatPosition, SeatType } from '../theaters/index.js';

export type PriceTable = Partial<Record<SeatType, number | null | undefined>>;

/** Seat types of the layout that have no price in the table. */
export function unpricedSeatTypes(types: readonly SeatType[], prices: PriceTable): SeatType[] {
  return types.filter((type) => typeof prices[type] !== 'number');
}

export function priceOfSeats(seats: readonly SeatPosition[], prices: PriceTable): number {
  return seats.reduce((total, seat) => {
    const price = prices[seat.type];
    if (typeof price !== 'number') throw new Error(`no price for ${seat.type} seats`);
    return total + price;
  }, 0);
}
