/**
 * The concurrency proof: hundreds of users fire holds for overlapping seats at the same moment through
 * a real HTTP server. Every answer must be 201 or a 409 naming taken seats, and no seat may end up in
 * two holds or bookings.
 */
import { listen, type ListeningApp } from '@roadmap/testing';
import { seedShow } from './factories.js';
import { useBookingHarness, MINUTE } from './harness.js';

const REQUESTS = 240;
const HOT_SEATS = ['A', 'B', 'C'].flatMap((row) => Array.from({ length: 10 }, (_, i) => `${row}${i + 1}`));

interface Answer {
  status: number;
  seats: string[];
  body: { holdId?: string; seats?: string[]; takenSeats?: string[] };
  token: string;
}

describe('seat race', () => {
  const t = useBookingHarness('seat_race');
  let server: ListeningApp;
  let baseUrl: string;
  let showId: string;

  beforeAll(async () => {
    showId = await raceShow(48);
    server = await listen(t.app);
    baseUrl = server.url;
  });

  afterAll(() => server.close());

  /** A fresh show on a 4-row, 10-seat screen. */
  async function raceShow(hoursAhead: number): Promise<string> {
    const seeded = await seedShow(t.services, {
      startsAt: t.clock.after(hoursAhead * 60 * MINUTE),
      screen: {
        name: 'Race screen',
        rows: ['A', 'B', 'C', 'D'].map((label) => ({
          label,
          seatCount: 10,
          type: 'standard' as const,
          accessibleSeats: [],
          missingSeats: [],
        })),
      },
    });
    return seeded.showId;
  }

  async function fire(path: string, token: string, body?: unknown, extraHeaders: Record<string, string> = {}) {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  /** Request i wants 2 or 3 neighbouring hot seats, so neighbouring requests overlap. */
  function seatsFor(i: number): string[] {
    const start = (i * 7) % HOT_SEATS.length;
    const count = 2 + (i % 2);
    return Array.from({ length: count }, (_, k) => HOT_SEATS[(start + k) % HOT_SEATS.length] ?? 'A1');
  }

  it(`gives every seat to at most one of ${REQUESTS} concurrent holds and answers each clearly`, async () => {
    const answers: Answer[] = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const token = t.userToken();
        const seats = seatsFor(i);
        const res = await fire(`/api/v1/shows/${showId}/holds`, token, { seats });
        return { ...res, seats, token };
      }),
    );

    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    const winners = answers.filter((a) => a.status === 201);
    const losers = answers.filter((a) => a.status === 409);
    expect(winners.length).toBeGreaterThan(0);
    expect(losers.length).toBeGreaterThan(0);
    for (const loser of losers) {
      expect(loser.body.takenSeats?.length).toBeGreaterThan(0);
      for (const seat of loser.body.takenSeats ?? []) expect(loser.seats).toContain(seat);
    }

    const heldSeats = winners.flatMap((w) => w.body.seats ?? []);
    expect(new Set(heldSeats).size).toBe(heldSeats.length);

    // The database agrees: one lock per held seat, each owned by the hold that answered 201.
    const locks = await t.models.SeatLock.find({ show: showId }).lean();
    expect(locks).toHaveLength(heldSeats.length);
    const ownerOf = new Map(winners.flatMap((w) => (w.body.seats ?? []).map((seat) => [seat, w.body.holdId])));
    for (const lock of locks) expect(lock.booking?.toString()).toBe(ownerOf.get(lock.seat));
    expect(await t.models.Booking.countDocuments({ show: showId, status: 'held' })).toBe(winners.length);

    // Winners confirm while a second wave races for the same hot seats: the wave gets nothing booked.
    const [confirms, wave] = await Promise.all([
      Promise.all(
        winners.map((w) =>
          fire(`/api/v1/holds/${w.body.holdId}/confirm`, w.token, undefined, {
            'idempotency-key': `race-${w.body.holdId}`,
          }),
        ),
      ),
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          fire(`/api/v1/shows/${showId}/holds`, t.userToken(), { seats: seatsFor(i) }),
        ),
      ),
    ]);
    expect(confirms.every((c) => c.status === 200)).toBe(true);
    expect(wave.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    const waveSeats = wave.filter((a) => a.status === 201).flatMap((a) => a.body.seats ?? []);
    for (const seat of waveSeats) expect(heldSeats).not.toContain(seat);

    const finalLocks = await t.models.SeatLock.find({ show: showId }).lean();
    const lockedSeats = finalLocks.map((lock) => lock.seat);
    expect(new Set(lockedSeats).size).toBe(lockedSeats.length);
    expect(finalLocks.filter((lock) => lock.state === 'booked')).toHaveLength(heldSeats.length);
  });

  it('gives one of two holds racing for the same seats in opposite orders the whole set, every time', async () => {
    const pairShow = await raceShow(72);
    const triples = ['A', 'B', 'C', 'D'].flatMap((row) =>
      [1, 4, 7].map((n) => [n, n + 1, n + 2].map((k) => `${row}${k}`)),
    );

    const pairs = await Promise.all(
      triples.map((seats) =>
        Promise.all([
          fire(`/api/v1/shows/${pairShow}/holds`, t.userToken(), { seats }),
          fire(`/api/v1/shows/${pairShow}/holds`, t.userToken(), { seats: [...seats].reverse() }),
        ]),
      ),
    );

    // Claimed in one order, the two meet at their first seat: one gets all three, the other none,
    // and nobody is refused for seats that then go unsold.
    expect(pairs.map((pair) => pair.map((answer) => answer.status).sort())).toEqual(triples.map(() => [201, 409]));
    const locks = await t.models.SeatLock.find({ show: pairShow }).lean();
    expect(locks).toHaveLength(triples.length * 3);
  });
});
