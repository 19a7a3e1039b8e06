/** The seat lock schema: its states, and the unique index that makes double selling impossible. */
import { invalidPaths } from '@roadmap/testing/mongo';
import { createConnection, Types, type Connection } from 'mongoose';
import { createSeatLockModel } from './seat-lock.model.js';

describe('the seat lock model', () => {
  let connection: Connection;

  beforeAll(() => {
    connection = createConnection();
  });
  afterAll(() => connection.close());

  it('rejects a lock in an unknown state', async () => {
    const SeatLock = createSeatLockModel(connection);

    const paths = await invalidPaths(new SeatLock({ show: new Types.ObjectId(), seat: 'A1', state: 'sold' }));

    expect(paths).toEqual(['state']);
  });

  it('declares one unique index, on (show, seat)', () => {
    const indexes = createSeatLockModel(connection).schema.indexes();

    const unique = indexes.filter(([, options]) => options.unique).map(([keys]) => Object.keys(keys));

    expect(unique).toEqual([['show', 'seat']]);
  });
});
