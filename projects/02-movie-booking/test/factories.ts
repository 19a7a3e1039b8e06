/** Builds movies, theaters and shows through the services, for tests that exercise other endpoints. */
import { defineFactory } from '@roadmap/testing';
import type { MovieBookingServices } from '../src/app.js';
import type { MovieInput } from '../src/modules/movies/index.js';
import type { ShowInput } from '../src/modules/shows/index.js';
import type { ScreenInput, TheaterInput } from '../src/modules/theaters/index.js';

const movies = defineFactory<MovieInput>((n) => ({
  title: `Test Movie ${n}`,
  description: 'A film made for tests.',
  genres: ['drama'],
  languages: ['english'],
  durationMinutes: 100,
  certification: 'PG',
  releaseDate: '2030-01-15',
  status: 'now_showing',
}));

/** 3 rows (A, B standard with A1 accessible and B5 missing; C premium) = 14 seats. */
const screens = defineFactory<ScreenInput>((n) => ({
  name: `Screen ${n}`,
  rows: [
    { label: 'A', seatCount: 5, type: 'standard', accessibleSeats: [1], missingSeats: [] },
    { label: 'B', seatCount: 5, type: 'standard', accessibleSeats: [], missingSeats: [5] },
    { label: 'C', seatCount: 5, type: 'premium', accessibleSeats: [], missingSeats: [] },
  ],
}));

const theaters = defineFactory<TheaterInput>((n) => ({
  name: `Cinema ${n}`,
  city: 'Lisbon',
  address: '1 Test Street',
  screens: [screens.build()],
}));

export const movieInput = movies.build;
export const screenInput = screens.build;
export const theaterInput = theaters.build;

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
