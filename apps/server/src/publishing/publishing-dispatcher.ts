import type { Logger } from '../jobs/queue.ts';
import type { PublishingEngine } from './publishing-engine.ts';

/**
 * The loop a worker process runs: every tick it sweeps, reconciles, and claims as many due publications as
 * it has free slots, publishing them in the background. stop() waits for the calls in flight.
 */
export function createPublishingDispatcher(deps: {
  engine: PublishingEngine;
  tickMs: number;
  concurrency: number;
  logger: Logger;
}) {
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let ticking = false;

  async function tick(): Promise<void> {
    if (ticking) return;
    ticking = true;
    try {
      await deps.engine.sweep();
      await deps.engine.reconcileDue(deps.concurrency);
      const free = deps.concurrency - inFlight.size;
      if (free <= 0) return;
      for (const claimed of await deps.engine.claim(free)) {
        const work = deps.engine.publishClaimed(claimed).finally(() => inFlight.delete(work));
        inFlight.add(work);
      }
    } catch (error) {
      deps.logger.error({ err: { message: String(error) } }, 'publishing dispatcher tick failed');
    } finally {
      ticking = false;
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      const loop = () => {
        if (!running) return;
        void tick().finally(() => {
          if (running) timer = setTimeout(loop, deps.tickMs);
        });
      };
      loop();
    },
    async stop(): Promise<void> {
      running = false;
      clearTimeout(timer);
      while (ticking) await new Promise((resolve) => setTimeout(resolve, 10));
      await Promise.all([...inFlight]);
    },
    tick,
  };
}

export type PublishingDispatcher = ReturnType<typeof createPublishingDispatcher>;
