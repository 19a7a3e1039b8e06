/**
 * A project's real server as a child process (see child-server.ts), and the two things every
 * server must get right about process life: SIGTERM under keep-alive load resets nobody and exits
 * 0 after readiness turned 503 first; an unhandled rejection is logged, shuts down and exits 1.
 */
import path from 'node:path';
import { startChildServer, type ChildServer } from './child-server.js';
import { startKeepAliveLoad, type LoadResult } from './keepalive-load.js';
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

/** Raises an unhandled rejection in the server (started with REJECT_ON_SIGUSR2) and waits for its exit. */
export async function unhandledRejectionIn(server: ChildServer): Promise<number | null> {
  server.child.kill('SIGUSR2');
  return server.exited;
}
