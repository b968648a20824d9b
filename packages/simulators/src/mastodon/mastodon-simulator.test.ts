import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMastodonSimulator } from './mastodon-simulator.ts';

describe('mastodon simulator', () => {
  it('answers GET /__simulator with its network name', async () => {
    const sim = await startMastodonSimulator();
    try {
      const answer = (await (await fetch(`${sim.baseUrl}/__simulator`)).json()) as {
        network: string;
        simulator: boolean;
      };
      assert.deepEqual(answer, { network: 'mastodon', simulator: true });
    } finally {
      await sim.close();
    }
  });

  it('sends the network rate-limit header on an injected 429', async () => {
    const at = Date.parse('2026-01-01T12:00:00.000Z');
    const sim = await startMastodonSimulator({ now: () => new Date(at) });
    try {
      sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 60 }, { pathIncludes: '/api/v1/statuses' });
      const answer = await fetch(`${sim.baseUrl}/api/v1/statuses`, { method: 'POST' });
      assert.equal(answer.status, 429);
      const expected: string | number | null = new Date(at + 60_000).toISOString();
      assert.equal(answer.headers.get('x-ratelimit-reset'), expected === null ? null : String(expected));
      assert.equal(sim.posts().length, 0);
    } finally {
      await sim.close();
    }
  });
});
