/**
 * Access tokens: short-lived JWTs signed with an asymmetric key and carrying a `kid`. Verification
 * pins the algorithm, issuer and audience, so `alg: none`, HS256-with-the-public-key, a foreign key,
 * an expired token or another audience are all rejected with a 401.
 */
import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError, UnauthorizedError } from '@roadmap/core';
import jwt, { type JwtHeader, type JwtPayload } from 'jsonwebtoken';
import { JwksClient, JwksRateLimitError, SigningKeyNotFoundError } from 'jwks-rsa';
import { z } from 'zod';
import { publicJwk, type PublicJwk, type SigningAlgorithm, type SigningKey } from './keys.js';
import { RoleSchema, type AuthUser, type Role } from './roles.js';
import { MfaEnrolmentRequiredError } from './step-up.js';

export interface TokenSubject {
  id: string;
  role: Role;
  email?: string;
  /** The session (refresh-token family) the token was issued for; becomes the `sid` claim. */
  sessionId?: string;
  /** How the user authenticated (RFC 8176 values such as `pwd`, `otp`, `hwk`); the `amr` claim. */
  amr?: string[];
  /** When the user last actively authenticated; the `auth_time` claim (OIDC), in seconds. */
  authTime?: Date;
  /**
   * The user's role requires a second factor they have not enrolled yet: the token is good for the
   * enrolment routes only, and every verifier refuses it unless told otherwise.
   */
  mfaEnrolmentRequired?: boolean;
}

export interface IssuedAccessToken {
  token: string;
  tokenType: 'Bearer';
  /** Seconds until expiry. */
  expiresIn: number;
  jti: string;
}

export interface AccessTokenIssuerOptions {
  key: SigningKey;
  issuer: string;
  audience: string | string[];
  ttlSeconds: number;
  /** Public keys still accepted after a rotation, published in the JWKS beside the current one. */
  previousPublicKeys?: { publicKeyPem: string; algorithm: SigningAlgorithm; kid: string }[];
}

export class AccessTokenIssuer {
  private readonly options: AccessTokenIssuerOptions;

  constructor(options: AccessTokenIssuerOptions) {
    this.options = options;
  }

  get issuer(): string {
    return this.options.issuer;
  }

  sign(subject: TokenSubject): IssuedAccessToken {
    const { key, issuer, audience, ttlSeconds } = this.options;
    const jti = randomUUID();
    const claims = {
      role: subject.role,
      ...(subject.email ? { email: subject.email } : {}),
      ...(subject.sessionId ? { sid: subject.sessionId } : {}),
      ...(subject.amr ? { amr: subject.amr } : {}),
      ...(subject.authTime ? { auth_time: Math.floor(subject.authTime.getTime() / 1000) } : {}),
      ...(subject.mfaEnrolmentRequired ? { mfa_enrolment_required: true } : {}),
    };
    const token = jwt.sign(claims, key.privateKeyPem, {
      algorithm: key.algorithm,
      keyid: key.kid,
      issuer,
      audience,
      subject: subject.id,
      expiresIn: ttlSeconds,
      jwtid: jti,
    });
    return { token, tokenType: 'Bearer', expiresIn: ttlSeconds, jti };
  }

  /** The JSON Web Key Set to publish at `/.well-known/jwks.json`. */
  jwks(): { keys: PublicJwk[] } {
    const { key, previousPublicKeys = [] } = this.options;
    return {
      keys: [
        publicJwk(key.publicKeyPem, key.algorithm, key.kid),
        ...previousPublicKeys.map((previous) => publicJwk(previous.publicKeyPem, previous.algorithm, previous.kid)),
      ],
    };
  }
}

// exp and iat are required: jsonwebtoken only checks exp when present, and a token that never expires
// is not an access token, whoever signed it.
const ClaimsSchema = z.object({
  sub: z.string().min(1),
  exp: z.number(),
  iat: z.number(),
  role: RoleSchema,
  email: z.string().optional(),
  sid: z.string().min(1).optional(),
  jti: z.string().min(1),
  amr: z.array(z.string().min(1).max(20)).max(10).optional(),
  auth_time: z.number().int().nonnegative().optional(),
  mfa_enrolment_required: z.literal(true).optional(),
});

export interface AccessTokenVerifier {
  verify(token: string): Promise<AuthUser>;
}

/** A public key and the `kid` its tokens carry. */
export interface VerificationKey {
  kid: string;
  publicKeyPem: string;
  algorithm: SigningAlgorithm;
}

type KeySource =
  | { publicKeyPem: string; algorithm?: SigningAlgorithm }
  /** Several local keys (e.g. current and previous during a rotation), chosen by the token's `kid`. */
  | { publicKeys: [VerificationKey, ...VerificationKey[]] }
  | { jwksUri: string; algorithms?: SigningAlgorithm[]; cacheMaxAgeMs?: number; timeoutMs?: number };

