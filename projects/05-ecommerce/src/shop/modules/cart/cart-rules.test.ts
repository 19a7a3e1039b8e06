import { ConflictError, UnprocessableEntityError, ValidationError } from '@roadmap/core';
import { assertLineFits, assertTotalWithinCap, MAX_TOTAL_MINOR } from './cart-rules.js';

const line = (variantId: string, quantity: number, priceMinor = 100, currency = 'EUR') => ({
  variantId,
  quantity,
  priceMinor,
  currency,
});
const variant = (variantId: string, priceMinor = 100, currency = 'EUR', saleable = 50) => ({
  variantId,
  priceMinor,
  currency,
  saleable,
});

describe('assertLineFits', () => {
  it('accepts a line of the cart currency within stock, the line limit and the total cap', () => {
    expect(() => assertLineFits([line('a', 2)], variant('b'), 3)).not.toThrow();
    expect(() => assertLineFits([line('a', 2)], variant('a'), 50)).not.toThrow();
  });

  it('refuses another currency (409), more than saleable (409) and more than 100 of one variant (400)', () => {
    expect(() => assertLineFits([line('a', 1)], variant('b', 100, 'JPY'), 1)).toThrow(ConflictError);
    expect(() => assertLineFits([], variant('b', 100, 'EUR', 2), 3)).toThrow(ConflictError);
    expect(() => assertLineFits([], variant('b', 100, 'EUR', 500), 101)).toThrow(ValidationError);
  });

  it('counts the new quantity of the line instead of adding it to the old one for the total', () => {
    const price = MAX_TOTAL_MINOR / 10;

    expect(() => assertLineFits([line('a', 9, price)], variant('a', price), 10)).not.toThrow();
    expect(() => assertLineFits([line('a', 9, price)], variant('a', price), 11)).toThrow(UnprocessableEntityError);
  });
});

describe('assertTotalWithinCap', () => {
  it('allows exactly the cap and refuses one minor unit more', () => {
    expect(() => assertTotalWithinCap([{ priceMinor: MAX_TOTAL_MINOR, quantity: 1 }])).not.toThrow();
    expect(() => assertTotalWithinCap([{ priceMinor: MAX_TOTAL_MINOR + 1, quantity: 1 }])).toThrow(
      UnprocessableEntityError,
    );
  });
});
