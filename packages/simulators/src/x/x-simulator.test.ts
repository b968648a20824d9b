import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startXSimulator } from './x-simulator.ts';

describe('x simulator', () => {
  it('answers GET /__simulator with its network name', async () => {
    const sim = await startXSimulator();
    try {
      const answer = (await (await fetch(`${sim.baseUrl}/__simulator`)).json()) as {
        network: string;
        simulator: boolean;
      };
      assert.deepEqual(answer, { network: 'x', simulator: true });
    } finally {
      await sim.close();
    }
  });

  it('sends the network rate-limit header on an injected 429', async () => {
    const at = Date.parse('2026-01-01T12:00:00.000Z');
    const sim = await startXSimulator({ now: () => new Date(at) });
    try {
      sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 60 }, { pathIncludes: '/2/tweets' });
      const answer = await fetch(`${sim.baseUrl}/2/tweets`, { method: 'POST' });
      assert.equal(answer.status, 429);
      const expected: string | number | null = Math.floor(at / 1000) + 60;
      assert.equal(answer.headers.get('x-rate-limit-reset'), expected === null ? null : String(expected));
      assert.equal(sim.posts().length, 0);
    } finally {
      await sim.close();
    }
  });
});
