/**
 * The Mongoose schemas guard the data themselves, not only the request schemas in front of them:
 * anything written without going through HTTP (the seed, a script) is validated too.
 */
import { createConnection, Error as MongooseError, Types, type Connection } from 'mongoose';
import { createModels, type Models } from './models.js';

/** Paths that failed validation, sorted. */
async function invalidPaths(doc: { validate(): Promise<void> }): Promise<string[]> {
  try {
    await doc.validate();
    return [];
  } catch (err) {
    if (err instanceof MongooseError.ValidationError) return Object.keys(err.errors).sort();
    throw err;
  }
}

const row = { label: 'A', seatCount: 5, type: 'standard', accessibleSeats: [], missingSeats: [] };

describe('models', () => {
  let connection: Connection;
  let models: Models;

  beforeAll(() => {
    connection = createConnection();
    models = createModels(connection);
  });
  afterAll(() => connection.close());

  it('accepts a valid movie and rejects missing fields, unknown enums and out-of-range durations', async () => {
    const valid = {
      title: 'Seat Wars',
      genres: ['drama'],
      languages: ['en'],
      durationMinutes: 120,
      certification: 'PG',
      releaseDate: new Date('2030-01-01'),
      status: 'now_showing',
    };
    expect(await invalidPaths(new models.Movie(valid))).toEqual([]);
    expect(
      await invalidPaths(
        new models.Movie({
          ...valid,
          title: undefined,
          genres: [],
          durationMinutes: 601,
          certification: 'X',
          status: 'gone',
          posterUrl: 'ftp://x',
        }),
      ),
    ).toEqual(['certification', 'durationMinutes', 'genres', 'posterUrl', 'status', 'title']);
    expect(await invalidPaths(new models.Movie({ ...valid, durationMinutes: 90.5 }))).toEqual(['durationMinutes']);
  });

  it('rejects a seat layout with a duplicate row, a seat outside its row or duplicate screen names', async () => {
    const theater = { name: 'Odeon', city: 'Lisbon', address: 'Rua 1' };
    expect(await invalidPaths(new models.Theater({ ...theater, screens: [{ name: '1', rows: [row] }] }))).toEqual([]);
    expect(
      await invalidPaths(
        new models.Theater({ ...theater, screens: [{ name: '1', rows: [row, { ...row, missingSeats: [9] }] }] }),
      ),
    ).toEqual(['screens.0.rows']);
    expect(
      await invalidPaths(
        new models.Theater({
          ...theater,
          screens: [
            { name: '1', rows: [row] },
            { name: '1', rows: [row] },
          ],
        }),
      ),
    ).toEqual(['screens']);
    expect(await invalidPaths(new models.Theater({ ...theater, screens: [{ name: '1', rows: [] }] }))).toEqual([
      'screens.0.rows',
    ]);
  });

  it('rejects a show that ends before it starts or has a negative or fractional price', async () => {
    const show = {
      movie: new Types.ObjectId(),
      theater: new Types.ObjectId(),
      screen: new Types.ObjectId(),
      city: 'Lisbon',
      startsAt: new Date('2030-01-01T18:00:00Z'),
      endsAt: new Date('2030-01-01T20:20:00Z'),
      prices: { standard: 800 },
    };
    expect(await invalidPaths(new models.Show(show))).toEqual([]);
    expect(
      await invalidPaths(new models.Show({ ...show, endsAt: show.startsAt, prices: { standard: -1, premium: 10.5 } })),
    ).toEqual(['endsAt', 'prices.premium', 'prices.standard']);
  });

  it('rejects a booking without seats, with a negative amount or an unknown status, and a lock in an unknown state', async () => {
    const booking = {
      user: 'user-1',
      show: new Types.ObjectId(),
      seats: ['A1'],
      amount: 800,
      status: 'held',
      holdExpiresAt: new Date('2030-01-01T18:00:00Z'),
    };
    expect(await invalidPaths(new models.Booking(booking))).toEqual([]);
    expect(await invalidPaths(new models.Booking({ ...booking, seats: [], amount: -5, status: 'paid' }))).toEqual([
      'amount',
      'seats',
      'status',
    ]);
    expect(await invalidPaths(new models.SeatLock({ show: new Types.ObjectId(), seat: 'A1', state: 'sold' }))).toEqual([
      'state',
    ]);
  });

  it('declares the unique indexes that keep seats, movies and theaters single', () => {
    const uniqueKeys = (model: { schema: { indexes(): [object, { unique?: unknown }][] } }) =>
      model.schema
        .indexes()
        .filter(([, options]) => options.unique)
        .map(([keys]) => Object.keys(keys));
    expect(uniqueKeys(models.SeatLock)).toEqual([['show', 'seat']]);
    expect(uniqueKeys(models.Movie)).toEqual([['title', 'releaseDate']]);
    expect(uniqueKeys(models.Theater)).toEqual([['city', 'name']]);
  });
});
