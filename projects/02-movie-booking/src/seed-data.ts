/** The demo catalogue the seed script loads: a few theaters, movies and a daily show schedule. */
import type { MovieInput } from './modules/movies/movie.schemas.js';
import type { ScreenInput, TheaterInput } from './modules/theaters/theater.schemas.js';

const standardScreen = (name: string, rows: number, seatsPerRow: number): ScreenInput => ({
  name,
  rows: Array.from({ length: rows }, (_, i) => {
    const label = String.fromCharCode(65 + i);
    const last = i === rows - 1;
    return {
      label,
      seatCount: seatsPerRow,
      type: last ? ('premium' as const) : ('standard' as const),
      // Row A keeps two wheelchair places; the aisle is seat 5 in every row but the premium one.
      accessibleSeats: i === 0 ? [1, 2] : [],
      missingSeats: last ? [] : [5],
    };
  }),
});

export const demoTheaters: TheaterInput[] = [
  {
    name: 'Cinema Tivoli',
    city: 'Lisbon',
    address: 'Avenida da Liberdade 182',
    screens: [standardScreen('Screen 1', 8, 12), standardScreen('Screen 2', 6, 10)],
  },
  {
    name: 'Alvalade Cineplex',
    city: 'Lisbon',
    address: 'Avenida de Roma 100',
    screens: [standardScreen('Sala A', 10, 14)],
  },
  {
    name: 'Batalha Centro',
    city: 'Porto',
    address: 'Praça da Batalha 47',
    screens: [standardScreen('Main', 9, 12), standardScreen('Studio', 5, 8)],
  },
];

export const demoMovies: MovieInput[] = [
  {
    title: 'The Last Projectionist',
    description: 'A night-shift projectionist keeps an old cinema alive.',
    genres: ['drama'],
    languages: ['english', 'portuguese'],
    durationMinutes: 118,
    certification: 'PG',
    releaseDate: '2026-10-02',
    status: 'now_showing',
  },
  {
    title: 'Seat 13C',
    description: 'Two strangers booked the same seat. Only one of them is real.',
    genres: ['thriller', 'mystery'],
    languages: ['english'],
    durationMinutes: 104,
    certification: 'PG-13',
    releaseDate: '2026-09-18',
    status: 'now_showing',
  },
  {
    title: 'Atlantic Lights',
    description: 'A documentary about lighthouse keepers on the Portuguese coast.',
    genres: ['documentary'],
    languages: ['portuguese'],
    durationMinutes: 92,
    certification: 'G',
    releaseDate: '2026-11-06',
    status: 'now_showing',
  },
  {
    title: 'Race Condition',
    description: 'A heist in which two crews hit the same vault at the same millisecond.',
    genres: ['action', 'comedy'],
    languages: ['english', 'spanish'],
    durationMinutes: 131,
    certification: 'PG-13',
    releaseDate: '2026-08-21',
    status: 'now_showing',
  },
  {
    title: 'Idempotent',
    description: 'Every day repeats, and the result is always the same. Coming next month.',
    genres: ['sci-fi'],
    languages: ['english'],
    durationMinutes: 109,
    certification: 'PG',
    releaseDate: '2026-12-18',
    status: 'coming_soon',
  },
];

/** UTC start times of each day's shows on every screen (long enough apart for the longest movie). */
export const DAILY_SHOW_TIMES = ['13:00', '16:30', '20:00'];

export const SEED_DAYS = 7;

/** Cents per seat type. */
export const DEMO_PRICES = { standard: 950, premium: 1450, accessible: 700 };
