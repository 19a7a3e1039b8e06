/**
 * A project's real server as a child process (see child-server.ts), and the two things every
 * server must get right about process life: SIGTERM under keep-alive load resets nobody and exits
 * 0 after readiness turned 503 first; an unhandled rejection is logged, shuts down and exits 1.
 */
import path from 'node:path';
import { startChildServer, type ChildServer } from './child-server.js';
import { startKeepAliveLoad, type LoadResult } from './keepalive-load.js';
import type { TestDatabase } from './mongo.js';
import { createTestRedis, type TestRedis } from './redis.js';
import { testServices } from './services.js';
import { startSmtpSink, type SmtpSink } from './smtp.js';
import { waitFor } from './wait.js';

/** The preload that turns SIGUSR2 into an unhandled rejection. */
export const REJECT_ON_SIGUSR2 = path.join(__dirname, 'preload', `reject-on-sigusr2${path.extname(__filename)}`);

/** Starts `script` (a project's src/server.ts) listening on a free loopback port, logging at info. */
export function startServerProcess(
  script: string,
  env: Record<string, string>,
  options: { preload?: string[] } = {},
): Promise<ChildServer> {
  return startChildServer(script, {
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_SECONDS: '10',
      SHUTDOWN_DRAIN_SECONDS: '1',
      ...env,
    },
    cwd: path.dirname(path.dirname(script)),
    ...(options.preload ? { preload: options.preload } : {}),
  });
}

export interface ShutdownUnderLoad {
  load: LoadResult;
  exitCode: number | null;
  /** What /readyz answered once shutdown began, while the listener still accepted (the drain delay). */
  readinessWhileDraining: number;
}

/**
 * Keep-alive load on `path` from `workers` clients, then SIGTERM; the load goes on past the moment
 * the listener closes and stops well within the grace period.
 */
export async function sigtermUnderLoad(
  server: ChildServer,
  { path: loadPath, workers = 20 }: { path: string; workers?: number },
): Promise<ShutdownUnderLoad> {
  const load = startKeepAliveLoad(server.port, { workers, path: loadPath });
  try {
    await waitFor(() => load.result.ok >= 10 * workers, { timeoutMs: 20_000, description: 'load to get going' });
    server.child.kill('SIGTERM');
    await server.waitForLine(/readiness now answers 503/);
    const readiness = await fetch(`http://127.0.0.1:${server.port}/readyz`).then((res) => res.status);
    await server.waitForLine(/stopped accepting connections/);
    const okAtClose = load.result.ok;
    await waitFor(() => load.result.ok >= okAtClose + workers || (load.result.errors.ECONNREFUSED ?? 0) >= workers, {
      timeoutMs: 5000,
      description: 'load to run on after the listener closed',
    });
    return { load: await load.stop(), exitCode: await server.exited, readinessWhileDraining: readiness };
  } finally {
    await load.stop();
    server.kill();
  }
}

/** What a clean shutdown under load looks like: readiness 503 first, every request answered, exit 0. */
export function expectCleanShutdown(outcome: ShutdownUnderLoad, workers = 20): void {
  expect(outcome.readinessWhileDraining).toBe(503);
  // Refused connections after the listener closed are what a client of a stopped instance sees;
  // a reset (ECONNRESET) or any other error would be a request lost.
  expect(Object.keys(outcome.load.errors).filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
  // Each kept-alive socket was told to close by an answer rather than cut.
  expect(outcome.load.closedByServer).toBeGreaterThanOrEqual(workers);
  expect(outcome.exitCode).toBe(0);
}

/** The dependencies the server logged closing, in order. */
export function closedDependencies(server: ChildServer): unknown[] {
  return server
    .lines()
    .filter((line) => line.msg === 'closed')
    .map((line) => line.dependency);
}

/** Raises an unhandled rejection in the server (started with REJECT_ON_SIGUSR2) and waits for its exit. */
export async function unhandledRejectionIn(server: ChildServer): Promise<number | null> {
  server.child.kill('SIGUSR2');
  return server.exited;
}

/** Asserts the server logged the rejection as fatal and exited 1 after shutting down. */
export function expectFatalShutdown(server: ChildServer, exitCode: number | null): void {
  expect(exitCode).toBe(1);
  expect(server.lines().find((line) => line.level === 60)).toMatchObject({ event: 'unhandledRejection' });
  expect(server.output()).toContain('shutdown complete');
}

/**
 * Real services for a server process under isolated names: a database, a Redis prefix and an SMTP
 * sink, created before the file's tests and removed after them. Read it inside tests.
 */
export function useProcessServices(name: string) {
  const services = {} as { db: TestDatabase; redis: TestRedis; sink: SmtpSink; mongoUrl: string };
  beforeAll(async () => {
    // Loaded here, so the barrel of @roadmap/testing never loads mongoose.
    const { createTestDatabase } = await import('./mongo.js');
    services.db = await createTestDatabase(name);
    services.redis = await createTestRedis(name);
    services.sink = await startSmtpSink();
    services.mongoUrl = `${testServices.mongoUrl}/${services.db.dbName}`;
  });
  afterAll(async () => {
    await services.sink.close();
    await services.redis.cleanup();
    await services.db.cleanup();
  });
  return services;
}

export interface ProcessLifeSuite {
  /** Named in the describe block, e.g. 'the blog server process'. */
  title: string;
  /** The project's src/server.ts. */
  server: string;
  env: () => Record<string, string>;
  /** What the keep-alive clients request during the SIGTERM test. */
  loadPath: string;
  /** The dependencies the server must close, in this order (unchecked when absent). */
  closeOrder?: string[];
}

/** The two process-life tests every server passes: SIGTERM under keep-alive load, an unhandled rejection. */
export function describeProcessLife({ title, server, env, loadPath, closeOrder }: ProcessLifeSuite): void {
  describe(title, () => {
    it('answers every keep-alive request through SIGTERM, readiness 503 first, then exits 0', async () => {
      const running = await startServerProcess(server, env());

      expectCleanShutdown(await sigtermUnderLoad(running, { path: loadPath }));
      if (closeOrder) expect(closedDependencies(running)).toEqual(closeOrder);
    });

    it('logs an unhandled rejection, shuts down the same way and exits 1', async () => {
      const running = await startServerProcess(server, env(), { preload: [REJECT_ON_SIGUSR2] });

      expectFatalShutdown(running, await unhandledRejectionIn(running));
      if (closeOrder) expect(closedDependencies(running)).toEqual(closeOrder);
    });
  });
}
