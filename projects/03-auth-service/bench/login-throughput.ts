/**
 * Login throughput against its ceiling. bcrypt dominates a login, so one core can do at most
 * 1 / (hash time) logins per second, and the machine (cores / hash time). This measures the hash
 * time at the configured cost, then logins/s under load against the app in-process on loopback
 * (real MongoDB-compatible server and Redis), and prints the ratio as a table and as
 * bench/results/login-throughput.json. It asserts nothing.
 *
 *   pnpm --filter @roadmap/auth-service bench            (BCRYPT_COST=12, 10 s, 16 connections)
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=8 BCRYPT_COST=10 pnpm --filter @roadmap/auth-service bench
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { generateSigningKey, PasswordHasher } from '@roadmap/auth';
import { createLogger } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import autocannon from 'autocannon';
import { writeBenchReport } from '@roadmap/testing';
import { Redis } from 'ioredis';
import { createApp, createRepositories, ensureIndexes } from '../src/app.js';
import { defaultSettings } from '../src/config.js';

const env = process.env;
const cost = Number(env.BCRYPT_COST ?? 12);
const seconds = Number(env.BENCH_SECONDS ?? 10);
const connections = Number(env.BENCH_CONNECTIONS ?? 16);
const mongoUrl = env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function measureHashMs(hasher: PasswordHasher, samples: number): Promise<number> {
  await hasher.hash('warm-up-password');
  const start = performance.now();
  for (let i = 0; i < samples; i += 1) await hasher.hash(`sample-password-${i}`);
  return (performance.now() - start) / samples;
}

async function main(): Promise<void> {
  const hasher = new PasswordHasher(cost);
  const cores = availableParallelism();
  const hashMs = await measureHashMs(hasher, 10);
  const ceiling = cores / (hashMs / 1000);

  const suffix = randomBytes(4).toString('hex');
  const connection = await connectMongo({ url: mongoUrl, dbName: `bench_auth_${suffix}` });
  const redis = new Redis(redisUrl);
  const redisPrefix = `bench:auth:${suffix}:`;
  const logger = createLogger({ name: 'auth-bench', level: 'silent' });
  const base = defaultSettings();
  const unreachable = { ...base.pairLockout, threshold: 1_000_000 };
  const app = createApp({
    logger,
    connection,
    redis,
    redisPrefix,
    // Logins owe no mail.
    mail: { relaySoon: () => undefined },
    signingKey: generateSigningKey(),
    hasher,
    settings: defaultSettings({
      rateLimits: { ...base.rateLimits, loginPerIp: 10_000_000 },
      pairLockout: unreachable,
      accountLockout: { ...base.accountLockout, threshold: 1_000_000 },
    }),
  });
  const server = createServer(app);
  try {
    const repositories = createRepositories(connection);
    await ensureIndexes(repositories);
    const email = 'bench@example.com';
    const password = 'Bench-password-1';
    await repositories.users.create({ email, name: 'Bench', passwordHash: await hasher.hash(password) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/login`;

    const result = await autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      connections,
      duration: seconds,
    });
    const rps = result.requests.average;
    writeBenchReport(__dirname, {
      name: 'login-throughput',
      title: 'Auth service: login throughput against the bcrypt ceiling',
      method:
        `autocannon, ${connections} connections for ${seconds} s against POST /api/v1/auth/login (one user, ` +
        `the right password), the app in-process on loopback with FerretDB/MongoDB and Redis; ${cores} cores, ` +
        `libuv threadpool ${env.UV_THREADPOOL_SIZE ?? 4}. The ceiling is cores / bcrypt hash time at the cost, ` +
        `the hash time the mean of 10 hashes.`,
      tables: [
        {
          columns: [
            'bcrypt cost',
            'hash ms',
            'ceiling logins/s',
            'logins/s',
            'p50 ms',
            'p99 ms',
            'requests',
            'non-2xx + errors',
            'ratio to ceiling',
          ],
          rows: [
            [
              cost,
              Math.round(hashMs * 10) / 10,
              Math.round(ceiling * 10) / 10,
              Math.round(rps * 10) / 10,
              result.latency.p50,
              result.latency.p99,
              result.requests.total,
              result.non2xx + result.errors,
              (rps / ceiling).toFixed(2),
            ],
          ],
        },
      ],
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // Logins autocannon left running when it stopped still write (their session, their audit line)
    // after their sockets closed, and a write after the drop would create the database again. So the
    // app's connection is closed first, cutting those writes, and the drop goes through a new one.
    await connection.close(true);
    const admin = await connectMongo({ url: mongoUrl, dbName: connection.name });
    await admin.dropDatabase();
    await admin.close();
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
