import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPeriodic } from './periodic.ts';

describe('startPeriodic', () => {
  it('runs at once, then on every interval, never two runs at the same time, and keeps going after a failure', async () => {
    let running = 0;
    let overlap = false;
    let runs = 0;
    const warnings: string[] = [];
    const stop = startPeriodic({
      name: 'test task',
      intervalMs: 10,
      run: async () => {
        runs += 1;
        running += 1;
        if (running > 1) overlap = true;
        await sleep(25);
        running -= 1;
        if (runs === 1) throw new Error('first run fails');
      },
      logger: { warn: (_object, message) => warnings.push(message ?? '') },
    });
    await sleep(120);
    await stop();
    assert.equal(running, 0, 'stop waits for the run in progress');
    const after = runs;
    await sleep(40);
    assert.ok(after >= 2, `ran ${after} times`);
    assert.equal(overlap, false);
    assert.deepEqual(warnings, ['test task failed']);
    assert.equal(runs, after, 'no run starts once stopped');
  });
});
