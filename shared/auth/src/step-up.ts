/**
 * Step-up authentication (RFC 9470): `requireMfa({ maxAgeSeconds })` lets a request through only when
 * its access token says a second factor was used (`amr`, RFC 8176) no longer than `maxAgeSeconds`
 * ago (`auth_time`). Otherwise it answers 401 with `WWW-Authenticate: Bearer
 * error="insufficient_user_authentication", max_age=...`, which tells the client to have the user
 * prove a second factor again and retry with the new token, rather than to log in from scratch.
 */
import { ForbiddenError, HttpError, UnauthorizedError } from '@roadmap/core';
import type { RequestHandler } from 'express';
import type { AuthUser } from './roles.js';

/**
 * `amr` values (RFC 8176) that prove something other than a password: a one-time code (TOTP or a
 * recovery code), a hardware- or software-held key (a passkey), or an explicit multi-factor claim.
 */
export const SECOND_FACTOR_METHODS: readonly string[] = ['otp', 'hwk', 'swk', 'mfa'];

export const INSUFFICIENT_USER_AUTHENTICATION = 'insufficient_user_authentication';
export const MFA_ENROLMENT_REQUIRED = 'mfa_enrolment_required';

/** True when the token's authentication included a second factor. */
export function hasSecondFactor(user: Pick<AuthUser, 'amr'>): boolean {
  return (user.amr ?? []).some((method) => SECOND_FACTOR_METHODS.includes(method));
}

/**
 * 401 naming `insufficient_user_authentication` (RFC 9470 section 3): the token is valid, but the
 * authentication behind it is too weak or too old for this request.
 */
export class InsufficientUserAuthenticationError extends HttpError {
  constructor(maxAgeSeconds: number, detail?: string) {
    const description = detail ?? `This needs a second factor used within the last ${maxAgeSeconds} seconds.`;
    super(401, 'Insufficient User Authentication', 'insufficient-user-authentication', {
      detail: description,
      headers: {
        'WWW-Authenticate': `Bearer error="${INSUFFICIENT_USER_AUTHENTICATION}", error_description="${description.replace(/"/g, "'")}", max_age=${maxAgeSeconds}`,
      },
      extensions: { error: INSUFFICIENT_USER_AUTHENTICATION, maxAge: maxAgeSeconds },
    });
  }
}

/** 403 for a token whose user must enrol a second factor before doing anything else. */
export class MfaEnrolmentRequiredError extends ForbiddenError {
  constructor() {
    super('Your account must set up a second factor (an authenticator app or a passkey) first.', {
      extensions: { error: MFA_ENROLMENT_REQUIRED },
    });
  }
}

export interface FreshSecondFactorOptions {
  maxAgeSeconds: number;
  /** The clock to measure the age with (a test clock in tests). */
  now?: () => Date;
}

/** Throws InsufficientUserAuthenticationError unless `user` proved a second factor recently enough. */
export function assertFreshSecondFactor(
  user: AuthUser,
  { maxAgeSeconds, now = () => new Date() }: FreshSecondFactorOptions,
): void {
  if (!hasSecondFactor(user) || user.authTime === undefined) {
    throw new InsufficientUserAuthenticationError(maxAgeSeconds, 'This needs a second factor; confirm it and retry.');
  }
  const ageSeconds = now().getTime() / 1000 - user.authTime;
  if (ageSeconds > maxAgeSeconds) {
    throw new InsufficientUserAuthenticationError(
      maxAgeSeconds,
      `Your second factor was used ${Math.floor(ageSeconds)} seconds ago; this needs one within ${maxAgeSeconds} seconds. Confirm it again and retry.`,
    );
  }
}

/** Middleware for after requireAuth: a second factor no older than `maxAgeSeconds`, or 401. */
export function requireMfa(options: FreshSecondFactorOptions): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new UnauthorizedError();
    assertFreshSecondFactor(req.user, options);
    next();
  };
}
