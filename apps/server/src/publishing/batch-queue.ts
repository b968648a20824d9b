/**
 * Runs queued items in batches, one batch at a time: while a batch runs, the next items queue for the
 * following one; a batch below `maxBatch` also waits up to `waitMs` for more while `moreComing()` says more
 * are likely soon (otherwise it starts at once).
 */
export function createBatchQueue<T>(options: {
  maxBatch: number;
  waitMs: number;
  moreComing: () => boolean;
  /** Runs one batch; must not reject. */
  run: (batch: T[]) => Promise<void>;
}): { push: (item: T) => void } {
  const pending: T[] = [];
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function next(): void {
    if (running || pending.length === 0) return;
    if (pending.length < options.maxBatch && options.moreComing()) {
      timer ??= setTimeout(runNow, options.waitMs);
      return;
    }
    runNow();
  }

  function runNow(): void {
    clearTimeout(timer);
    timer = undefined;
    if (running || pending.length === 0) return;
    running = options.run(pending.splice(0, options.maxBatch)).finally(() => {
      running = undefined;
      next();
    });
  }

  return {
    push(item: T): void {
      pending.push(item);
      next();
    },
  };
}
