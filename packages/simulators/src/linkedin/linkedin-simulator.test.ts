import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startLinkedinSimulator } from './linkedin-simulator.ts';

describe('linkedin simulator', () => {
  it('answers GET /__simulator with its network name', async () => {
    const sim = await startLinkedinSimulator();
    try {
      const answer = (await (await fetch(`${sim.baseUrl}/__simulator`)).json()) as {
        network: string;
        simulator: boolean;
      };
      assert.deepEqual(answer, { network: 'linkedin', simulator: true });
    } finally {
      await sim.close();
    }
  });

  it('sends the network rate-limit header on an injected 429', async () => {
    const at = Date.parse('2026-01-01T12:00:00.000Z');
    const sim = await startLinkedinSimulator({ now: () => new Date(at) });
    try {
      sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 60 }, { pathIncludes: '/rest/posts' });
      const answer = await fetch(`${sim.baseUrl}/rest/posts`, { method: 'POST' });
      assert.equal(answer.status, 429);
      const expected: string | number | null = null;
      assert.equal(answer.headers.get('retry-after'), expected === null ? null : String(expected));
      assert.equal(sim.posts().length, 0);
    } finally {
      await sim.close();
    }
  });
});
