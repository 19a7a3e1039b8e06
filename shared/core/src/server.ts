/**
 * Listening and graceful shutdown. On SIGTERM or SIGINT: mark the service as draining (readiness
 * fails), stop accepting connections, let in-flight requests finish within a grace period, close
 * dependencies in reverse order of opening, then exit.
 */
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';

export interface Lifecycle {
  isDraining(): boolean;
}

export type Closer = { name: string; close: () => Promise<unknown> };

export interface RunServerOptions {
  app: Express;
  host: string;
  port: number;
  logger: Logger;
  lifecycle: MutableLifecycle;
  /** Closed after the HTTP server, last-opened first. */
  closers?: Closer[];
  graceSeconds?: number;
  /** Wire up extra listeners (e.g. Socket.io) before listening. */
  onServer?: (server: Server) => void;
}

export interface MutableLifecycle extends Lifecycle {
  startDraining(): void;
}

export function createLifecycle(): MutableLifecycle {
  let draining = false;
  return {
    isDraining: () => draining,
    startDraining: () => {
      draining = true;
    },
  };
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const forceTimer = setTimeout(() => server.closeAllConnections(), graceMs);
    forceTimer.unref();
    server.close(() => {
      clearTimeout(forceTimer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Starts listening; resolves once the port is bound. Installs signal handlers for shutdown. */
export async function runServer(options: RunServerOptions): Promise<Server> {
  const { app, host, port, logger, lifecycle, closers = [], graceSeconds = 10 } = options;
  const server = createServer(app);
  options.onServer?.(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  logger.info({ address }, 'listening');

  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    lifecycle.startDraining();
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await closeServer(server, graceSeconds * 1000);
    for (const closer of [...closers].reverse()) {
      try {
        await closer.close();
        logger.info({ dependency: closer.name }, 'closed');
      } catch (err) {
        logger.error({ err, dependency: closer.name }, 'failed to close');
      }
    }
    logger.info('shutdown complete');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return server;
}

/** Runs `main`, printing a start-up failure (e.g. bad configuration) plainly and exiting 1. */
export function startOrExit(main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
