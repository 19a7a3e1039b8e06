/** The theater schema guards stored seat layouts, whatever writes them (the API, the seed, a script). */
import { invalidPaths } from '@roadmap/testing/mongo';
import { createConnection, type Connection } from 'mongoose';
import { createTheaterModel } from './theater.model.js';

const row = { label: 'A', seatCount: 5, type: 'standard', accessibleSeats: [], missingSeats: [] };
const theater = { name: 'Odeon', city: 'Lisbon', address: 'Rua 1' };

describe('the theater model', () => {
  let connection: Connection;

  beforeAll(() => {
    connection = createConnection();
  });
  afterAll(() => connection.close());

  it('rejects a seat layout with a duplicate row, a seat outside its row or duplicate screen names', async () => {
    const Theater = createTheaterModel(connection);
    const screen = (rows: object[], name = '1') => ({ name, rows });

    const valid = await invalidPaths(new Theater({ ...theater, screens: [screen([row])] }));
    const seatOutsideRow = await invalidPaths(
      new Theater({ ...theater, screens: [screen([row, { ...row, missingSeats: [9] }])] }),
    );
    const sameScreenName = await invalidPaths(new Theater({ ...theater, screens: [screen([row]), screen([row])] }));
    const noRows = await invalidPaths(new Theater({ ...theater, screens: [screen([])] }));

    expect(valid).toEqual([]);
    expect(seatOutsideRow).toEqual(['screens.0.rows']);
    expect(sameScreenName).toEqual(['screens']);
    expect(noRows).toEqual(['screens.0.rows']);
  });

  it('declares one unique index, on (city, name), so a theater cannot be stored twice in its city', () => {
    const indexes = createTheaterModel(connection).schema.indexes();

    const unique = indexes.filter(([, options]) => options.unique).map(([keys]) => Object.keys(keys));

    expect(unique).toEqual([['city', 'name']]);
  });
});
