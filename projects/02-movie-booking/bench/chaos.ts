/**
 * Movie booking under chaos: moviegoers browse shows and seat maps, hold seats and confirm them
 * (retrying a failed confirm with the same Idempotency-Key, as a client should), each confirmed
 * booking owing a confirmation email, while Redis, the mail server and MongoDB are cut in turn
 * (see @roadmap/testing's runChaos). Prints one table; exits 1 if a booking or an email was lost
 * or duplicated, or a request went unanswered.
 *
 *   pnpm --filter @roadmap/movie-booking chaos      (about 6 minutes; CHAOS_SCALE=0.2 for a quick try)
 */
import path from 'node:path';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER } from '@roadmap/auth/testing';
import { messageIdFor } from '@roadmap/mail';
import { chaosMain, type ChaosClient } from '@roadmap/testing';
import type { Connection } from 'mongoose';
import { createServices, ensureIndexes } from '../src/app.js';
import { createBookingModel } from '../src/modules/bookings/booking.model.js';
import { confirmationEmailKey } from '../src/modules/bookings/index.js';

const ROWS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
const SEATS_PER_ROW = 20;
const SHOWS = 40;
const issuer = createTestIssuer({ ttlSeconds: 3600 });
const tokens = Array.from({ length: 50 }, (_, i) => issuer.tokenFor({ role: 'user', email: `viewer${i}@movie.chaos` }));
const showIds: string[] = [];
const confirmed = new Set<string>();
const any = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup(connection: Connection): Promise<void> {
  // The seed path: nothing here confirms a booking, so nothing owes mail.
  const services = createServices({ connection, mail: { relaySoon: () => undefined } });
  await ensureIndexes(services.repositories);
  const movie = await services.movies.create({
    title: 'Chaos Movie',
    description: 'Shown while dependencies fail.',
    genres: ['drama'],
    languages: ['english'],
    durationMinutes: 100,
    certification: 'PG',
    releaseDate: '2026-01-01',
    status: 'now_showing',
  });
  const rows = ROWS.map((label) => ({
    label,
    seatCount: SEATS_PER_ROW,
    type: 'standard' as const,
    accessibleSeats: [],
    missingSeats: [],
  }));
  const theater = await services.theaters.create({
    name: 'Chaos Cinema',
    city: 'Loopback',
    address: '127.0.0.1',
    screens: [{ name: 'Main', rows }],
  });
  const start = Date.now() + 24 * 3_600_000;
  for (let i = 0; i < SHOWS; i += 1) {
    const show = await services.shows.create({
      movieId: movie.id,
      theaterId: theater.id,
      screenId: theater.screens[0]?.id ?? '',
      startsAt: new Date(start + i * 3 * 3_600_000).toISOString(),
      prices: { standard: 1000 },
    });
    showIds.push(show.id);
  }
}

async function book(client: ChaosClient): Promise<void> {
  const token = any(tokens);
  const row = any(ROWS);
  const first = 1 + Math.floor(Math.random() * (SEATS_PER_ROW - 1));
  const seats = Math.random() < 0.5 ? [`${row}${first}`] : [`${row}${first}`, `${row}${first + 1}`];
  const headers = { authorization: `Bearer ${token}` };
  const hold = await client.send({
    method: 'POST',
    path: `/api/v1/shows/${any(showIds)}/holds`,
    headers,
    body: { seats },
  });
  const holdId = (hold.body as { holdId?: string } | undefined)?.holdId;
  if (hold.status !== 201 || !holdId) return;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const answer = await client.send({
      method: 'POST',
      path: `/api/v1/holds/${holdId}/confirm`,
      headers: { ...headers, 'idempotency-key': `chaos-${holdId}` },
    });
    if (answer.status === 200) {
      confirmed.add(holdId);
      return;
    }
    if (answer.status !== 503 && answer.status !== 0) return;
    await pause(1000);
  }
}

chaosMain({
  name: 'movie booking',
  server: path.join(__dirname, '..', 'src', 'server.ts'),
  env: ({ mongoUrl, redisUrl, redisPrefix, smtpUrl }) => ({
    MONGO_URL: mongoUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    SMTP_URL: smtpUrl,
    AUTH_PUBLIC_KEY: issuer.key.publicKeyPem,
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
  }),
  messageIdOf: (key) => messageIdFor(key, 'movie-booking.local'),
  setup,
  operations: [
    {
      name: 'browse shows',
      weight: 3,
      run: (c) => c.send({ method: 'GET', path: '/api/v1/shows?limit=20' }).then(() => undefined),
    },
    {
      name: 'seat map',
      weight: 2,
      run: (c) => c.send({ method: 'GET', path: `/api/v1/shows/${any(showIds)}/seats` }).then(() => undefined),
    },
    { name: 'hold and confirm', weight: 4, run: book },
  ],
  async audit(connection) {
    const stored = await createBookingModel(connection).find({ status: 'confirmed' }, { _id: 1 }).lean();
    const storedIds = new Set(stored.map((booking) => booking._id.toString()));
    return {
      writes: [
        {
          label: 'bookings confirmed',
          acknowledged: confirmed.size,
          stored: storedIds.size,
          lost: [...confirmed].filter((id) => !storedIds.has(id)).length,
          storedButRefused: [...storedIds].filter((id) => !confirmed.has(id)).length,
        },
      ],
      owedMailKeys: [...storedIds].map(confirmationEmailKey),
    };
  },
});
