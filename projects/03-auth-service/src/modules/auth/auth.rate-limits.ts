/**
 * Rate limits stored in Redis (rate-limit-redis), so they hold across every instance of the service,
 * all per client address: login, register and forgot-password, and the endpoints that take a secret
 * someone could guess at (refresh tokens, emailed verify/reset links). Over the limit: 429
 * problem+json with Retry-After. Nothing is limited per account: that would let anyone lock the
 * owner out; the login lockout (login-lockout.ts) guards accounts instead.
 */
import { TooManyRequestsError } from '@roadmap/core';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

export interface RateLimitSettings {
  windowMs: number;
  loginPerIp: number;
  registerPerIp: number;
  forgotPasswordPerIp: number;
  refreshPerIp: number;
  /** verify-email and reset-password together: both take a token from an emailed link. */
  emailLinkPerIp: number;
  /** Second factors and passkey sign-ins (login/mfa, login/passkey, step-up) together. */
  mfaPerIp: number;
}

export interface RateLimiters {
  loginByIp: RequestHandler;
  registerByIp: RequestHandler;
  forgotPasswordByIp: RequestHandler;
  refreshByIp: RequestHandler;
  emailLinkByIp: RequestHandler;
  mfaByIp: RequestHandler;
}

/**
 * rate-limit-redis loads its Lua scripts once, when the limiter is created, and keeps the promise: if
 * Redis did not answer then (starting, busy, cut), every later request fails with that cached error,
 * a 503 until the process restarts. This store loads a script again on the next request instead.
 */
export class ReloadingRedisStore extends RedisStore {
  override async increment(key: string) {
    const [increment, get] = await Promise.allSettled([this.incrementScriptSha, this.getScriptSha]);
    if (increment.status === 'rejected') this.incrementScriptSha = this.loadIncrementScript();
    if (get.status === 'rejected') this.getScriptSha = this.loadGetScript();
    return super.increment(key);
  }
}

export function createRateLimiters(redis: Redis, keyPrefix: string, settings: RateLimitSettings): RateLimiters {
  const limiter = (name: string, limit: number): RequestHandler =>
    rateLimit({
      windowMs: settings.windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      store: new ReloadingRedisStore({
        prefix: `${keyPrefix}rl:${name}:`,
        sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
      }),
      handler: (req, _res, next) => {
        const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
        const resetTime = info?.resetTime?.getTime() ?? Date.now() + settings.windowMs;
        next(new TooManyRequestsError('Too many requests; slow down.', (resetTime - Date.now()) / 1000));
      },
    });
  return {
    loginByIp: limiter('login-ip', settings.loginPerIp),
    registerByIp: limiter('register-ip', settings.registerPerIp),
    forgotPasswordByIp: limiter('forgot-ip', settings.forgotPasswordPerIp),
    refreshByIp: limiter('refresh-ip', settings.refreshPerIp),
    emailLinkByIp: limiter('email-link-ip', settings.emailLinkPerIp),
    mfaByIp: limiter('mfa-ip', settings.mfaPerIp),
  };
}
