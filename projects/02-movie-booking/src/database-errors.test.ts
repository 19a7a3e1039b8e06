import { isDatabaseUnavailable } from './database-errors.js';

const named = (name: string, message = 'failed') => Object.assign(new Error(message), { name });

describe('isDatabaseUnavailable', () => {
  it('recognises driver network and pool errors, also as a cause', () => {
    expect(isDatabaseUnavailable(named('MongoServerSelectionError'))).toBe(true);
    expect(isDatabaseUnavailable(named('MongoBulkWriteError', 'connection 19 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: named('PoolClearedError') }))).toBe(true);
  });

  it('leaves validation, duplicate-key and programming errors alone', () => {
    expect(isDatabaseUnavailable(named('ValidationError'))).toBe(false);
    expect(
      isDatabaseUnavailable(Object.assign(named('MongoServerError', 'E11000 duplicate key'), { code: 11000 })),
    ).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('not an error')).toBe(false);
  });
});
