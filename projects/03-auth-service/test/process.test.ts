/**
 * The auth service's real server (src/server.ts) as a child process on the real services: SIGTERM under
 * keep-alive load resets no connection, readiness answers 503 through the configured drain delay
 * first, and dependencies close by stage; an unhandled rejection is logged, shuts the server down
 * the same way and exits 1.
 */
import path from 'node:path';
import {
  closedDependencies,
  expectCleanShutdown,
  expectFatalShutdown,
  REJECT_ON_SIGUSR2,
  sigtermUnderLoad,
  startServerProcess,
  testServices,
  unhandledRejectionIn,
  useProcessServices,
} from '@roadmap/testing';

const SERVER = path.join(__dirname, '..', 'src', 'server.ts');
const CLOSE_ORDER = ['background work', 'data retention', 'mail', 'smtp', 'redis', 'mongodb'];
const services = useProcessServices('auth_process');

const env = () => ({
  MONGO_URL: services.mongoUrl,
  REDIS_URL: testServices.redisUrl,
  REDIS_PREFIX: services.redis.prefix,
  SMTP_URL: `smtp://${services.sink.host}:${services.sink.port}`,
  BCRYPT_COST: '4',
  CLEANUP_INTERVAL_SECONDS: '0',
});

describe('the auth service server process', () => {
  it('answers every keep-alive request through SIGTERM, readiness 503 first, then exits 0', async () => {
    const server = await startServerProcess(SERVER, env());

    // No public route reads the database; readiness pings MongoDB and Redis on every request.
    expectCleanShutdown(await sigtermUnderLoad(server, { path: '/readyz' }));
    expect(closedDependencies(server)).toEqual(CLOSE_ORDER);
  });

  it('logs an unhandled rejection, shuts down the same way and exits 1', async () => {
    const server = await startServerProcess(SERVER, env(), { preload: [REJECT_ON_SIGUSR2] });

    expectFatalShutdown(server, await unhandledRejectionIn(server));
    expect(closedDependencies(server)).toEqual(CLOSE_ORDER);
  });
});
