/** The show schema guards stored shows, whatever writes them, and declares the indexes the show list needs. */
import { invalidPaths } from '@roadmap/testing/mongo';
import { createConnection, Types, type Connection } from 'mongoose';
import { cityKeyOf, createShowModel } from './show.model.js';

describe('the show model', () => {
  let connection: Connection;

  beforeAll(() => {
    connection = createConnection();
  });
  afterAll(() => connection.close());

  it('rejects a show that ends before it starts or has a negative or fractional price', async () => {
    const Show = createShowModel(connection);
    const show = {
      movie: new Types.ObjectId(),
      theater: new Types.ObjectId(),
      screen: new Types.ObjectId(),
      city: 'Lisbon',
      cityKey: 'lisbon',
      startsAt: new Date('2030-01-01T18:00:00Z'),
      endsAt: new Date('2030-01-01T20:20:00Z'),
      prices: { standard: 800 },
    };

    const valid = await invalidPaths(new Show(show));
    const invalid = await invalidPaths(
      new Show({ ...show, endsAt: show.startsAt, prices: { standard: -1, premium: 10.5 } }),
    );

    expect(valid).toEqual([]);
    expect(invalid).toEqual(['endsAt', 'prices.premium', 'prices.standard']);
  });

  it('keys a city by its trimmed lower-case name, so any case of the name finds it by equality', () => {
    expect(['Lisbon', 'LISBON', ' lisbon ', 'LisBon'].map(cityKeyOf)).toEqual(['lisbon', 'lisbon', 'lisbon', 'lisbon']);
    expect(cityKeyOf('São Paulo')).toBe(cityKeyOf('SÃO PAULO'));
    expect(cityKeyOf('Porto')).not.toBe(cityKeyOf('Porto Alegre'));
  });

  it('has an index that reads each show list query in its page order (filter, startsAt, _id)', () => {
    const keys = createShowModel(connection)
      .schema.indexes()
      .map(([fields]) => fields);

    expect(keys).toEqual(
      expect.arrayContaining([
        { movie: 1, startsAt: 1, _id: 1 },
        { cityKey: 1, startsAt: 1, _id: 1 },
        { startsAt: 1, _id: 1 },
      ]),
    );
  });
});
