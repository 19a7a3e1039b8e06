/**
 * Work started by a request but not awaited by it (sending email), tracked so that shutdown and
 * tests can wait for it to finish instead of closing connections under it.
 */
import type { Logger } from '@roadmap/core';

export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();

  run(name: string, task: () => Promise<void>, log: Logger): void {
    const promise = task()
      .catch((err: unknown) => log.error({ err, task: name }, 'background task failed'))
      .finally(() => this.pending.delete(promise));
    this.pending.add(promise);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
