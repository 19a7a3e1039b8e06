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

function causeChain(err: unknown): Error[] {
  const chain: Error[] = [];
  let current = err;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = current.cause;
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
      UNAVAILABLE_SOCKET_CODES.has(socketCode(e) ?? ''),
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
