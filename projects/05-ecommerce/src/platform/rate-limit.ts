/**
 * Rate limits counted in Redis (rate-limit-redis) so they hold across instances. Over the limit:
 * 429 problem+json with Retry-After. Redis down: requests pass (the catalog must keep serving), each
 * logged as a failed count, and the store reloads its script once Redis is back instead of staying
 * broken.
 */
import { TooManyRequestsError, type Logger } from '@roadmap/core';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/**
 * A store whose Lua script is (re)loaded by the first increment after a failure: Redis down or still
 * connecting at start-up, or lost later, costs the requests of that moment their limit, never the
 * limit itself for good (rate-limit-redis would keep awaiting the failed load).
 */
class RecoveringRedisStore extends RedisStore {
  private scriptStale = false;

  override async init(options: Parameters<RedisStore['init']>[0]) {
    try {
      await super.init(options);
    } catch {
      this.scriptStale = true;
    }
  }

  override async increment(key: string) {
    if (this.scriptStale) {
      this.scriptStale = false;
      this.incrementScriptSha = this.loadIncrementScript();
    }
    try {
      return await super.increment(key);
    } catch (err) {
      this.scriptStale = true;
      throw err;
    }
  }
}

export interface RedisRateLimitOptions {
  redis: Redis;
  /** The service's Redis key prefix; the counters live under `<prefix>rl:<name>:`. */
  prefix: string;
  name: string;
  perMinute: number;
  /** Where a failed count is reported (the limiter's own default is the console). */
  logger: Logger;
  /** Requests that are not counted, e.g. catalog reads. */
  skip?: (req: Request) => boolean;
}

/**
 * express-rate-limit's logger, `(error, message)`, as structured lines of the service's logger: a
 * count that failed (Redis down or slow) is one line with the error, not a console dump per request.
 */
function limiterLogger(logger: Logger, name: string) {
  const log = logger.child({ component: 'rate-limit', limiter: name });
  const line =
    (level: 'warn' | 'error') =>
    (...args: unknown[]) => {
      const err = args.find((arg) => arg instanceof Error);
      const message = args.filter((arg) => typeof arg === 'string').join(' ');
      log[level](err ? { err } : {}, message || (err as Error | undefined)?.message || 'rate limiter');
    };
  return { warn: line('warn'), error: line('error') };
}

export function redisRateLimit({
  redis,
  prefix,
  name,
  perMinute,
  logger,
  skip = () => false,
}: RedisRateLimitOptions): RequestHandler {
  const store = new RecoveringRedisStore({
    prefix: `${prefix}rl:${name}:`,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    passOnStoreError: true,
    validate: { creationStack: false },
    logger: limiterLogger(logger, name),
    store,
    skip,
    handler: (req, _res, next) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const resetTime = info?.resetTime?.getTime() ?? Date.now() + 60_000;
      next(new TooManyRequestsError('Too many requests; slow down.', (resetTime - Date.now()) / 1000));
    },
  });
}
