/**
 * HTTP <-> AuthService. The refresh token travels both in the JSON body (for non-browser clients)
 * and in an httpOnly, Secure, SameSite=Strict cookie scoped to /api/v1/auth (for browsers, where
 * script never sees it). SameSite=Strict keeps the cookie off cross-site requests (CSRF).
 */
import { currentUser } from '@roadmap/auth';
import { UnauthorizedError, type NoParams } from '@roadmap/core';
import type { CookieOptions, Request, Response } from 'express';
import { clientInfo } from '../audit/index.js';
import type { SessionService } from '../sessions/index.js';
import type {
  ForgotPasswordBody,
  LoginBody,
  RefreshBody,
  RegisterBody,
  ResetPasswordBody,
  UpdateMeBody,
  VerifyEmailBody,
} from './auth.schemas.js';
import type { AuthService, TokenPair } from './auth.service.js';

const REFRESH_COOKIE = 'refresh_token';

export interface CookieSettings {
  path: string;
  secure: boolean;
}

export function createAuthController(service: AuthService, sessions: SessionService, cookie: CookieSettings) {
  const cookieOptions: CookieOptions = {
    httpOnly: true,
    secure: cookie.secure,
    sameSite: 'strict',
    path: cookie.path,
  };

  function sendTokens(res: Response, tokens: TokenPair, status = 200): void {
    const maxAge = new Date(tokens.refreshTokenExpiresAt).getTime() - Date.now();
    res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...cookieOptions, maxAge });
    res.set('Cache-Control', 'no-store');
    res.status(status).json(tokens);
  }

  function refreshTokenOf(req: Request<NoParams, unknown, RefreshBody>): string | undefined {
    const cookies: unknown = req.cookies;
    const fromCookie =
      typeof cookies === 'object' && cookies !== null && REFRESH_COOKIE in cookies
        ? (cookies as Record<string, unknown>)[REFRESH_COOKIE]
        : undefined;
    return req.body.refreshToken ?? (typeof fromCookie === 'string' ? fromCookie : undefined);
  }

  return {
    async register(req: Request<NoParams, unknown, RegisterBody>, res: Response) {
      const user = await service.register(req.body, clientInfo(req));
      res.status(201).json({ user });
    },
    async login(req: Request<NoParams, unknown, LoginBody>, res: Response) {
      sendTokens(res, await service.login(req.body, clientInfo(req)));
    },
    async refresh(req: Request<NoParams, unknown, RefreshBody>, res: Response) {
      const token = refreshTokenOf(req);
      if (!token)
        throw new UnauthorizedError('A refresh token is required (body refreshToken or the refresh_token cookie).');
      sendTokens(res, await service.refresh(token, clientInfo(req)));
    },
    async logout(req: Request<NoParams, unknown, RefreshBody>, res: Response) {
      const token = refreshTokenOf(req);
      if (token) await sessions.revokeByToken(token);
      res.clearCookie(REFRESH_COOKIE, cookieOptions);
      res.status(204).end();
    },
    async logoutAll(req: Request, res: Response) {
      await sessions.logoutEverywhere(currentUser(req).id, clientInfo(req));
      res.clearCookie(REFRESH_COOKIE, cookieOptions);
      res.status(204).end();
    },
    async me(req: Request, res: Response) {
      res.json({ user: await service.me(currentUser(req).id) });
    },
    async updateMe(req: Request<NoParams, unknown, UpdateMeBody>, res: Response) {
      const caller = currentUser(req);
      res.json({ user: await service.updateMe(caller.id, caller.sessionId, req.body, clientInfo(req)) });
    },
    async verifyEmail(req: Request<NoParams, unknown, VerifyEmailBody>, res: Response) {
      res.json({ user: await service.verifyEmail(req.body.token, clientInfo(req)) });
    },
    async resendVerification(req: Request, res: Response) {
      await service.resendVerification(currentUser(req).id);
      res.status(202).json({ message: 'A new verification email is on its way.' });
    },
    async forgotPassword(req: Request<NoParams, unknown, ForgotPasswordBody>, res: Response) {
      await service.forgotPassword(req.body.email, clientInfo(req));
      res.status(202).json({ message: 'If an account uses this address, a reset link has been sent to it.' });
    },
    async resetPassword(req: Request<NoParams, unknown, ResetPasswordBody>, res: Response) {
      await service.resetPassword(req.body, clientInfo(req));
      res.status(204).end();
    },
  };
}
