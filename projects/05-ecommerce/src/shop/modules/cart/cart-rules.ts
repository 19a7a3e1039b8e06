/**
 * What a cart may hold, as pure checks the cart and checkout apply to lines read under the cart's
 * row lock: one currency, a quantity within saleable stock and the per-line limit, and a total the
 * order columns can hold.
 */
import { ConflictError, UnprocessableEntityError, ValidationError } from '@roadmap/core';

/** Units of one variant in one cart. */
export const MAX_LINE_QUANTITY = 100;

/**
 * The largest cart or order total, in minor units (10,000,000.00 of a two-decimal currency). Totals
 * are stored as 32-bit integers (at most 2,147,483,647); above this cap an order is refused with a
 * 422 rather than overflowing them.
 */
export const MAX_TOTAL_MINOR = 1_000_000_000;

export interface PricedLine {
  variantId: string;
  quantity: number;
  priceMinor: number;
  currency: string;
}

export function totalMinor(lines: readonly Pick<PricedLine, 'quantity' | 'priceMinor'>[]): number {
  return lines.reduce((sum, line) => sum + line.priceMinor * line.quantity, 0);
}

/** 422 when `lines` would cost more than an order may. */
export function assertTotalWithinCap(lines: readonly Pick<PricedLine, 'quantity' | 'priceMinor'>[]): void {
  const total = totalMinor(lines);
  if (total > MAX_TOTAL_MINOR) {
    throw new UnprocessableEntityError(
      `The total would be ${total} minor units; an order may total at most ${MAX_TOTAL_MINOR}.`,
      { extensions: { totalMinor: total, maxTotalMinor: MAX_TOTAL_MINOR } },
    );
  }
}

/**
 * Checks the cart `lines` (as they are now) after `variant`'s line is set to `quantity`: one
 * currency (409), saleable stock (409), the per-line limit (400) and the total (422).
 */
export function assertLineFits(
  lines: readonly PricedLine[],
  variant: Omit<PricedLine, 'quantity'> & { saleable: number },
  quantity: number,
): void {
  const other = lines.find((line) => line.variantId !== variant.variantId);
  if (other && other.currency !== variant.currency) {
    throw new ConflictError(`This cart is in ${other.currency}; the variant is priced in ${variant.currency}.`, {
      extensions: { variantId: variant.variantId, cartCurrency: other.currency, currency: variant.currency },
    });
  }
  const saleable = Math.max(0, variant.saleable);
  if (quantity > saleable) {
    throw new ConflictError(`Only ${saleable} of this variant can be bought now.`, {
      extensions: { variantId: variant.variantId, saleable },
    });
  }
  if (quantity > MAX_LINE_QUANTITY) {
    throw new ValidationError([{ field: 'body.quantity', message: `at most ${MAX_LINE_QUANTITY} of one variant` }]);
  }
  assertTotalWithinCap([...lines.filter((line) => line.variantId !== variant.variantId), { ...variant, quantity }]);
}
