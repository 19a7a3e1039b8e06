/**
 * A lost or unreachable database is not a bug in the request: answer 503 with Retry-After instead of
 * a 500, so clients and load balancers retry. Other errors pass through to the global handler.
 */
import { ServiceUnavailableError } from '@roadmap/core';
import type { ErrorRequestHandler } from 'express';

const UNAVAILABLE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'MongoNotConnectedError',
]);

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = err;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return causeChain(err).some(
    (e) =>
      e instanceof Error &&
      (UNAVAILABLE_ERRORS.has(e.name) || /connection .* closed|pool .* cleared|buffering timed out/i.test(e.message)),
  );
}

export function databaseUnavailableHandler(): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (!isDatabaseUnavailable(err)) {
      next(err);
      return;
    }
    req.log?.error({ err }, 'database unavailable');
    next(
      new ServiceUnavailableError('The database is unavailable; try again shortly.', {
        headers: { 'Retry-After': '2' },
      }),
    );
  };
}
