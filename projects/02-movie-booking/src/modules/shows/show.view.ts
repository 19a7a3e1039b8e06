/**
 * A stored show as the API shows it, with the title of its movie and the names of its theater and
 * screen (read from their own repositories; a deleted one is named as such).
 */
import type { MovieSummary } from '../movies/index.js';
import type { TheaterSummary } from '../theaters/index.js';
import type { PriceTable } from './pricing.js';
import type { ShowRecord } from './show.model.js';
import type { Show } from './show.schemas.js';

function pricesOf(prices: PriceTable): Show['prices'] {
  return {
    standard: prices.standard ?? 0,
    ...(typeof prices.premium === 'number' ? { premium: prices.premium } : {}),
    ...(typeof prices.accessible === 'number' ? { accessible: prices.accessible } : {}),
  };
}

export function toShow(doc: ShowRecord, movie: MovieSummary | undefined, theater: TheaterSummary | undefined): Show {
  const screen = theater?.screens.find((s) => s._id.equals(doc.screen));
  return {
    id: doc._id.toString(),
    movie: {
      id: movie?._id.toString() ?? '',
      title: movie?.title ?? '(deleted movie)',
      durationMinutes: movie?.durationMinutes ?? 0,
    },
    theater: { id: theater?._id.toString() ?? '', name: theater?.name ?? '(deleted theater)', city: doc.city },
    screen: { id: doc.screen.toString(), name: screen?.name ?? '(deleted screen)' },
    startsAt: doc.startsAt.toISOString(),
    endsAt: doc.endsAt.toISOString(),
    prices: pricesOf(doc.prices ?? {}),
  };
}
