/** Builds movies, theaters and shows through the services, for tests that exercise other endpoints. */
import type { MovieBookingServices } from '../../src/app.js';
import type { MovieInput } from '../../src/modules/movies/movie.schemas.js';
import type { ShowInput } from '../../src/modules/shows/show.schemas.js';
import type { ScreenInput, TheaterInput } from '../../src/modules/theaters/theater.schemas.js';

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

export function movieInput(overrides: Partial<MovieInput> = {}): MovieInput {
  return {
    title: `Test Movie ${next()}`,
    description: 'A film made for tests.',
    genres: ['drama'],
    languages: ['english'],
    durationMinutes: 100,
    certification: 'PG',
    releaseDate: '2030-01-15',
    status: 'now_showing',
    ...overrides,
  };
}

/** 3 rows (A, B standard with A1 accessible and B5 missing; C premium) = 14 seats. */
export function screenInput(overrides: Partial<ScreenInput> = {}): ScreenInput {
  return {
    name: `Screen ${next()}`,
    rows: [
      { label: 'A', seatCount: 5, type: 'standard', accessibleSeats: [1], missingSeats: [] },
      { label: 'B', seatCount: 5, type: 'standard', accessibleSeats: [], missingSeats: [5] },
      { label: 'C', seatCount: 5, type: 'premium', accessibleSeats: [], missingSeats: [] },
    ],
    ...overrides,
  };
}

export function theaterInput(overrides: Partial<TheaterInput> = {}): TheaterInput {
  return { name: `Cinema ${next()}`, city: 'Lisbon', address: '1 Test Street', screens: [screenInput()], ...overrides };
}

export const DEFAULT_PRICES = { standard: 1000, premium: 1500, accessible: 800 };

export interface SeededShow {
  showId: string;
  movieId: string;
  theaterId: string;
  screenId: string;
  startsAt: Date;
}

/** A movie, a theater with one screen and one show on it, starting `startsAt`. */
export async function seedShow(
  services: MovieBookingServices,
  options: { startsAt: Date; screen?: ScreenInput; city?: string; prices?: ShowInput['prices'] },
): Promise<SeededShow> {
  const movie = await services.movies.create(movieInput());
  const theater = await services.theaters.create(
    theaterInput({ screens: [options.screen ?? screenInput()], ...(options.city ? { city: options.city } : {}) }),
  );
  const screenId = theater.screens[0]?.id ?? '';
  const show = await services.shows.create({
    movieId: movie.id,
    theaterId: theater.id,
    screenId,
    startsAt: options.startsAt.toISOString(),
    prices: options.prices ?? DEFAULT_PRICES,
  });
  return { showId: show.id, movieId: movie.id, theaterId: theater.id, screenId, startsAt: options.startsAt };
}
