/**
 * bull-board is a page the browser navigates to, so it cannot carry the admin page's bearer token
 * (held in memory only). The page trades that token for a short httpOnly cookie scoped to
 * /admin/queues, signed with the app's cookie secret, that expires with the token. The board accepts
 * that cookie or a bearer token (curl), from admins only.
 */
import type { AccessTokenVerifier, AuthUser } from '@roadmap/auth';
import { ForbiddenError, UnauthorizedError } from '@roadmap/core';
import type { CookieOptions, Request, RequestHandler, Response } from 'express';

export const QUEUES_COOKIE = 'queues_session';
/** The longest a board session lasts, whatever the token's own expiry. */
const MAX_SESSION_MS = 15 * 60_000;

interface QueuesSession {
  id: string;
  email: string | null;
  exp: number;
}

function cookieOptions(req: Request, path: string): CookieOptions {
  // Secure when the request came over HTTPS, directly or through a trusted proxy (TRUST_PROXY), whose
  // X-Forwarded-Proto Express reads into req.secure; a client's own header is not believed.
  const secure = req.secure;
  return { httpOnly: true, sameSite: 'strict', secure, signed: true, path };
}

/** Sets the board's cookie for `user` (an admin, checked by the route), until `expiresAt` at the latest. */
export function openQueuesSession(req: Request, res: Response, user: AuthUser, path: string, now: Date): Date {
  const exp = new Date(now.getTime() + MAX_SESSION_MS);
  const session: QueuesSession = { id: user.id, email: user.email ?? null, exp: exp.getTime() };
  res.cookie(QUEUES_COOKIE, JSON.stringify(session), { ...cookieOptions(req, path), expires: exp });
  return exp;
}

function sessionOf(req: Request, now: Date): QueuesSession | undefined {
  const raw: unknown = (req.signedCookies as Record<string, unknown> | undefined)?.[QUEUES_COOKIE];
  if (typeof raw !== 'string') return undefined;
  try {
    const session = JSON.parse(raw) as QueuesSession;
    return typeof session.id === 'string' && session.exp > now.getTime() ? session : undefined;
  } catch {
    return undefined;
  }
}

/** Admins only: a bearer token, or the board's signed cookie. Puts the admin on `req.user`. */
export function requireQueuesAdmin(verifier: AccessTokenVerifier, now: () => Date): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header?.startsWith('Bearer ')) {
      req.user = await verifier.verify(header.slice('Bearer '.length).trim());
      if (req.user.role !== 'admin') throw new ForbiddenError('This needs the admin role.');
      return next();
    }
    const session = sessionOf(req, now());
    if (!session) {
      throw new UnauthorizedError('Open the queues from the admin page (or send Authorization: Bearer <admin token>).');
    }
    req.user = {
      id: session.id,
      role: 'admin',
      tokenId: 'queues-session',
      ...(session.email ? { email: session.email } : {}),
    };
    next();
  };
}