export type AccessTokenVerifierOptions = KeySource & {
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on exp/nbf. */
  clockToleranceSeconds?: number;
  /**
   * Accept tokens of users who must enrol a second factor first (`mfa_enrolment_required`). Only
   * the auth service's enrolment routes do; everything else answers them 403.
   */
  acceptMfaEnrolmentTokens?: boolean;
};

function describeFailure(err: unknown): string {
  if (err instanceof jwt.TokenExpiredError) return 'The access token has expired.';
  if (err instanceof jwt.NotBeforeError) return 'The access token is not valid yet.';
  if (err instanceof jwt.JsonWebTokenError) {
    if (/audience/.test(err.message)) return 'The access token is not meant for this service.';
    if (/issuer/.test(err.message)) return 'The access token was issued by an unknown issuer.';
  }
  return 'The access token is invalid.';
}

/**
 * The JWKS could not be fetched (auth service down, timeout, bad answer). Not the caller's fault, so
 * a 503 rather than a 401 that would make clients throw away a good token. An unknown kid in a
 * reachable set, or the refetch rate limit, stays a 401.
 */
class KeySetUnavailableError extends Error {}

/** Seconds a client should wait before retrying when the key set cannot be fetched. */
const KEY_SET_RETRY_AFTER_SECONDS = 5;

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const { issuer, audience, clockToleranceSeconds = 5, acceptMfaEnrolmentTokens = false } = options;
  let algorithms: SigningAlgorithm[];
  let getKey: (header: JwtHeader, callback: (err: Error | null, key?: string) => void) => void;

  if ('publicKeyPem' in options) {
    const { publicKeyPem } = options;
    algorithms = [options.algorithm ?? 'ES256'];
    getKey = (_header, callback) => callback(null, publicKeyPem);
  } else if ('publicKeys' in options) {
    const byKid = new Map(options.publicKeys.map((key) => [key.kid, key.publicKeyPem]));
    algorithms = [...new Set(options.publicKeys.map((key) => key.algorithm))];
    getKey = (header, callback) => {
      const pem = header.kid === undefined ? undefined : byKid.get(header.kid);
      if (pem === undefined) callback(new Error('token names no known kid'));
      else callback(null, pem);
    };
  } else {
    algorithms = options.algorithms ?? ['ES256'];
    const client = new JwksClient({
      jwksUri: options.jwksUri,
      cache: true,
      cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60 * 1000,
      // An unknown kid refetches the set, but at most this often, so forged kids cannot flood the issuer.
      rateLimit: true,
      jwksRequestsPerMinute: 10,
      timeout: options.timeoutMs ?? 5000,
    });
    getKey = (header, callback) => {
      if (!header.kid) {
        callback(new Error('token has no kid'));
        return;
      }
      client
        .getSigningKey(header.kid)
        .then((key) => callback(null, key.getPublicKey()))
        .catch((err: Error) => {
          const invalidToken = err instanceof SigningKeyNotFoundError || err instanceof JwksRateLimitError;
          callback(invalidToken ? err : new KeySetUnavailableError(err.message, { cause: err }));
        });
    };
  }

  return {
    verify(token) {
      return new Promise((resolve, reject) => {
        // jsonwebtoken wraps a key-lookup error in its own, so keep the original to tell outages apart.
        let keyError: Error | null = null;
        const getKeyForThisToken = (header: JwtHeader, callback: (err: Error | null, key?: string) => void) =>
          getKey(header, (err, key) => {
            keyError = err;
            callback(err, key);
          });
        jwt.verify(
          token,
          getKeyForThisToken,
          { algorithms, issuer, audience, clockTolerance: clockToleranceSeconds, complete: false },
          (err, payload) => {
            if (keyError instanceof KeySetUnavailableError) {
              reject(
                new ServiceUnavailableError('The keys that verify access tokens cannot be fetched right now.', {
                  cause: keyError,
                  headers: { 'Retry-After': String(KEY_SET_RETRY_AFTER_SECONDS) },
                }),
              );
              return;
            }
            if (err || payload === undefined || typeof payload === 'string') {
              reject(new UnauthorizedError(describeFailure(err), { cause: err }));
              return;
            }
            const claims = ClaimsSchema.safeParse(payload as JwtPayload);
            if (!claims.success) {
              reject(new UnauthorizedError('The access token has malformed claims.'));
              return;
            }
            const { sub, role, email, sid, jti, amr, auth_time, mfa_enrolment_required } = claims.data;
            if (mfa_enrolment_required && !acceptMfaEnrolmentTokens) {
              reject(new MfaEnrolmentRequiredError());
              return;
            }
            resolve({
              id: sub,
              role,
              tokenId: jti,
              ...(email ? { email } : {}),
              ...(sid ? { sessionId: sid } : {}),
              ...(amr ? { amr } : {}),
              ...(auth_time === undefined ? {} : { authTime: auth_time }),
              ...(mfa_enrolment_required ? { mfaEnrolmentRequired: true } : {}),
            });
          },
        );
      });
    },
  };
}
