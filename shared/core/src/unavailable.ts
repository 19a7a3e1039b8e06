/**
 * A lost or unreachable dependency (database, Redis) is not a bug in the request: the global handler
 * answers 503 with Retry-After instead of a 500, so clients and load balancers retry.
 */
import { types } from 'node:util';

const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  'PoolClearedError',
  // In-flight operations interrupted when the driver's monitor finds the server not answering.
  'PoolClearedOnNetworkError',
  'MongoNotConnectedError',
  'MaxRetriesPerRequestError',
  'DependencyTimeoutError',
]);

// ioredis: "Command timed out" (commandTimeout), "Stream isn't writeable and enableOfflineQueue ...".
// MongoDB: a reset met inside a bulk write keeps only the socket's words ("read ECONNRESET").
const UNAVAILABLE_MESSAGE =
  /connection .* closed|pool .* cleared|buffering timed out|Connection is closed|\bE(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT)\b|Command timed out|Stream isn't writeable/i;

/**
 * node-postgres (pg, pg-pool): a connection that broke ("Connection terminated unexpectedly"), never
 * came up within its timeout, or stopped answering a query within its read timeout, and a client left
 * unusable by one of those.
 */
const PG_UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * PostgreSQL's own SQLSTATEs for a server that refuses or ends the session: class 08 (connection
 * exception), 57P01-57P03 (shut down by an admin, after a crash, still starting), 53300 (no free
 * connection slot). A statement's own errors (constraints, syntax, timeouts) are not among them.
 */
const PG_UNAVAILABLE_STATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;

function isPostgresUnavailable(err: Error): boolean {
  if (PG_UNAVAILABLE_MESSAGE.test(err.message)) return true;
  const { code, severity } = err as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && typeof severity === 'string' && PG_UNAVAILABLE_STATE.test(code);
}

/**
 * Socket errors of a connection to a dependency. The MongoDB driver passes a reset it meets while
 * writing on a pooled connection up as the bare socket error (`write ECONNRESET`).
 */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** A call to a dependency that did not answer within its bound. */
export class DependencyTimeoutError extends Error {
  readonly dependency: string;
  readonly timeoutMs: number;

  constructor(dependency: string, timeoutMs: number) {
    super(`${dependency} did not answer within ${timeoutMs} ms`);
    this.name = 'DependencyTimeoutError';
    this.dependency = dependency;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * `promise`, or a DependencyTimeoutError after `timeoutMs`. The call itself is not cancelled: use it
 * for calls that are safe to complete late (idempotent, e.g. a queue add with a fixed job id).
 */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, dependency: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DependencyTimeoutError(dependency, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The error and its causes. `isNativeError`, not `instanceof Error`: an error raised by Node itself
 * (a socket's ECONNRESET) comes from another realm than code run in a VM context, such as Jest's.
 * The MongoDB driver wraps a driver error met inside a bulk write (insertMany) in a MongoBulkWriteError
 * that keeps the original as `errorResponse`, not as `cause`.
 */
function causeChain(err: unknown): Error[] {
  const chain: Error[] = [];
  let current = err;
  while (types.isNativeError(current) && chain.length < 5) {
    chain.push(current);
    const { errorResponse } = current as { errorResponse?: unknown };
    current = current.cause ?? (types.isNativeError(errorResponse) ? errorResponse : undefined);
  }
  return chain;
}

function socketCode(err: Error): string | undefined {
  const { code, syscall } = err as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && typeof syscall === 'string' ? code : undefined;
}

export function isDependencyUnavailable(err: unknown): boolean {
  return causeChain(err).some(
    (e) =>
      UNAVAILABLE_ERROR_NAMES.has(e.name) ||
      UNAVAILABLE_MESSAGE.test(e.message) ||
      UNAVAILABLE_SOCKET_CODES.has(socketCode(e) ?? '') ||
      isPostgresUnavailable(e),
  );
}

export interface RetryWhileUnavailable {
  /** Give up (rethrow) once this long has passed since the first attempt. */
  forMs: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `task` again, with growing pauses, while it fails because a dependency is unavailable and
 * `forMs` has not passed; any other failure is thrown at once. For work nobody waits for (started
 * after the answer) that must still happen once the database or broker is back. `task` must be safe
 * to repeat: an attempt may have succeeded with only its answer lost.
 */
export async function retryWhileUnavailable<T>(
  task: () => Promise<T>,
  { forMs, firstDelayMs = 500, maxDelayMs = 10_000 }: RetryWhileUnavailable,
): Promise<T> {
  const deadline = Date.now() + forMs;
  for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, maxDelayMs)) {
    try {
      return await task();
    } catch (err) {
      if (!isDependencyUnavailable(err) || Date.now() + delay > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
