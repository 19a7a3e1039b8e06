/**
 * Closing dependencies at shutdown, in the house order whatever order they were listed in: open
 * sockets (Socket.io), then queues and workers, brokers, mail, Redis, and the databases last, since
 * everything before them may still write. Each close has a bounded wait; one that fails or hangs is
 * logged and the rest still close.
 */
import type { Logger } from 'pino';

export const CLOSE_STAGES = ['sockets', 'queues', 'brokers', 'mail', 'redis', 'databases'] as const;

export type CloseStage = (typeof CLOSE_STAGES)[number];

export interface Closer {
  name: string;
  stage: CloseStage;
  close: () => Promise<unknown> | unknown;
}

/** Sorted by stage; closers of one stage keep the order they were listed in. */
export function inCloseOrder(closers: readonly Closer[]): Closer[] {
  return closers
    .map((closer, index) => ({ closer, index }))
    .sort((a, b) => CLOSE_STAGES.indexOf(a.closer.stage) - CLOSE_STAGES.indexOf(b.closer.stage) || a.index - b.index)
    .map(({ closer }) => closer);
}

/** Settles with what `promise` gave, or 'timeout' after `ms`. */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes every closer in stage order; resolves (never rejects) with the names that failed or hung. */
export async function closeInOrder(closers: readonly Closer[], logger: Logger, timeoutMs = 5000): Promise<string[]> {
  const failed: string[] = [];
  for (const closer of inCloseOrder(closers)) {
    const log = logger.child({ dependency: closer.name, stage: closer.stage });
    try {
      const outcome = await settleWithin(Promise.resolve().then(closer.close), timeoutMs);
      if (outcome === 'timeout') {
        failed.push(closer.name);
        log.error({ timeoutMs }, 'did not close in time; going on without it');
      } else {
        log.info('closed');
      }
    } catch (err) {
      failed.push(closer.name);
      log.error({ err }, 'failed to close');
    }
  }
  return failed;
}
