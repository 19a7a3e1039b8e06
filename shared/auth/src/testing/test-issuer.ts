/**
 * A throw-away issuer for tests and demo data: its own ES256 key, a matching verifier, and
 * `tokenFor(user)` to mint access tokens without running the auth service.
 */
import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer, createAccessTokenVerifier, type AccessTokenVerifier } from '../access-token.js';
import { generateSigningKey, type SigningKey } from '../keys.js';
import type { Role } from '../roles.js';

export interface TestIssuer {
  key: SigningKey;
  issuer: AccessTokenIssuer;
  verifier: AccessTokenVerifier;
  /** A valid access token for a user (a new random id unless given), with `amr`/`auth_time` when given. */
  tokenFor(user?: TestTokenSubject): string;
}

export interface TestTokenSubject {
  id?: string;
  role?: Role;
  email?: string;
  amr?: string[];
  authTime?: Date;
  mfaEnrolmentRequired?: boolean;
}

export const TEST_ISSUER = 'http://auth.test';
export const TEST_AUDIENCE = 'backend-roadmap';

export function createTestIssuer(options: { ttlSeconds?: number; key?: SigningKey } = {}): TestIssuer {
  const key = options.key ?? generateSigningKey();
  const issuer = new AccessTokenIssuer({
    key,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    ttlSeconds: options.ttlSeconds ?? 900,
  });
  const verifier = createAccessTokenVerifier({
    publicKeyPem: key.publicKeyPem,
    algorithm: key.algorithm,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
  });
  return {
    key,
    issuer,
    verifier,
    tokenFor(user = {}) {
      const { id = randomUUID(), role = 'user', ...rest } = user;
      return issuer.sign({ id, role, ...rest }).token;
    },
  };
}
