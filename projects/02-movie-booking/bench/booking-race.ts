/**
 * Booking throughput and correctness under load: N users race for the seats of one show over
 * loopback HTTP, with at most C requests in flight. Each user holds 1-4 random seats and, when the
 * hold succeeds, confirms it. Prints attempts/s, successes, conflicts, double-booked seats (must be
 * 0) and phantom conflicts: 409s for seats nobody ends up buying, which a request that lost part of
 * its set causes while it holds the rest, as a table and as bench/results/booking-race.json. Uses
 * its own throw-away database on MONGO_URL, dropped at the end. Exits 1 if a seat was sold twice.
 *
 * Usage: pnpm bench   (BENCH_USERS=1000 BENCH_CONCURRENCY=100 BENCH_ROUNDS=3)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestIssuer } from '@roadmap/auth/testing';
import { createLogger, loadConfig } from '@roadmap/core';
import { quantile, writeBenchReport } from '@roadmap/testing';
import mongoose from 'mongoose';
import { z } from 'zod';
import { createApp, createServices, ensureIndexes } from '../src/app.js';

const benchEnvSchema = z.object({
  MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017'),
  BENCH_USERS: z.coerce.number().int().min(1).max(20_000).default(1000),
  BENCH_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(100),
  BENCH_ROUNDS: z.coerce.number().int().min(1).max(20).default(3),
});

const ROWS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
const SEATS_PER_ROW = 12;

/** Runs `tasks` with at most `limit` in flight. */
async function runBounded<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

function randomSeats(): string[] {
  const count = 1 + Math.floor(Math.random() * 4);
  const row = ROWS[Math.floor(Math.random() * ROWS.length)] ?? 'A';
  const first = 1 + Math.floor(Math.random() * (SEATS_PER_ROW - count + 1));
  return Array.from({ length: count }, (_, k) => `${row}${first + k}`);
}

