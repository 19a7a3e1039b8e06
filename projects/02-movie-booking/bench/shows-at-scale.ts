/**
 * The show list at 10,000 shows (and at a tenth of it, so the growth shows), each query timed three
 * ways: the API over HTTP, the repository call its route makes (`ShowRepository.page`), and the same
 * find + count with the raw `mongodb` driver (same filter, sort, skip and limit) on the same
 * connection pool. Prints p50/p95 and the ratios to the raw driver, and writes
 * bench/results/shows-at-scale.json. Asserts nothing.
 *
 * It seeds its own database with a fixed random seed: 200 movies (a few blockbusters carry most
 * shows, by Zipf's law), 40 theaters in 8 cities (the big cities have most theaters) with 1 to 6
 * screens, and shows on free slots of those screens over 30 days (insertMany in batches of 1,000).
 * It lays 1,000 shows, measures, adds 9,000, measures again, and drops the database at the end.
 *
 *   pnpm --filter @roadmap/movie-booking bench:scale     (BENCH_RUNS=10 BENCH_SHOWS=10000)
 */
import { createTestIssuer } from '@roadmap/auth/testing';
import { createLogger, loadConfig, type PageRequest, type SortSpec } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import {
  layeredTable,
  listen,
  seededRandom,
  timeCalls,
  writeBenchReport,
  zipfPicker,
  type LayeredTiming,
} from '@roadmap/testing';
import { Types } from 'mongoose';
import { z } from 'zod';
import { API_BASE_PATH, createApp, createServices, DEFAULT_RULES, ensureIndexes } from '../src/app.js';
import { cityKeyOf } from '../src/modules/shows/show.model.js';

const env = loadConfig(
  z.object({
    MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017'),
    BENCH_RUNS: z.coerce.number().int().min(1).max(200).default(10),
    BENCH_SHOWS: z.coerce.number().int().min(100).max(100_000).default(10_000),
  }),
);

const LIMIT = 20;
const BATCH = 1000;
const DAYS = 30;
const FIRST_DAY = Date.UTC(2030, 2, 1);
const SLOT_HOURS = [10, 13, 16, 19, 22];
const CITIES = ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Stuttgart', 'Leipzig', 'Dresden'];

const random = seededRandom(2);

interface Screen {
  theater: Types.ObjectId;
  screen: Types.ObjectId;
  city: string;
  cityKey: string;
}

/** Every free slot of every screen over the days, shuffled: the first n are the first n shows. */
function shuffledSlots(screens: readonly Screen[]) {
  const slots = screens.flatMap((screen) =>
    Array.from({ length: DAYS * SLOT_HOURS.length }, (_, k) => ({
      ...screen,
      startsAt: new Date(
        FIRST_DAY + Math.floor(k / SLOT_HOURS.length) * 86_400_000 + SLOT_HOURS[k % SLOT_HOURS.length]! * 3_600_000,
      ),
    })),
  );
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots;
}

/** One show list query, as the API is asked it and as ShowService.list asks the repository. */
interface ListQuery {
  name: string;
  filter: { movie?: string; city?: string; date?: string };
  page: number;
}

