/**
 * The one process-level handler: SIGTERM/SIGINT shut down and exit 0; an unhandled rejection or an
 * uncaught exception is logged, shuts down the same way, and exits 1. A timer forces the exit should
 * shutdown itself never finish.
 */
import type { Logger } from 'pino';

export interface ProcessEventOptions {
  logger: Logger;
  /** Runs the shutdown sequence; called once, later events await the same run. */
  shutdown: (reason: string) => Promise<unknown>;
  /** The longest shutdown may take before the process exits anyway. */
  forceExitAfterMs: number;
  exit?: (code: number) => void;
}

/** Resolves once every line logged so far is written (at most `timeoutMs`), so none is lost at exit. */
function logWritten(logger: Logger, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    logger.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Installs the handlers; returns a function that removes them. */
export function handleProcessEvents({
  logger,
  shutdown,
  forceExitAfterMs,
  exit = (code) => process.exit(code),
}: ProcessEventOptions): () => void {
  let exitCode = 0;
  let stopping: Promise<void> | undefined;

  const stop = (reason: string): Promise<void> => {
    if (stopping) {
      logger.info({ reason }, 'already shutting down');
      return stopping;
    }
    setTimeout(() => {
      logger.error({ forceExitAfterMs }, 'shutdown took too long; exiting now');
      exit(exitCode || 1);
    }, forceExitAfterMs).unref();
    stopping = shutdown(reason)
      .catch((err: unknown) => logger.error({ err }, 'shutdown failed'))
      .then(() => logWritten(logger))
      .then(() => exit(exitCode));
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal);
  const onFault = (event: 'unhandledRejection' | 'uncaughtException') => (err: unknown) => {
    exitCode = 1;
    logger.fatal({ err, event }, `${event}: shutting down`);
    void stop(event);
  };
  const onRejection = onFault('unhandledRejection');
  const onException = onFault('uncaughtException');

  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
