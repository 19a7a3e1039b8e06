/**
 * The real processes the browser test stands up beside the in-process shop: the auth service (the
 * project next door, run from its sources as scripts/start.sh runs it, on an isolated MongoDB database
 * and Redis prefix, seeded with its demo admin and customer); the Caddy edge in front of them comes
 * from @roadmap/testing (startEdge), so the page, the shop API, Socket.io and the auth service share
 * one origin.
 */
import { existsSync } from 'node:fs';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '@roadmap/auth';
import { startAuthServiceProcess, type AuthServiceProcess, type TestContext } from '@roadmap/testing';

export const ISSUER = 'http://auth.browser.test';
export const AUDIENCE = 'backend-roadmap';

export interface AuthService extends AuthServiceProcess {
  verifier: AccessTokenVerifier;
}

/** The auth service on `port`, seeded (admin@example.com, demo@example.com), trusting `corsOrigin`. */
export async function startAuthService(ctx: TestContext, port: number, corsOrigin: string): Promise<AuthService> {
  const service = await startAuthServiceProcess(ctx, {
    issuer: ISSUER,
    audience: AUDIENCE,
    port,
    env: { PUBLIC_URL: `http://127.0.0.1:${port}`, CORS_ORIGINS: corsOrigin },
  });
  await service.seed();
  return {
    ...service,
    verifier: createAccessTokenVerifier({ jwksUri: service.jwksUri, issuer: ISSUER, audience: AUDIENCE }),
  };
}

/** A Chromium for playwright-core: CHROMIUM_PATH, Debian's chromium, or Google Chrome. */
export function findChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
    (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
  );
}
