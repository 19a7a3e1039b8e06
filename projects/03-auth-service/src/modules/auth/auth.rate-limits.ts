/**
 * Rate limits stored in Redis (rate-limit-redis), so they hold across every instance of the service:
 * login by IP and by account, register and forgot-password by IP. Over the limit: 429 problem+json
 * with Retry-After.
 */
import { createHash } from 'node:crypto';
import { TooManyRequestsError } from '@roadmap/core';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

export interface RateLimitSettings {
  windowMs: number;
  loginPerIp: number;
  loginPerAccount: number;
  registerPerIp: number;
  forgotPasswordPerIp: number;
}

export interface RateLimiters {
  loginByIp: RequestHandler;
  /** Mount after body validation: it keys on the normalised email. */
  loginByAccount: RequestHandler;
  registerByIp: RequestHandler;
  forgotPasswordByIp: RequestHandler;
}

function emailKey(req: Request): string {
  const body: unknown = req.body;
  const email = typeof body === 'object' && body !== null && 'email' in body ? String(body.email) : '';
  return createHash('sha256').update(email).digest('hex').slice(0, 32);
}

export function createRateLimiters(redis: Redis, keyPrefix: string, settings: RateLimitSettings): RateLimiters {
  const limiter = (
    name: string,
    limit: number,
    keyGenerator?: (req: Request) => string,
    countOnly?: { status: number },
  ): RequestHandler =>
    rateLimit({
      windowMs: settings.windowMs,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      store: new RedisStore({
        prefix: `${keyPrefix}rl:${name}:`,
        sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
      }),
      ...(keyGenerator ? { keyGenerator } : {}),
      ...(countOnly
        ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => res.statusCode !== countOnly.status }
        : {}),
      handler: (req, _res, next) => {
        const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
        const resetTime = info?.resetTime?.getTime() ?? Date.now() + settings.windowMs;
        next(new TooManyRequestsError('Too many requests; slow down.', (resetTime - Date.now()) / 1000));
      },
    });
  return {
    loginByIp: limiter('login-ip', settings.loginPerIp),
    // Only wrong-password answers (401) count against an account: attempts already refused by a lockout
    // test no password, so one attacker's IP, locked after a few failures, cannot use up the real
    // user's allowance and keep them out indefinitely.
    loginByAccount: limiter('login-account', settings.loginPerAccount, emailKey, { status: 401 }),
    registerByIp: limiter('register-ip', settings.registerPerIp),
    forgotPasswordByIp: limiter('forgot-ip', settings.forgotPasswordPerIp),
  };
}
