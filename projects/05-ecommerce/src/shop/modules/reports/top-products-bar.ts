/**
 * The bound that lets the top-products report sum only a few products' days: integer figures
 * (units, minor units) that add up to at least `bar` over `days` days reach ceil(bar / days) on
 * at least one of those days, so a product that never did cannot be in the top.
 */
const DAY_MS = 86_400_000;

/** The days of a range, both ends included. */
export function daysIn({ from, to }: { from: string; to: string }): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/** The least figure one day must have reached for `days` days to add up to `bar`. */
export function dailyThreshold(bar: number, days: number): number {
  return Math.ceil(bar / days);
}
