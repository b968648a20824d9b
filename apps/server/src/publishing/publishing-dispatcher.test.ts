import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClaimedPublication } from './publications.repository.ts';
import { createPublishingDispatcher } from './publishing-dispatcher.ts';
import type { PublishingEngine } from './publishing-engine.ts';
import { defaultPublishingSettings } from './publishing-settings.ts';

const T0 = new Date('2026-06-01T08:00:00Z');

function publication(index: number, claimedAt: Date): ClaimedPublication {
  return { id: `pub-${index}`, claimedAt } as ClaimedPublication;
}

/** An engine whose `due` publications are claimed in order; each publish takes `publishMs`. */
function fakeEngine(options: { due: number; publishMs: number; claimedAt?: () => Date }) {
  let next = 0;
  let inFlight = 0;
  const seen = { claimLimits: [] as number[], published: [] as string[], released: [] as string[], maxInFlight: 0 };
  const engine = {
    sweep: async () => ({ expired: 0, missed: 0 }),
    reconcileDue: async () => 0,
    async claim(limit: number) {
      seen.claimLimits.push(limit);
      const count = Math.min(limit, options.due - next);
      const claimed = Array.from({ length: count }, (_, offset) =>
        publication(next + offset, options.claimedAt?.() ?? new Date()),
      );
      next += count;
      return claimed;
    },
    async release(claimed: ClaimedPublication) {
      seen.released.push(claimed.id);
    },
    async publishClaimed(claimed: ClaimedPublication) {
      inFlight += 1;
      seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.publishMs));
      seen.published.push(claimed.id);
      inFlight -= 1;
    },
  } as unknown as PublishingEngine;
  return { engine, seen };
}

const silent = { info() {}, warn() {}, error() {} };

describe('publishing dispatcher', () => {
  it('drains a backlog by claiming again as slots free, never waiting for a poll, within its concurrency', async () => {
    const { engine, seen } = fakeEngine({ due: 300, publishMs: 1 });
    const settings = { ...defaultPublishingSettings, concurrency: 8, claimBatch: 20, claimPollMs: 60_000 };
    const dispatcher = createPublishingDispatcher({ engine, settings, logger: silent });
    dispatcher.start();
    const deadline = Date.now() + 5_000;
    while (seen.published.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await dispatcher.stop();
    assert.equal(seen.published.length, 300);
    assert.equal(new Set(seen.published).size, 300);
    assert.ok(seen.maxInFlight <= 8, `at most 8 in flight (saw ${seen.maxInFlight})`);
    assert.ok(Math.max(...seen.claimLimits) <= 28, 'a claim takes at most concurrency + claimBatch');
    assert.ok(seen.claimLimits.length < 300 / 5, `claims are batched (${seen.claimLimits.length} claims)`);
  });

  it('does not send a claim that waited longer than the lease minus the publish timeout', async () => {
    const { engine, seen } = fakeEngine({ due: 3, publishMs: 1, claimedAt: () => T0 });
    const errors: string[] = [];
    const settings = { ...defaultPublishingSettings, claimPollMs: 60_000 };
    const late = new Date(T0.getTime() + settings.leaseMs - settings.publishTimeoutMs + 1);
    const dispatcher = createPublishingDispatcher({
      engine,
      settings,
      logger: { ...silent, error: (_fields: unknown, message: string) => void errors.push(message) },
      now: () => late,
    });
    dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await dispatcher.stop();
    assert.deepEqual(seen.published, []);
    assert.equal(errors.length, 3);
    assert.deepEqual(seen.released, ['pub-0', 'pub-1', 'pub-2'], 'their recorded attempts are closed');
  });

  it('publishes what it already claimed before stop() resolves', async () => {
    const { engine, seen } = fakeEngine({ due: 12, publishMs: 20 });
    const settings = { ...defaultPublishingSettings, concurrency: 2, claimBatch: 10, claimPollMs: 60_000 };
    const dispatcher = createPublishingDispatcher({ engine, settings, logger: silent });
    dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await dispatcher.stop();
    assert.equal(seen.published.length, 12);
  });
});
