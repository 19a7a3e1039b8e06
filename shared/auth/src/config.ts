/**
 * How a project verifies access tokens, from its environment: against the auth service's JWKS
 * (`AUTH_JWKS_URL`, the integrated mode) or a local public key (`AUTH_PUBLIC_KEY`, standalone).
 */
import { z } from 'zod';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './access-token.js';
import { normalisePem } from './keys.js';

export const authVerifierEnvShape = {
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_PUBLIC_KEY: z.string().min(1).optional(),
  AUTH_ALGORITHM: z.enum(['ES256', 'RS256']).default('ES256'),
  AUTH_ISSUER: z.string().min(1).default('http://localhost:3003'),
  AUTH_AUDIENCE: z.string().min(1).default('backend-roadmap'),
};

export const AuthVerifierEnvSchema = z.object(authVerifierEnvShape);
export type AuthVerifierEnv = z.output<typeof AuthVerifierEnvSchema>;

/** Refines a project's env schema: exactly one of AUTH_JWKS_URL or AUTH_PUBLIC_KEY must be set. */
export function requireOneKeySource(env: Pick<AuthVerifierEnv, 'AUTH_JWKS_URL' | 'AUTH_PUBLIC_KEY'>): boolean {
  return (env.AUTH_JWKS_URL === undefined) !== (env.AUTH_PUBLIC_KEY === undefined);
}

export const ONE_KEY_SOURCE_MESSAGE =
  'set exactly one of AUTH_JWKS_URL (trust the auth service) or AUTH_PUBLIC_KEY (a PEM)';

export function createVerifierFromEnv(env: AuthVerifierEnv): AccessTokenVerifier {
  const common = { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE };
  if (env.AUTH_JWKS_URL) {
    return createAccessTokenVerifier({ ...common, jwksUri: env.AUTH_JWKS_URL, algorithms: [env.AUTH_ALGORITHM] });
  }
  if (env.AUTH_PUBLIC_KEY) {
    return createAccessTokenVerifier({
      ...common,
      publicKeyPem: normalisePem(env.AUTH_PUBLIC_KEY),
      algorithm: env.AUTH_ALGORITHM,
    });
  }
  throw new Error(ONE_KEY_SOURCE_MESSAGE);
}
