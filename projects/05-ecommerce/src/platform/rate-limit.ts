/**
 * Rate limits counted in Redis (rate-limit-redis) so they hold across instances. Over the limit:
 * 429 problem+json with Retry-After. Redis down: requests pass (the catalog must keep serving), and
 * the store reloads its script once Redis is back instead of staying broken.
 */
import { TooManyRequestsError } from '@roadmap/core';
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

export function redisRateLimit(
  redis: Redis,
  prefix: string,
  name: string,
  perMinute: number,
  skip: (req: Request) => boolean = () => false,
): RequestHandler {
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
    store,
    skip,
    handler: (req, _res, next) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const resetTime = info?.resetTime?.getTime() ?? Date.now() + 60_000;
      next(new TooManyRequestsError('Too many requests; slow down.', (resetTime - Date.now()) / 1000));
    },
  });
}
