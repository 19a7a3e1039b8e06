/**
 * The real processes the browser test stands up beside the in-process shop: the auth service (the
 * project next door, run from its sources as scripts/start.sh runs it, on an isolated MongoDB database
 * and Redis prefix, seeded with its demo admin and customer) and the Caddy edge with the repository's
 * own deploy/Caddyfile, so the page, the shop API, Socket.io and the auth service share one origin.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '@roadmap/auth';
import {
  freePort,
  startAuthServiceProcess,
  stopProcess,
  waitFor,
  type AuthServiceProcess,
  type TestContext,
} from '@roadmap/testing';

const ROOT = path.resolve(__dirname, '../../../..');
export const ISSUER = 'http://auth.browser.test';
export const AUDIENCE = 'backend-roadmap';

/** Runs `command` until the test's clean-up (SIGTERM, then SIGKILL after 5 s); its output is kept for errors. */
function run(ctx: TestContext, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  ctx.onCleanup(() => stopProcess(child));
  return { child, output: () => output };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

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

/** Caddy with deploy/Caddyfile on a free port of localhost, when Caddy is installed. */
export async function startEdge(
  ctx: TestContext,
  upstreams: { shop: string; auth: string; payments: string },
): Promise<string | undefined> {
  const caddy = [
    '/usr/bin/caddy',
    '/usr/local/bin/caddy',
    ...(process.env.PATH ?? '').split(':').map((d) => `${d}/caddy`),
  ].find((candidate) => existsSync(candidate));
  if (!caddy) return undefined;
  const port = await freePort();
  const home = await mkdtemp(path.join(tmpdir(), 'edge-'));
  ctx.onCleanup(() => rm(home, { recursive: true, force: true }));
  const edge = run(ctx, caddy, ['run', '--config', 'deploy/Caddyfile', '--adapter', 'caddyfile'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SITE_ADDRESS: `http://localhost:${port}`,
      SHOP_UPSTREAM: upstreams.shop,
      AUTH_SERVICE_UPSTREAM: upstreams.auth,
      PAYMENTS_UPSTREAM: upstreams.payments,
      LANDING_DIR: path.join(ROOT, 'deploy/landing'),
      XDG_DATA_HOME: home,
      XDG_CONFIG_HOME: home,
    },
  });
  const url = `http://localhost:${port}`;
  await waitFor(() => answers(`${url}/`), { timeoutMs: 15_000, description: 'the Caddy edge' }).catch(() => {
    throw new Error(`Caddy did not start:\n${edge.output()}`);
  });
  return url;
}

/** A Chromium for playwright-core: CHROMIUM_PATH, Debian's chromium, or Google Chrome. */
export function findChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
    (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
  );
}
