/**
 * Loads the demo catalogue into MongoDB: theaters, movies and a week of shows. Safe to run again:
 * what exists (same theater name + city, movie title + release date, show screen + start) is kept.
 *
 * Usage: pnpm seed   (MONGO_URL defaults to mongodb://127.0.0.1:27017/movie_booking)
 * With AUTH_DEV_PRIVATE_KEY (an ES256 PEM) it also prints an admin and a user token signed with it;
 * start the server with the matching AUTH_PUBLIC_KEY (printed too) to accept them.
 */
import { AccessTokenIssuer, authVerifierEnvShape, signingKeyFromPem } from '@roadmap/auth';
import { loadConfig } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import { z } from 'zod';
import { createServices, ensureIndexes } from './app.js';
import { movieBookingEnvSchema } from './config.js';
import type { MovieInput } from './modules/movies/index.js';
import type { ScreenInput, TheaterInput } from './modules/theaters/index.js';

// The same MONGO_URL and token issuer/audience as the server, so the seed and the API agree by default.
const seedEnvSchema = z.object({
  MONGO_URL: movieBookingEnvSchema.shape.MONGO_URL,
  AUTH_DEV_PRIVATE_KEY: z.string().min(1).optional(),
  AUTH_ISSUER: authVerifierEnvShape.AUTH_ISSUER,
  AUTH_AUDIENCE: authVerifierEnvShape.AUTH_AUDIENCE,
});

// The demo catalogue: a few theaters, movies and a daily show schedule.
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

const demoTheaters: TheaterInput[] = [
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

const demoMovies: MovieInput[] = [
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
const DAILY_SHOW_TIMES = ['13:00', '16:30', '20:00'];

const SEED_DAYS = 7;

/** Cents per seat type. */
const DEMO_PRICES = { standard: 950, premium: 1450, accessible: 700 };

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function seed(): Promise<void> {
  const env = loadConfig(seedEnvSchema);
  const connection = await connectMongo({ url: env.MONGO_URL, defaultDbName: 'movie_booking' });
  try {
    // The seed confirms nothing, so it owes no mail.
    const services = createServices({ connection, mail: { relaySoon: () => undefined } });
    await ensureIndexes(services.repositories);

    const movies = [];
    for (const input of demoMovies) {
      const existing = await services.movies.findByTitle(input.title, input.releaseDate);
      movies.push(existing ?? (await services.movies.create(input)));
    }
    const showing = movies.filter((movie) => movie.status === 'now_showing');

    const theaters = [];
    for (const input of demoTheaters) {
      const existing = await services.theaters.findByName(input.name, input.city);
      theaters.push(existing ?? (await services.theaters.create(input)));
    }

    let created = 0;
    let kept = 0;
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    let rotation = 0;
    for (let day = 0; day < SEED_DAYS; day += 1) {
      for (const theater of theaters) {
        for (const screen of theater.screens) {
          for (const time of DAILY_SHOW_TIMES) {
            const startsAt = new Date(
              `${new Date(today.getTime() + day * 86_400_000).toISOString().slice(0, 10)}T${time}:00.000Z`,
            );
            const movie = showing[rotation % showing.length];
            rotation += 1;
            if (!movie || startsAt <= new Date()) continue;
            if (await services.shows.existsAt(theater.id, screen.id, startsAt)) {
              kept += 1;
              continue;
            }
            await services.shows.create({
              movieId: movie.id,
              theaterId: theater.id,
              screenId: screen.id,
              startsAt: startsAt.toISOString(),
              prices: DEMO_PRICES,
            });
            created += 1;
          }
        }
      }
    }
    write(`movies: ${movies.length}, theaters: ${theaters.length}, shows: ${created} created, ${kept} already there`);

    if (env.AUTH_DEV_PRIVATE_KEY) {
      const key = signingKeyFromPem(env.AUTH_DEV_PRIVATE_KEY);
      const issuer = new AccessTokenIssuer({
        key,
        issuer: env.AUTH_ISSUER,
        audience: env.AUTH_AUDIENCE,
        ttlSeconds: 12 * 3600,
      });
      write('\nDev tokens (12 h). Start the API with this AUTH_PUBLIC_KEY to accept them:');
      write(`AUTH_PUBLIC_KEY="${key.publicKeyPem.trim().replace(/\n/g, '\\n')}"`);
      write(
        `ADMIN_TOKEN=${issuer.sign({ id: 'seed-admin', role: 'admin', email: 'admin@movie-booking.local' }).token}`,
      );
      write(`USER_TOKEN=${issuer.sign({ id: 'seed-user', role: 'user', email: 'viewer@movie-booking.local' }).token}`);
    }
  } finally {
    await connection.close();
  }
}

seed().catch((err: unknown) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
