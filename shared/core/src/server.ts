/**
 * Listening and graceful shutdown, in the house order: readiness fails first (a load balancer sees
 * 503), then an optional drain delay, then the listener closes, in-flight requests finish (their
 * kept-alive sockets told `Connection: close`), requests still running at the grace deadline are cut
 * and logged, and last the dependencies close by stage (sockets, queues, brokers, mail, Redis,
 * databases). `shutdown()` always resolves.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { answerClientErrors } from './client-error.js';
import { closeInOrder, type Closer } from './closers.js';
import { trackHttpConnections } from './http-drain.js';
import { handleProcessEvents } from './process-events.js';

export interface Lifecycle {
  isDraining(): boolean;
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

export interface RunServerOptions {
  app: RequestListener;
  host: string;
  port: number;
  logger: Logger;
  lifecycle: MutableLifecycle;
  /** Closed after the HTTP server, by stage; see `closeInOrder`. */
  closers?: Closer[];
  /** How long in-flight requests may run after the listener closes before they are cut. */
  graceSeconds?: number;
  /** How long readiness reports 503 before the listener closes (time for a load balancer to notice). */
  drainSeconds?: number;
  /** The longest each closer may take. */
  closerTimeoutSeconds?: number;
  /** Wire up extra listeners (e.g. Socket.io) before listening. */
  onServer?: (server: Server) => void;
  /** Installs the signal and unhandled-error handlers (default true; tests of the sequence pass false). */
  handleProcessEvents?: boolean;
  exit?: (code: number) => void;
}

export interface ShutdownReport {
  reason: string;
  /** Requests still running at the grace deadline, destroyed. */
  cutRequests: number;
  /** Closers that failed or did not finish in time. */
  failedClosers: string[];
}

export interface RunningServer {
  server: Server;
  address: AddressInfo;
  /** Runs the shutdown sequence once; later calls get the same promise. Never rejects. */
  shutdown(reason: string): Promise<ShutdownReport>;
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Starts listening; resolves once the port is bound. */
export async function runServer(options: RunServerOptions): Promise<RunningServer> {
  const { app, host, port, logger, lifecycle, closers = [] } = options;
  const graceMs = (options.graceSeconds ?? 10) * 1000;
  const drainMs = (options.drainSeconds ?? 0) * 1000;
  const closerTimeoutMs = (options.closerTimeoutSeconds ?? 5) * 1000;
  const server = createServer(app);
  answerClientErrors(server, logger);
  const drain = trackHttpConnections(server);
  options.onServer?.(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  const sequence = async (reason: string): Promise<ShutdownReport> => {
    const report: ShutdownReport = { reason, cutRequests: 0, failedClosers: [] };
    try {
      lifecycle.startDraining();
      logger.info({ reason, drainMs }, 'shutting down: readiness now answers 503');
      await pause(drainMs);
      drain.stopAccepting();
      logger.info({ graceMs, openConnections: drain.openConnections() }, 'stopped accepting connections');
      const cut = await drain.finish(graceMs);
      report.cutRequests = cut.length;
      if (cut.length > 0) {
        logger.warn({ requests: cut, graceMs }, `grace period over: cut ${cut.length} request(s) still running`);
      }
      report.failedClosers = await closeInOrder(closers, logger, closerTimeoutMs);
      logger.info({ cutRequests: report.cutRequests, failedClosers: report.failedClosers }, 'shutdown complete');
    } catch (err) {
      logger.error({ err }, 'shutdown sequence failed');
    }
    return report;
  };
  let running: Promise<ShutdownReport> | undefined;
  const shutdown = (reason: string) => (running ??= sequence(reason));

  if (options.handleProcessEvents ?? true) {
    handleProcessEvents({
      logger,
      shutdown,
      forceExitAfterMs: drainMs + graceMs + closers.length * closerTimeoutMs + 5000,
      ...(options.exit ? { exit: options.exit } : {}),
    });
  }
  // Last: whoever waits for this line (an orchestrator, a test) may signal the process at once.
  logger.info({ address }, 'listening');
  return { server, address, shutdown };
}

/** Runs `main`, printing a start-up failure (e.g. bad configuration) plainly and exiting 1. */
export function startOrExit(main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`Start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
