/**
 * Work a request starts but does not wait for (queueing mail), tracked so shutdown and tests can
 * wait for it, within a bound. A failure is logged: the sweep picks up whatever it left undone.
 */
import { settleWithin, type Logger } from '@roadmap/core';

export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<unknown>): void {
    const promise: Promise<void> = task()
      .then(() => undefined)
      .catch((err: unknown) =>
        this.logger.warn({ err, task: name }, 'background mail work failed; the sweep retries it'),
      )
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  /** Resolves when nothing is pending, or after `timeoutMs` whatever is still running. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await settleWithin(Promise.all([...this.pending]), deadline - Date.now());
    }
  }
}
