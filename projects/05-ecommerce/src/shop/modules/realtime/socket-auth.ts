/**
 * Authentication of a socket, at the handshake and at every re-authentication: the access token is
 * verified through @roadmap/auth (issuer, audience, expiry, signature), and a refusal is given a code a
 * client can act on: token_expired means "refresh and retry", token_missing means "log in", and
 * auth_unavailable means "retry later" (the auth service's keys could not be fetched).
 */
import type { AccessTokenVerifier, AuthUser } from '@roadmap/auth';
import { ServiceUnavailableError } from '@roadmap/core';
import type { RefusalCode } from './realtime.schemas.js';

export interface SocketSession {
  user: AuthUser;
  /** When the token stops being valid (its `exp`), if it says. */
  expiresAt: Date | undefined;
}

export class SocketAuthError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'SocketAuthError';
  }
}

// The verifier's 401 messages (shared/auth/src/access-token.ts) and the code each one means here.
const REASONS: [RegExp, RefusalCode][] = [
  [/has expired/, 'token_expired'],
  [/not meant for this service/, 'token_wrong_audience'],
  [/unknown issuer/, 'token_wrong_issuer'],
];

/** The token's `exp`, read after the signature was verified. */
function expiryOf(token: string): Date | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const exp = typeof payload === 'object' && payload !== null ? (payload as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

export async function authenticateSocket(verifier: AccessTokenVerifier, token: unknown): Promise<SocketSession> {
  if (typeof token !== 'string' || token.length === 0) {
    throw new SocketAuthError('token_missing', 'An access token is required: connect with auth: { token }.');
  }
  try {
    return { user: await verifier.verify(token), expiresAt: expiryOf(token) };
  } catch (err) {
    if (err instanceof ServiceUnavailableError) {
      throw new SocketAuthError('auth_unavailable', 'Access tokens cannot be checked right now; retry shortly.');
    }
    const message = err instanceof Error ? err.message : 'The access token is invalid.';
    const code = REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? 'token_invalid';
    throw new SocketAuthError(code, message);
  }
}