async function main(): Promise<void> {
  const env = loadConfig(benchEnvSchema);
  const dbName = `bench_booking_race_${Date.now()}`;
  const connection = mongoose.createConnection(env.MONGO_URL, { dbName, autoIndex: false, maxPoolSize: 50 });
  await connection.asPromise();
  const issuer = createTestIssuer({ ttlSeconds: 3600 });
  let emails = 0;
  const deps = {
    // Errors only: a 5xx during the race is printed with its cause.
    logger: createLogger({ name: 'bench', level: 'error' }),
    connection,
    verifier: issuer.verifier,
    // No mail path here: count the confirmations that recorded an email instead.
    mail: {
      relaySoon: () => {
        emails += 1;
      },
    },
    rules: { maxSeatsPerHold: 10 },
  };
  const services = createServices(deps);
  await ensureIndexes(services.repositories);
  const server = createServer(createApp(deps, services));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const movie = await services.movies.create({
    title: 'Bench Movie',
    description: '',
    genres: ['bench'],
    languages: ['english'],
    durationMinutes: 90,
    certification: 'G',
    releaseDate: '2026-01-01',
    status: 'now_showing',
  });
  const theater = await services.theaters.create({
    name: 'Bench Theater',
    city: 'Loopback',
    address: '127.0.0.1',
    screens: [
      {
        name: 'Only',
        rows: ROWS.map((label) => ({
          label,
          seatCount: SEATS_PER_ROW,
          type: 'standard' as const,
          accessibleSeats: [],
          missingSeats: [],
        })),
      },
    ],
  });
  const capacity = ROWS.length * SEATS_PER_ROW;
  const tokens = Array.from({ length: env.BENCH_USERS }, (_, i) =>
    issuer.tokenFor({ role: 'user', email: `bench${i}@example.test` }),
  );

  const rows: (string | number)[][] = [];
  let totalDouble = 0;
  let totalPhantom = 0;
  let totalConflicts = 0;
  const otherSamples: string[] = [];
  for (let round = 1; round <= env.BENCH_ROUNDS; round += 1) {
    const show = await services.shows.create({
      movieId: movie.id,
      theaterId: theater.id,
      screenId: theater.screens[0]?.id ?? '',
      startsAt: new Date(Date.now() + round * 6 * 3_600_000).toISOString(),
      prices: { standard: 1000 },
    });
    const latencies: number[] = [];
    const started = performance.now();
    const outcomes = await runBounded(env.BENCH_USERS, env.BENCH_CONCURRENCY, async (i) => {
      const headers = { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' };
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/v1/shows/${show.id}/holds`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ seats: randomSeats() }),
      });
      const body = (await res.json()) as { holdId?: string; seats?: string[]; takenSeats?: string[] };
      latencies.push(performance.now() - t0);
      if (res.status !== 201 && res.status !== 409 && otherSamples.length < 3)
        otherSamples.push(`${res.status} ${JSON.stringify(body)}`);
      if (res.status !== 201 || !body.holdId) {
        return { status: res.status, confirmed: false, seats: [] as string[], taken: body.takenSeats ?? [] };
      }
      const confirm = await fetch(`${baseUrl}/api/v1/holds/${body.holdId}/confirm`, { method: 'POST', headers });
      await confirm.arrayBuffer();
      return { status: 201, confirmed: confirm.status === 200, seats: body.seats ?? [], taken: [] as string[] };
    });
    const seconds = (performance.now() - started) / 1000;
    const sold = outcomes.filter((o) => o.confirmed).flatMap((o) => o.seats);
    const doubleBooked = sold.length - new Set(sold).size;
    const locks = await services.repositories.seatLocks.activeLocks(show.id, new Date());
    const lockedBooked = locks.filter((lock) => lock.state === 'booked').length;
    totalDouble += doubleBooked + Math.abs(lockedBooked - sold.length);
    // A 409 is phantom when every seat it named as taken ended up unsold: only a loser held it.
    const soldSeats = new Set(sold);
    const phantom = outcomes.filter((o) => o.status === 409 && o.taken.every((seat) => !soldSeats.has(seat))).length;
    totalPhantom += phantom;
    totalConflicts += outcomes.filter((o) => o.status === 409).length;
    latencies.sort((a, b) => a - b);
    const count = (status: number) => outcomes.filter((o) => o.status === status).length;
    rows.push([
      round,
      env.BENCH_USERS,
      Math.round(env.BENCH_USERS / seconds),
      count(201),
      count(409),
      phantom,
      outcomes.length - count(201) - count(409),
      outcomes.filter((o) => o.confirmed).length,
      `${sold.length}/${capacity}`,
      doubleBooked,
      Math.round(quantile(latencies, 0.5) * 10) / 10,
      Math.round(quantile(latencies, 0.95) * 10) / 10,
    ]);
  }
  writeBenchReport(__dirname, {
    name: 'booking-race',
    title: 'Movie booking: users racing for the seats of one show',
    method:
      `${env.BENCH_USERS} users per round, ${env.BENCH_CONCURRENCY} requests in flight over loopback, ` +
      `${capacity} seats per show, ${env.BENCH_ROUNDS} rounds (a new show each), on ${env.MONGO_URL}. ` +
      `Each user holds 1-4 adjacent random seats and confirms when the hold succeeds. A phantom 409 named only ` +
      `seats nobody ended up buying. Latency is of the hold request.`,
    tables: [
      {
        columns: [
          'round',
          'attempts',
          'attempts/s',
          'holds 201',
          'conflicts 409',
          'phantom 409',
          'other',
          'confirmed',
          'seats sold',
          'double-booked',
          'hold p50 ms',
          'hold p95 ms',
        ],
        rows,
      },
    ],
    notes: [
      `double-booked seats in total: ${totalDouble} (must be 0); confirmation emails recorded: ${emails}`,
      `phantom 409s in total: ${totalPhantom} of ${totalConflicts} conflicts`,
      ...otherSamples.map((sample) => `other answer: ${sample}`),
    ],
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connection.dropDatabase();
  await connection.close();
  if (totalDouble !== 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
