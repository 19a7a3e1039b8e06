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
import mongoose from 'mongoose';
import { z } from 'zod';
import { createServices } from './app.js';
import { movieBookingEnvSchema } from './config.js';
import { ensureIndexes } from './models.js';
import { toMovie } from './modules/movies/movie.service.js';
import { toTheater, type TheaterDoc } from './modules/theaters/theater.service.js';
import { DAILY_SHOW_TIMES, DEMO_PRICES, demoMovies, demoTheaters, SEED_DAYS } from './seed-data.js';

// The same MONGO_URL and token issuer/audience as the server, so the seed and the API agree by default.
const seedEnvSchema = z.object({
  MONGO_URL: movieBookingEnvSchema.shape.MONGO_URL,
  AUTH_DEV_PRIVATE_KEY: z.string().min(1).optional(),
  AUTH_ISSUER: authVerifierEnvShape.AUTH_ISSUER,
  AUTH_AUDIENCE: authVerifierEnvShape.AUTH_AUDIENCE,
});

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function seed(): Promise<void> {
  const env = loadConfig(seedEnvSchema);
  const connection = mongoose.createConnection(env.MONGO_URL, { serverSelectionTimeoutMS: 5000, autoIndex: false });
  await connection.asPromise();
  try {
    const services = createServices({ connection, notifier: { bookingConfirmed: async () => undefined } });
    const { models } = services;
    await ensureIndexes(models);

    const movies = [];
    for (const input of demoMovies) {
      const existing = await models.Movie.findOne({ title: input.title, releaseDate: new Date(input.releaseDate) });
      movies.push(existing ? toMovie(existing.toObject()) : await services.movies.create(input));
    }
    const showing = movies.filter((movie) => movie.status === 'now_showing');

    const theaters = [];
    for (const input of demoTheaters) {
      const existing = await models.Theater.findOne({ name: input.name, city: input.city }).lean<TheaterDoc>();
      theaters.push(existing ? toTheater(existing) : await services.theaters.create(input));
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
            if (await models.Show.exists({ theater: theater.id, screen: screen.id, startsAt })) {
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
