/**
 * `requireAuth` reads a Bearer access token, verifies it and puts the caller on `req.user`;
 * `requireRole('admin')` then answers 403 to an authenticated caller without the role.
 */
import { ForbiddenError, UnauthorizedError } from '@roadmap/core';
import type { Request, RequestHandler } from 'express';
import type { AccessTokenVerifier } from './access-token.js';
import type { AuthUser, Role } from './roles.js';

declare global {
  // Express's Request is extended through this global namespace (the pattern @types/express documents).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  if (!match?.[1]) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
  return match[1];
}

export function requireAuth(verifier: AccessTokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) throw new UnauthorizedError('An access token is required (Authorization: Bearer <token>).');
    req.user = await verifier.verify(token);
    next();
  };
}

/** Like requireAuth, but lets anonymous callers through (req.user stays undefined). A bad token is still 401. */
export function optionalAuth(verifier: AccessTokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (token) req.user = await verifier.verify(token);
    next();
  };
}

export function requireRole(...roles: [Role, ...Role[]]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new UnauthorizedError();
    if (!roles.includes(req.user.role)) {
      throw new ForbiddenError(`This needs the ${roles.join(' or ')} role.`);
    }
    next();
  };
}

/** The authenticated caller; for handlers behind requireAuth. */
export function currentUser(req: Pick<Request, 'user'>): AuthUser {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}
