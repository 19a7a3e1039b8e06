/**
 * The blog's real server (src/server.ts) as a child process on the real services: SIGTERM under
 * keep-alive load resets no connection, readiness answers 503 through the configured drain delay
 * first, and dependencies close by stage; an unhandled rejection is logged, shuts the server down
 * the same way and exits 1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestIssuer } from '@roadmap/auth';
import {
  createTestDatabase,
  createTestRedis,
  REJECT_ON_SIGUSR2,
  sigtermUnderLoad,
  startServerProcess,
  startSmtpSink,
  testServices,
  unhandledRejectionIn,
  type SmtpSink,
  type TestDatabase,
  type TestRedis,
} from '@roadmap/testing';

const SERVER = path.join(__dirname, '..', 'src', 'server.ts');

let db: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let uploadDir: string;

beforeAll(async () => {
  db = await createTestDatabase('blog_process');
  redis = await createTestRedis('blog_process');
  sink = await startSmtpSink();
  uploadDir = await mkdtemp(path.join(tmpdir(), 'blog-process-'));
});
afterAll(async () => {
  await sink.close();
  await redis.cleanup();
  await db.cleanup();
  await rm(uploadDir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return {
    MONGO_URL: `${testServices.mongoUrl}/${db.dbName}`,
    REDIS_URL: testServices.redisUrl,
    QUEUE_PREFIX: redis.prefix.replace(/:$/, ''),
    SMTP_URL: `smtp://${sink.host}:${sink.port}`,
    AUTH_PUBLIC_KEY: createTestIssuer().key.publicKeyPem,
    UPLOAD_DIR: uploadDir,
  };
}

/** The dependencies the server said it closed, in order. */
function closed(output: Record<string, unknown>[]): unknown[] {
  return output.filter((line) => line.msg === 'closed').map((line) => line.dependency);
}

describe('the blog server process', () => {
  it('answers every keep-alive request through SIGTERM, readiness 503 first, then exits 0', async () => {
    const server = await startServerProcess(SERVER, env());

    const outcome = await sigtermUnderLoad(server, { path: '/api/v1/posts' });

    expect(outcome.readinessWhileDraining).toBe(503);
    expect(Object.keys(outcome.load.errors).filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
    expect(outcome.load.closedByServer).toBeGreaterThanOrEqual(20);
    expect(outcome.exitCode).toBe(0);
    expect(closed(server.lines())).toEqual(['mail', 'smtp', 'redis', 'mongodb']);
  });

  it('logs an unhandled rejection, shuts down the same way and exits 1', async () => {
    const server = await startServerProcess(SERVER, env(), { preload: [REJECT_ON_SIGUSR2] });

    const exitCode = await unhandledRejectionIn(server);

    expect(exitCode).toBe(1);
    expect(server.lines().find((line) => line.level === 60)).toMatchObject({ event: 'unhandledRejection' });
    expect(closed(server.lines())).toEqual(['mail', 'smtp', 'redis', 'mongodb']);
  });
});
