import type { Logger } from '../jobs/queue.ts';
import type { PublishingEngine } from './publishing-engine.ts';
import type { ClaimedPublication } from './publications.repository.ts';
import type { PublishingSettings } from './publishing-settings.ts';

type DispatcherSettings = Pick<
  PublishingSettings,
  'tickMs' | 'claimPollMs' | 'concurrency' | 'claimBatch' | 'leaseMs' | 'publishTimeoutMs'
>;

/**
 * The loop a worker process runs. Two cadences:
 * - upkeep every `tickMs`: sweep dead claims and missed posts, reconcile unknown outcomes;
 * - claiming: at most `concurrency` publications are in flight and up to `claimBatch` more wait claimed in
 *   memory for a slot. While a backlog lasts (the last claim came back full), the next claim starts as soon
 *   as the waiting line is half empty; when nothing more is due the worker polls every `claimPollMs`.
 * One claim statement runs at a time per process. stop() claims nothing more and waits until what was
 * claimed is published.
 */
export function createPublishingDispatcher(deps: {
  engine: PublishingEngine;
  settings: DispatcherSettings;
  logger: Logger;
  now?: () => Date;
}) {
  const { engine, settings, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const inFlight = new Set<Promise<void>>();
  const releasing = new Set<Promise<void>>();
  const waiting: ClaimedPublication[] = [];
  let running = false;
  let upkeepTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let upkeeping: Promise<void> | undefined;
  let claiming: Promise<void> | undefined;
  let backlog = false;

  // A claim is only safe to act on while its lease outlives the call: past this age a waiting claim is not
  // sent. It stays `publishing` until the sweep expires its lease; it becomes unknown_outcome and is
  // reconciled (the network has no such post) before it is published, so it is late but never doubled.
  const maxWaitMs = settings.leaseMs - settings.publishTimeoutMs;

  const failed = (what: string) => (error: unknown) =>
    logger.error({ err: { message: String(error) } }, `publishing dispatcher: ${what} failed`);

  async function upkeep(): Promise<void> {
    await engine.sweep();
    await engine.reconcileDue(settings.concurrency);
  }

  /** Moves waiting claims into free slots. */
  function startWaiting(): void {
    while (inFlight.size < settings.concurrency && waiting.length > 0) {
      const publication = waiting.shift()!;
      const claimedAt = publication.claimedAt?.getTime() ?? now().getTime();
      if (now().getTime() - claimedAt > maxWaitMs) {
        logger.error(
          { publicationId: publication.id },
          'publishing dispatcher: a claim waited past its lease margin; left for the sweep to reconcile',
        );
        const released: Promise<void> = engine.release(publication).finally(() => releasing.delete(released));
        releasing.add(released);
        continue;
      }
      const work: Promise<void> = engine.publishClaimed(publication).finally(() => {
        inFlight.delete(work);
        // Also while stopping: what this process claimed, it publishes.
        startWaiting();
        if (wantsClaim()) fill();
      });
      inFlight.add(work);
    }
  }

  /** A backlog, a waiting line at most half full, and room for more. */
  function wantsClaim(): boolean {
    const held = inFlight.size + waiting.length;
    return (
      backlog &&
      running &&
      waiting.length <= settings.claimBatch / 2 &&
      held < settings.concurrency + settings.claimBatch
    );
  }

  async function claimOnce(): Promise<void> {
    const room = settings.concurrency + settings.claimBatch - inFlight.size - waiting.length;
    if (room <= 0) return;
    const claimed = await engine.claim(room);
    backlog = claimed.length === room;
    waiting.push(...claimed);
    startWaiting();
  }

  /** Starts a claim unless one is running. */
  function fill(): void {
    if (claiming || !running) return;
    claiming = claimOnce()
      .catch((error: unknown) => {
        backlog = false;
        failed('claim')(error);
      })
      .finally(() => {
        claiming = undefined;
        // Slots freed while the claim ran: go again at once.
        if (wantsClaim()) fill();
      });
  }

  function schedulePoll(): void {
    pollTimer = setTimeout(() => {
      if (!running) return;
      fill();
      schedulePoll();
    }, settings.claimPollMs);
  }

  function runUpkeep(): void {
    upkeeping = upkeep()
      .catch(failed('upkeep'))
      .finally(() => {
        upkeeping = undefined;
        if (running) upkeepTimer = setTimeout(runUpkeep, settings.tickMs);
      });
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      runUpkeep();
      fill();
      schedulePoll();
    },
    async stop(): Promise<void> {
      running = false;
      clearTimeout(upkeepTimer);
      clearTimeout(pollTimer);
      await upkeeping;
      await claiming;
      while (inFlight.size > 0) await Promise.race(inFlight);
      await Promise.all(releasing);
    },
  };
}

export type PublishingDispatcher = ReturnType<typeof createPublishingDispatcher>;
