/**
 * Wakes the claims of this process that wait for a seat another claim of this process is in the
 * middle of taking, as soon as that claim ends (keeps or gives back the seat). It only shortens a
 * wait, never decides anything: the waiter looks at the seat again in the database, and its own timer
 * covers claims of other processes. Keys name one seat of one show.
 */
export class ClaimSignals {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolves when a claim ends here for `key`, or after `ms`, whichever comes first. */
  wait(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.waiters.get(key) ?? new Set<() => void>();
      this.waiters.set(key, waiting);
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        if (waiting.size === 0 && this.waiters.get(key) === waiting) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waiting.add(wake);
    });
  }

  /** A claim has ended for `key`: its waiters look at the seat again. */
  notify(key: string): void {
    for (const wake of [...(this.waiters.get(key) ?? [])]) wake();
  }
}
