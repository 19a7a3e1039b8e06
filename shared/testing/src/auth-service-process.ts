/**
 * Another project's server as a real process for a test (`startProjectServer`), stopped at clean-up,
 * and the one most tests need: the auth service (`startAuthServiceProcess`), run from its sources as
 * scripts/start.sh runs it, on its own MongoDB database (dropped at clean-up), a Redis prefix under
 * the test's, this test's SMTP sink and bcrypt cost 4. Projects reach it over HTTP and trust its
 * tokens through its JWKS, exactly as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startChildServer, type ChildServer } from './child-server.js';
import type { TestContext } from './harness.js';
import { testServices } from './services.js';

const PROJECTS = path.resolve(__dirname, '../../../projects');
const AUTH_DIR = path.join(PROJECTS, '03-auth-service');

/** Starts `projects/<project>/src/server.ts` with `env`; at clean-up SIGTERM, then SIGKILL after 5 s. */
export async function startProjectServer(
  ctx: TestContext,
  project: string,
  env: Record<string, string>,
): Promise<ChildServer> {
  const dir = path.join(PROJECTS, project);
  const server = await startChildServer(path.join(dir, 'src/server.ts'), {
    cwd: dir,
    env: { NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  ctx.onCleanup(() => stopProcess(server.child));
  return server;
}

/** SIGTERM, then SIGKILL if it still runs 5 s later; resolves once it has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export interface AuthServiceProcessOptions {
  issuer: string;
  audience?: string;
  /** A fixed port (e.g. one the caller's CORS settings already name); a free one by default. */
  port?: number;
  /** More of the auth service's variables (CORS_ORIGINS, PUBLIC_URL, rate limits...). */
  env?: Record<string, string>;
}

export interface AuthServiceProcess {
  url: string;
  jwksUri: string;
  issuer: string;
  audience: string;
  /** The auth service's MongoDB database name. */
  dbName: string;
  env: Record<string, string>;
  /** Runs the auth service's seed (admin@example.com / Admin-password-1, demo@example.com). */
  seed(): Promise<void>;
  /** Logs in through its API and returns the access token. */
  login(email: string, password: string): Promise<string>;
  kill(): void;
}

export async function startAuthServiceProcess(
  ctx: TestContext,
  { issuer, audience = 'backend-roadmap', port = 0, env: extra = {} }: AuthServiceProcessOptions,
): Promise<AuthServiceProcess> {
  const [database, redis, smtp] = await Promise.all([ctx.mongo(), ctx.redis(), ctx.smtp()]);
  const dbName = `${database.dbName}-auth`;
  ctx.onCleanup(() => database.connection.useDb(dbName).dropDatabase());
  const env: Record<string, string> = {
    PORT: String(port),
    MONGO_URL: `${testServices.mongoUrl}/${dbName}`,
    REDIS_URL: testServices.redisUrl,
    REDIS_PREFIX: `${redis.prefix}auth:`,
    SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
    BCRYPT_COST: '4',
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: audience,
    TRUST_PROXY: '1',
    CLEANUP_INTERVAL_SECONDS: '0',
    ...extra,
  };
  const server = await startProjectServer(ctx, '03-auth-service', env);
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    jwksUri: `${url}/.well-known/jwks.json`,
    issuer,
    audience,
    dbName,
    env,
    seed: () => runAuthSeed(env),
    async login(email, password) {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`login of ${email} failed: ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    kill: () => server.kill(),
  };
}

async function runAuthSeed(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--conditions=@roadmap/source', '--import', 'tsx', 'src/seed.ts'], {
    cwd: AUTH_DIR,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the auth service's seed failed:\n${output}`);
}
