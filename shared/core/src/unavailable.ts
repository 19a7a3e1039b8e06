/**
 * A lost or unreachable dependency (database, Redis) is not a bug in the request: the global handler
 * answers 503 with Retry-After instead of a 500, so clients and load balancers retry.
 */

const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'MongoNotConnectedError',
  'MaxRetriesPerRequestError',
]);

const UNAVAILABLE_MESSAGE =
  /connection .* closed|pool .* cleared|buffering timed out|Connection is closed|ECONNREFUSED/i;

function causeChain(err: unknown): Error[] {
  const chain: Error[] = [];
  let current = err;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

export function isDependencyUnavailable(err: unknown): boolean {
  return causeChain(err).some((e) => UNAVAILABLE_ERROR_NAMES.has(e.name) || UNAVAILABLE_MESSAGE.test(e.message));
}
