/** When a show occupies its screen: from its start until the movie ends plus the cleaning gap. */
const MINUTE_MS = 60_000;

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

export function showEndsAt(startsAt: Date, durationMinutes: number, cleaningGapMinutes: number): Date {
  return new Date(startsAt.getTime() + (durationMinutes + cleaningGapMinutes) * MINUTE_MS);
}

/** Half-open ranges: a show may start exactly when the previous one (with cleaning) ends. */
export function rangesOverlap(a: TimeRange, b: TimeRange): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** The MongoDB filter for shows overlapping `range` (the same rule as rangesOverlap). */
export function overlapFilter(range: TimeRange): { startsAt: { $lt: Date }; endsAt: { $gt: Date } } {
  return { startsAt: { $lt: range.endsAt }, endsAt: { $gt: range.startsAt } };
}

/** The UTC day [start, end) of a `YYYY-MM-DD` date, for "shows on this date". */
export function dayRange(date: string): TimeRange {
  const startsAt = new Date(`${date}T00:00:00.000Z`);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 24 * 60 * MINUTE_MS) };
}
