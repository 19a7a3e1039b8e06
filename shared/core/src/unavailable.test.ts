import { runInNewContext } from 'node:vm';
import mongoose from 'mongoose';
import { DependencyTimeoutError, isDependencyUnavailable, retryWhileUnavailable, withDeadline } from './unavailable.js';

const named = (name: string, message = 'failed') => Object.assign(new Error(message), { name });

/** The driver's class of that name is not exported; its name is a getter, as the driver's is. */
class PoolClearedOnNetworkError extends Error {
  override get name() {
    return 'PoolClearedOnNetworkError';
  }
}

describe('isDependencyUnavailable', () => {
  it('recognises driver network and pool errors, also as a cause', () => {
    expect(isDependencyUnavailable(named('MongoServerSelectionError'))).toBe(true);
    expect(isDependencyUnavailable(named('MongoBulkWriteError', 'connection 19 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(isDependencyUnavailable(new Error('wrapped', { cause: named('PoolClearedError') }))).toBe(true);
  });

  it('recognises a driver error the MongoDB driver wrapped in a bulk write error', () => {
    // What insertMany threw while the driver's monitor found the server not answering (a loaded
    // machine): the message names no network word, the original error is kept as errorResponse.
    const { MongoBulkWriteError, MongoNetworkTimeoutError } = mongoose.mongo;
    const timedOut = new MongoNetworkTimeoutError('connection <monitor> to 127.0.0.1:27017 timed out');
    const result = {} as ConstructorParameters<typeof MongoBulkWriteError>[1];

    expect(isDependencyUnavailable(new MongoBulkWriteError(timedOut, result))).toBe(true);
    expect(
      isDependencyUnavailable(
        new MongoBulkWriteError(
          new PoolClearedOnNetworkError('Connection to 127.0.0.1:27017 interrupted due to server monitor timeout'),
          result,
        ),
      ),
    ).toBe(true);
    expect(
      isDependencyUnavailable(
        new MongoBulkWriteError({ message: 'E11000 duplicate key', code: 11000, writeErrors: [] }, result),
      ),
    ).toBe(false);
  });

  it('recognises a socket reset the MongoDB driver passes up bare', () => {
    const reset = Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET', syscall: 'write', errno: -104 });

    expect(isDependencyUnavailable(reset)).toBe(true);
    expect(isDependencyUnavailable(named('MongoBulkWriteError', 'read ECONNRESET'))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('bad input'), { code: 'ECONNRESET' }))).toBe(false);
  });

  it('recognises a socket error raised in another realm (Node itself, seen from a VM context)', () => {
    const foreign = runInNewContext(
      "Object.assign(new Error('connect ECONNRESET 127.0.0.1:5432'), { code: 'ECONNRESET', syscall: 'connect' })",
    ) as unknown;

    expect(foreign instanceof Error).toBe(false);
    expect(isDependencyUnavailable(foreign)).toBe(true);
  });

  it('leaves validation, duplicate-key and programming errors alone', () => {
    expect(isDependencyUnavailable(named('ValidationError'))).toBe(false);
    expect(
      isDependencyUnavailable(Object.assign(named('MongoServerError', 'E11000 duplicate key'), { code: 11000 })),
    ).toBe(false);
    expect(isDependencyUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyUnavailable('not an error')).toBe(false);
  });
});

describe('isDependencyUnavailable for Redis', () => {
  it('recognises ioredis giving up on a command', () => {
    expect(
      isDependencyUnavailable(named('MaxRetriesPerRequestError', 'Reached the max retries per request limit')),
    ).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection is closed.'))).toBe(true);
  });
});

describe('isDependencyUnavailable for PostgreSQL', () => {
  const serverError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

  it('recognises node-postgres losing, never reaching or waiting on the server', () => {
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
  });

  it('recognises the server ending or refusing the session, and no other SQLSTATE', () => {
    expect(isDependencyUnavailable(serverError('57P01', 'terminating connection due to administrator command'))).toBe(
      true,
    );
    expect(isDependencyUnavailable(serverError('08006', 'connection failure'))).toBe(true);
    expect(isDependencyUnavailable(serverError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDependencyUnavailable(serverError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDependencyUnavailable(serverError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isDependencyUnavailable(Object.assign(new Error('bad input'), { code: '08006' }))).toBe(false);
  });
});

describe('withDeadline', () => {
  it('passes the answer through, and fails as unavailable once the deadline passes', async () => {
    await expect(withDeadline(Promise.resolve('ok'), 50, 'redis')).resolves.toBe('ok');

    const late = withDeadline(new Promise(() => undefined), 20, 'redis');

    await expect(late).rejects.toThrow(DependencyTimeoutError);
    await expect(late.catch((err: unknown) => isDependencyUnavailable(err))).resolves.toBe(true);
  });

  it('counts ioredis command timeouts and a closed offline queue as unavailable', () => {
    expect(isDependencyUnavailable(new Error('Command timed out'))).toBe(true);
    expect(isDependencyUnavailable(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(
      true,
    );
  });
});

describe('retryWhileUnavailable', () => {
  it('runs the task again while its dependency is unavailable, and answers once it succeeds', async () => {
    let calls = 0;
    const task = async () => {
      calls += 1;
      if (calls < 3) throw new Error('Connection is closed.');
      return 'done';
    };

    await expect(retryWhileUnavailable(task, { forMs: 1000, firstDelayMs: 5 })).resolves.toBe('done');
    expect(calls).toBe(3);
  });

  it('throws any other failure at once, and an unavailable one once the time is up', async () => {
    let calls = 0;
    const broken = async () => {
      calls += 1;
      throw new TypeError('a bug');
    };
    await expect(retryWhileUnavailable(broken, { forMs: 1000, firstDelayMs: 5 })).rejects.toThrow(TypeError);
    expect(calls).toBe(1);

    const down = async () => {
      throw new Error('Connection is closed.');
    };
    await expect(retryWhileUnavailable(down, { forMs: 30, firstDelayMs: 10 })).rejects.toThrow(/closed/);
  });
});
