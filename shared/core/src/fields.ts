/** Request field schemas several projects accept the same way: dates in query strings. */
import { z } from 'zod';

/** A date or date-time in a query string, e.g. `2026-01-31` or `2026-01-31T12:00:00Z`. */
export const queryDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value))
  .meta({ description: 'ISO 8601 date or date-time.' });

/** The end of a range: a bare date means the whole of that day (UTC), so `to=2026-01-31` includes it. */
export const queryDateEnd = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value.length === 10 ? `${value}T23:59:59.999Z` : value))
  .meta({ description: 'ISO 8601 date (the whole day, UTC) or date-time.' });
