/**
 * The auth service next door as a real process for the RealWorld tests: run from its sources (as
 * scripts/start.sh runs it) on a port of its own, with its own MongoDB database (dropped at clean-up),
 * a Redis prefix under the test's, this test's SMTP sink and bcrypt cost 4. The blog reaches it over
 * HTTP exactly as in production, and trusts its tokens through its JWKS.
 */
import path from 'node:path';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '@roadmap/auth';
import { startChildServer, testServices, type TestContext } from '@roadmap/testing';
import { spawn } from 'node:child_process';

const AUTH_DIR = path.resolve(__dirname, '../../03-auth-service');
export const AUTH_ISSUER = 'http://auth.realworld.test';
export const AUTH_AUDIENCE = 'backend-roadmap';

export interface AuthServiceProcess {
  url: string;
  /** The auth service's MongoDB database name. */
  dbName: string;
  verifier: AccessTokenVerifier;
  env: Record<string, string>;
  /** Runs the auth service's seed (admin@example.com / Admin-password-1, demo@example.com). */
  seed(): Promise<void>;
  kill(): void;
}

export async function startAuthService(ctx: TestContext): Promise<AuthServiceProcess> {
  const [database, redis, smtp] = await Promise.all([ctx.mongo(), ctx.redis(), ctx.smtp()]);
  const dbName = `${database.dbName}-auth`;
  ctx.onCleanup(() => database.connection.useDb(dbName).dropDatabase());
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    MONGO_URL: `${testServices.mongoUrl}/${dbName}`,
    REDIS_URL: testServices.redisUrl,
    REDIS_PREFIX: `${redis.prefix}auth:`,
    SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
    BCRYPT_COST: '4',
    AUTH_ISSUER,
    AUTH_AUDIENCE,
    TRUST_PROXY: '1',
    CLEANUP_INTERVAL_SECONDS: '0',
    RATE_LIMIT_REGISTER_PER_IP: '1000',
    RATE_LIMIT_LOGIN_PER_IP: '1000',
  };
  const server = await startChildServer(path.join(AUTH_DIR, 'src/server.ts'), { cwd: AUTH_DIR, env });
  ctx.onCleanup(async () => {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.kill(), 5000);
    await server.exited;
    clearTimeout(timer);
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    dbName,
    env,
    verifier: createAccessTokenVerifier({
      jwksUri: `${url}/.well-known/jwks.json`,
      issuer: AUTH_ISSUER,
      audience: AUTH_AUDIENCE,
    }),
    seed: () => runSeed(env),
    kill: () => server.kill(),
  };
}

async function runSeed(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--conditions=@roadmap/source', '--import', 'tsx', 'src/seed.ts'], {
    cwd: AUTH_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the auth service's seed failed:\n${output}`);
}
