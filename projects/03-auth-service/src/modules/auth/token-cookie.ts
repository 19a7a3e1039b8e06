/**
 * How tokens reach a client: the refresh token travels both in the JSON body (for non-browser
 * clients) and in an httpOnly, Secure, SameSite=Strict cookie scoped to /api/v1/auth (for browsers,
 * where script never sees it). SameSite=Strict keeps the cookie off cross-site requests (CSRF).
 * Every way of signing in (password, second factor, passkey) answers through this.
 */
import type { CookieOptions, Request, Response } from 'express';
import type { TokenPair } from '../sessions/index.js';

const REFRESH_COOKIE = 'refresh_token';

export interface CookieSettings {
  path: string;
  secure: boolean;
}

export interface TokenResponder {
  sendTokens(res: Response, tokens: TokenPair, status?: number): void;
  clearRefreshCookie(res: Response): void;
  /** The refresh token from the body, else from the cookie. */
  refreshTokenOf(req: Request<unknown, unknown, { refreshToken?: string | undefined }>): string | undefined;
}

export function tokenResponder(cookie: CookieSettings): TokenResponder {
  const cookieOptions: CookieOptions = { httpOnly: true, secure: cookie.secure, sameSite: 'strict', path: cookie.path };
  return {
    sendTokens(res, tokens, status = 200) {
      const maxAge = new Date(tokens.refreshTokenExpiresAt).getTime() - Date.now();
      res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...cookieOptions, maxAge });
      res.set('Cache-Control', 'no-store');
      res.status(status).json(tokens);
    },
    clearRefreshCookie(res) {
      res.clearCookie(REFRESH_COOKIE, cookieOptions);
    },
    refreshTokenOf(req) {
      const cookies: unknown = req.cookies;
      const fromCookie =
        typeof cookies === 'object' && cookies !== null && REFRESH_COOKIE in cookies
          ? (cookies as Record<string, unknown>)[REFRESH_COOKIE]
          : undefined;
      return req.body.refreshToken ?? (typeof fromCookie === 'string' ? fromCookie : undefined);
    },
  };
}