async function main(): Promise<void> {
  const dbName = `bench_shows_scale_${process.pid}`;
  const connection = await connectMongo({ url: env.MONGO_URL, dbName, timeoutMs: 10_000, socketTimeoutMs: 300_000 });
  const deps = {
    logger: createLogger({ name: 'bench', level: 'warn' }),
    connection,
    verifier: createTestIssuer().verifier,
    // Listing owes no mail.
    mail: { relaySoon: () => undefined },
  };
  const services = createServices(deps);
  await ensureIndexes(services.repositories);
  const server = await listen(createApp(deps, services));
  const db = connection.db;
  if (!db) throw new Error('not connected');
  const shows = db.collection('shows');
  const timings: LayeredTiming[] = [];
  const cityFilters: (string | number)[][] = [];
  try {
    const movies: { id: string; durationMinutes: number }[] = [];
    for (let i = 1; i <= 200; i += 1) {
      const movie = await services.movies.create({
        title: `Feature ${i}`,
        description: '',
        genres: ['drama'],
        languages: ['english'],
        durationMinutes: 80 + Math.floor(random() * 80),
        certification: 'PG-13',
        releaseDate: '2030-01-01',
        status: 'now_showing',
      });
      movies.push({ id: movie.id, durationMinutes: movie.durationMinutes });
    }
    const pickMovie = zipfPicker(movies, random);
    const pickCity = zipfPicker(CITIES, random, 1.2);
    const screens: Screen[] = [];
    for (let i = 1; i <= 40; i += 1) {
      const theater = await services.theaters.create({
        name: `Cinema ${i}`,
        city: pickCity(),
        address: `${i} Film Street`,
        screens: Array.from({ length: 1 + Math.floor(random() * 6) }, (_, s) => ({
          name: `Screen ${s + 1}`,
          rows: ['A', 'B', 'C', 'D', 'E', 'F'].map((label) => ({
            label,
            seatCount: 14,
            type: 'standard' as const,
            accessibleSeats: [],
            missingSeats: [],
          })),
        })),
      });
      for (const screen of theater.screens) {
        screens.push({
          theater: new Types.ObjectId(theater.id),
          screen: new Types.ObjectId(screen.id),
          city: theater.city,
          cityKey: cityKeyOf(theater.city),
        });
      }
    }
    const slots = shuffledSlots(screens);
    const sizes = [Math.round(env.BENCH_SHOWS / 10), Math.min(env.BENCH_SHOWS, slots.length)];
    let seeded = 0;
    for (const size of sizes) {
      for (let start = seeded; start < size; start += BATCH) {
        const batch = slots.slice(start, Math.min(size, start + BATCH)).map((slot) => {
          const movie = pickMovie();
          const endsAt = new Date(
            slot.startsAt.getTime() + (movie.durationMinutes + DEFAULT_RULES.cleaningGapMinutes) * 60_000,
          );
          const now = new Date();
          return {
            movie: new Types.ObjectId(movie.id),
            ...slot,
            endsAt,
            prices: { standard: 1200 },
            createdAt: now,
            updatedAt: now,
            __v: 0,
          };
        });
        await shows.insertMany(batch, { ordered: false });
      }
      seeded = size;
      process.stdout.write(`seeded ${size} shows\n`);
      const full = size === sizes[1];
      const scale = `${full ? '1x' : '0.1x'} (${size.toLocaleString('en')} shows)`;
      const busiest = await shows
        .aggregate<{ _id: Types.ObjectId }>([{ $group: { _id: '$movie', n: { $sum: 1 } } }, { $sort: { n: -1 } }])
        .next();
      const day = new Date(FIRST_DAY + 14 * 86_400_000).toISOString().slice(0, 10);
      const queries: ListQuery[] = [
        { name: 'GET /shows (first 20 by start)', filter: {}, page: 1 },
        { name: 'GET /shows?movie= (most shown movie)', filter: { movie: String(busiest?._id) }, page: 1 },
        { name: 'GET /shows?city= (biggest city, any case)', filter: { city: 'berlin' }, page: 1 },
        { name: 'GET /shows?date= (one day)', filter: { date: day }, page: 1 },
        { name: 'GET /shows?city=&date=', filter: { city: 'berlin', date: day }, page: 1 },
        { name: 'GET /shows?page= (middle page, skip)', filter: {}, page: Math.max(1, Math.floor(size / LIMIT / 2)) },
      ];
      for (const query of queries) {
        const request: PageRequest = { page: query.page, limit: LIMIT };
        const sort: SortSpec = { field: 'startsAt', direction: 'asc' };
        const params = new URLSearchParams({ ...query.filter, page: String(query.page), limit: String(LIMIT) });
        const url = `${server.url}${API_BASE_PATH}/shows?${params.toString()}`;
        // The filter ShowRepository.page builds, written out for the driver.
        const rawFilter: Record<string, unknown> = {};
        if (query.filter.movie) rawFilter.movie = new Types.ObjectId(query.filter.movie);
        if (query.filter.city) rawFilter.cityKey = cityKeyOf(query.filter.city);
        if (query.filter.date) {
          const from = new Date(`${query.filter.date}T00:00:00.000Z`);
          rawFilter.startsAt = { $gte: from, $lt: new Date(from.getTime() + 86_400_000) };
        }
        const api = await timeCalls(env.BENCH_RUNS, async () => {
          const res = await fetch(url);
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        });
        const repository = await timeCalls(env.BENCH_RUNS, () =>
          services.repositories.shows.page(query.filter, request, sort),
        );
        const raw = await timeCalls(env.BENCH_RUNS, () =>
          Promise.all([
            shows
              .find(rawFilter)
              .sort({ startsAt: 1, _id: 1 })
              .skip((query.page - 1) * LIMIT)
              .limit(LIMIT)
              .toArray(),
            shows.countDocuments(rawFilter),
          ]),
        );
        const name = `${query.name}${query.page > 1 ? `, page ${query.page}` : ''}`;
        timings.push({ query: name, scale, api, repository, raw });
        if (query.filter.city && !query.filter.date) {
          // The filter the list used before shows kept a `cityKey`: an anchored case-insensitive regex.
          const regex = { city: { $regex: `^${query.filter.city}$`, $options: 'i' } };
          const before = await timeCalls(env.BENCH_RUNS, () =>
            Promise.all([
              shows.find(regex).sort({ startsAt: 1, _id: 1 }).limit(LIMIT).toArray(),
              shows.countDocuments(regex),
            ]),
          );
          const times = raw.p50 > 0 ? (before.p50 / raw.p50).toFixed(2) : '-';
          cityFilters.push([scale, before.p50, before.p95, raw.p50, raw.p95, times]);
        }
        process.stdout.write(`  ${name}: API ${api.p50} ms, repository ${repository.p50} ms, raw ${raw.p50} ms\n`);
      }
    }
  } finally {
    await server.close();
    await connection.dropDatabase();
    await connection.close();
  }
  writeBenchReport(__dirname, {
    name: 'shows-at-scale',
    title: `Movie booking show list at ${env.BENCH_SHOWS.toLocaleString('en')} shows (and a tenth of it), against the raw driver`,
    method:
      `${env.BENCH_RUNS} sequential calls per figure after a warm-up, on a database the bench seeds (200 movies ` +
      `and 40 theaters in 8 cities picked by Zipf's law, shows on free slots of their screens over 30 days) ` +
      `on ${env.MONGO_URL}. API: GET /api/v1/shows over loopback HTTP (log level warn); repository: ` +
      `ShowRepository.page as ShowService.list calls it; raw driver: the same find (filter, sort startsAt then ` +
      `_id, skip, limit ${LIMIT}) and countDocuments in parallel with the mongodb driver. Ratios are of the p50s.`,
    tables: [
      layeredTable(timings),
      {
        columns: [
          'city=, raw driver',
          'former $regex p50 ms',
          'former $regex p95 ms',
          'cityKey p50 ms',
          'cityKey p95 ms',
          'regex / key',
        ],
        rows: cityFilters,
      },
    ],
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
