/** The movie schema guards stored movies, whatever writes them (the API, the seed, a script). */
import { invalidPaths } from '@roadmap/testing/mongo';
import { createConnection, type Connection } from 'mongoose';
import { createMovieModel } from './movie.model.js';

describe('the movie model', () => {
  let connection: Connection;
  const valid = {
    title: 'Seat Wars',
    genres: ['drama'],
    languages: ['en'],
    durationMinutes: 120,
    certification: 'PG',
    releaseDate: new Date('2030-01-01'),
    status: 'now_showing',
  };

  beforeAll(() => {
    connection = createConnection();
  });
  afterAll(() => connection.close());

  it('accepts a valid movie and rejects missing fields, unknown enums and out-of-range durations', async () => {
    const Movie = createMovieModel(connection);

    const accepted = await invalidPaths(new Movie(valid));
    const rejected = await invalidPaths(
      new Movie({
        ...valid,
        title: undefined,
        genres: [],
        durationMinutes: 601,
        certification: 'X',
        status: 'gone',
        posterUrl: 'ftp://x',
      }),
    );
    const fractional = await invalidPaths(new Movie({ ...valid, durationMinutes: 90.5 }));

    expect(accepted).toEqual([]);
    expect(rejected).toEqual(['certification', 'durationMinutes', 'genres', 'posterUrl', 'status', 'title']);
    expect(fractional).toEqual(['durationMinutes']);
  });

  it('declares one unique index, on (title, releaseDate), so a movie cannot be stored twice', () => {
    const indexes = createMovieModel(connection).schema.indexes();

    const unique = indexes.filter(([, options]) => options.unique).map(([keys]) => Object.keys(keys));

    expect(unique).toEqual([['title', 'releaseDate']]);
  });
});
