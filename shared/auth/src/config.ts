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

/** Where the auth service publishes its keys when it runs locally (scripts/start.sh, port 3003). */
export const DEVELOPMENT_JWKS_URL = 'http://127.0.0.1:3003/.well-known/jwks.json';

/** Refines a project's env schema: exactly one of AUTH_JWKS_URL or AUTH_PUBLIC_KEY must be set. */
export function requireOneKeySource(env: Pick<AuthVerifierEnv, 'AUTH_JWKS_URL' | 'AUTH_PUBLIC_KEY'>): boolean {
  return (env.AUTH_JWKS_URL === undefined) !== (env.AUTH_PUBLIC_KEY === undefined);
}

export const ONE_KEY_SOURCE_MESSAGE =
  'set exactly one of AUTH_JWKS_URL (trust the auth service) or AUTH_PUBLIC_KEY (a PEM)';

type KeySourceEnv = Pick<AuthVerifierEnv, 'AUTH_JWKS_URL' | 'AUTH_PUBLIC_KEY'> & { NODE_ENV: string };

/**
 * The key-source rule of a project that verifies tokens: both sources set is an error everywhere;
 * neither is an error in production, and elsewhere means the local auth service's JWKS
 * (DEVELOPMENT_JWKS_URL), so a project runs next to `scripts/start.sh` with no variables set.
 */
export function withKeySource<S extends z.ZodType<KeySourceEnv>>(schema: S): S {
  return schema
    .superRefine((env, ctx) => {
      const none = env.AUTH_JWKS_URL === undefined && env.AUTH_PUBLIC_KEY === undefined;
      if (none && env.NODE_ENV !== 'production') return;
      if (!requireOneKeySource(env)) {
        ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: ONE_KEY_SOURCE_MESSAGE });
      }
    })
    .overwrite((env) => {
      // overwrite (not transform) keeps the schema an object, so callers can still read .shape.
      if (env.AUTH_JWKS_URL !== undefined || env.AUTH_PUBLIC_KEY !== undefined) return env;
      return { ...env, AUTH_JWKS_URL: DEVELOPMENT_JWKS_URL };
    });
}

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
