/**
 * The repository's edge proxy for a test: Caddy with deploy/Caddyfile on a free port of localhost, in
 * front of the apps the test names (each app's `<NAME>_UPSTREAM`), as scripts/start.sh and docker
 * compose run it. Apps behind it must trust it (trustProxy: 'loopback' or 1), as they do there.
 * Caddy is optional on a developer's machine: `findCaddy()` says whether to run the edge tests.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopProcess } from './auth-service-process.js';
import type { TestContext } from './harness.js';
import { freePort } from './listen.js';
import { waitFor } from './wait.js';

const ROOT = path.resolve(__dirname, '../../..');

/** Caddy: CADDY_BIN, Debian's /usr/bin/caddy, or one on PATH. */
export function findCaddy(): string | undefined {
  return [
    process.env.CADDY_BIN,
    '/usr/bin/caddy',
    '/usr/local/bin/caddy',
    ...(process.env.PATH ?? '').split(':').map((dir) => `${dir}/caddy`),
  ].find((candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate));
}

/** An app of deploy/apps.json by name (notes-api, movie-booking, auth-service, blog, shop, payments). */
export type EdgeUpstreams = Partial<Record<string, string>>;

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts the edge in front of `upstreams` (app name -> a URL or host:port) and returns its origin,
 * e.g. http://localhost:41234; stopped at the test's clean-up. Undefined when Caddy is not installed.
 * `port`: one chosen beforehand (freePort), for an app that must know the edge's URL when it starts.
 */
export async function startEdge(
  ctx: TestContext,
  upstreams: EdgeUpstreams,
  port?: number,
): Promise<string | undefined> {
  const caddy = findCaddy();
  if (!caddy) return undefined;
  port ??= await freePort();
  const home = await mkdtemp(path.join(tmpdir(), 'edge-'));
  ctx.onCleanup(() => rm(home, { recursive: true, force: true }));
  const variables = Object.fromEntries(
    Object.entries(upstreams).map(([name, url]) => [
      `${name.toUpperCase().replaceAll('-', '_')}_UPSTREAM`,
      (url ?? '').replace(/^https?:\/\//, ''),
    ]),
  );
  const child = spawn(caddy, ['run', '--config', 'deploy/Caddyfile', '--adapter', 'caddyfile'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...variables,
      SITE_ADDRESS: `http://localhost:${port}`,
      LANDING_DIR: path.join(ROOT, 'deploy/landing'),
      XDG_DATA_HOME: home,
      XDG_CONFIG_HOME: home,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  ctx.onCleanup(() => stopProcess(child));
  const origin = `http://localhost:${port}`;
  await waitFor(() => answers(`${origin}/`), { timeoutMs: 15_000, description: 'the Caddy edge' }).catch(() => {
    throw new Error(`Caddy did not start:\n${output}`);
  });
  return origin;
}

/**
 * `describe` when Caddy is installed, else `describe.skip` saying so once on stderr (.ci/run installs
 * Caddy, so CI always runs these).
 */
export function describeThroughEdge(file: string): jest.Describe {
  if (findCaddy()) return describe;
  process.stderr.write(`${path.basename(file)} skipped: Caddy is not installed (apt-get install caddy)\n`);
  return describe.skip;
}
