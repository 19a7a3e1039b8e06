/**
 * Work a request starts but does not wait for (queueing owed mail, issuing an emailed link), tracked
 * so shutdown and tests can wait for it, within a bound. A failure is logged, never thrown: whoever
 * starts such work has a way to finish it later (a sweep) or accepts that it may not happen.
 */
import type { Logger } from 'pino';
import { settleWithin } from './closers.js';

export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `task` now; `log` (e.g. the request's logger) gets its failure, else the constructor's. */
  run(name: string, task: () => Promise<unknown>, log: Logger = this.logger): void {
    const promise: Promise<void> = task()
      .then(() => undefined)
      .catch((err: unknown) => log.warn({ err, task: name }, 'background task failed'))
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  /** Resolves when nothing is pending, or after `timeoutMs` whatever is still running. */
  async drain(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await settleWithin(Promise.all([...this.pending]), deadline - Date.now());
    }
  }
}
