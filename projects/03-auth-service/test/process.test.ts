/**
 * The auth service's real server (src/server.ts) as a child process on the real services: SIGTERM under
 * keep-alive load resets no connection, readiness answers 503 through the configured drain delay
 * first, and dependencies close by stage; an unhandled rejection is logged, shuts the server down
 * the same way and exits 1.
 */
import path from 'node:path';
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

beforeAll(async () => {
  db = await createTestDatabase('auth_process');
  redis = await createTestRedis('auth_process');
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await redis.cleanup();
  await db.cleanup();
});

function env(): Record<string, string> {
  return {
    MONGO_URL: `${testServices.mongoUrl}/${db.dbName}`,
    REDIS_URL: testServices.redisUrl,
    REDIS_PREFIX: redis.prefix,
    SMTP_URL: `smtp://${sink.host}:${sink.port}`,
    BCRYPT_COST: '4',
    CLEANUP_INTERVAL_SECONDS: '0',
  };
}

/** The dependencies the server said it closed, in order. */
function closed(output: Record<string, unknown>[]): unknown[] {
  return output.filter((line) => line.msg === 'closed').map((line) => line.dependency);
}

describe('the auth service server process', () => {
  it('answers every keep-alive request through SIGTERM, readiness 503 first, then exits 0', async () => {
    const server = await startServerProcess(SERVER, env());

    const outcome = await sigtermUnderLoad(server, { path: '/readyz' });

    expect(outcome.readinessWhileDraining).toBe(503);
    expect(Object.keys(outcome.load.errors).filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
    expect(outcome.load.closedByServer).toBeGreaterThanOrEqual(20);
    expect(outcome.exitCode).toBe(0);
    expect(closed(server.lines())).toEqual(['background work', 'data retention', 'mail', 'smtp', 'redis', 'mongodb']);
  });

  it('logs an unhandled rejection, shuts down the same way and exits 1', async () => {
    const server = await startServerProcess(SERVER, env(), { preload: [REJECT_ON_SIGUSR2] });

    const exitCode = await unhandledRejectionIn(server);

    expect(exitCode).toBe(1);
    expect(server.lines().find((line) => line.level === 60)).toMatchObject({ event: 'unhandledRejection' });
    expect(closed(server.lines())).toEqual(['background work', 'data retention', 'mail', 'smtp', 'redis', 'mongodb']);
  });
});
