import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSpikeTracker } from './spike-tracker.ts';

const MINUTE = 60_000;
const start = Date.UTC(2026, 10, 2);

/** Three days of a steady stream (a deterministic pattern around 20 mentions per 4-minute bucket). */
function steady(tracker: ReturnType<typeof createSpikeTracker>, from: number, to: number, extra = 0) {
  for (let at = from, index = 0; at < to; at += MINUTE, index += 1) {
    const count = 4 + (index % 3) + (at >= to - 4 * MINUTE ? extra : 0);
    for (let mention = 0; mention < count; mention += 1) tracker.count('brand', at, mention === 0);
  }
}

describe('the spike tracker', () => {
  it('judges a bucket only once it has ended, and raises a volume alert on a burst', () => {
    const tracker = createSpikeTracker({ stepMinutes: 4, sensitivity: 'medium', cooldownMinutes: 1440 });
    tracker.setQueries(['brand']);
    const burstAt = start + 3 * 1440 * MINUTE;
    steady(tracker, start, burstAt);
    assert.deepEqual(tracker.advanceTo(burstAt, start), [], 'a steady stream raises nothing');
    for (let minute = 0; minute < 4; minute += 1)
      for (let mention = 0; mention < 60; mention += 1) tracker.count('brand', burstAt + minute * MINUTE, true);
    assert.deepEqual(tracker.advanceTo(burstAt + 3 * MINUTE), [], 'the burst’s bucket is still open');
    const alerts = tracker.advanceTo(burstAt + 4 * MINUTE);
    assert.deepEqual(alerts.map((alert) => [alert.kind, alert.queryId, new Date(alert.at).toISOString()]).sort(), [
      ['negative_share', 'brand', new Date(burstAt).toISOString()],
      ['volume', 'brand', new Date(burstAt).toISOString()],
    ]);
    assert.equal(alerts.find((alert) => alert.kind === 'volume')!.windowEnd, burstAt + 4 * MINUTE);
  });

  it('counts a silent bucket as zero mentions, and drops volume alerts below the minimum volume', () => {
    const tracker = createSpikeTracker({
      stepMinutes: 4,
      sensitivity: 'medium',
      cooldownMinutes: 0,
      minimumVolume: 10,
    });
    tracker.setQueries(['sparse']);
    // One mention every two hours for three days, then 3 in one bucket: a "spike" of a handful, not worth an alert.
    const end = start + 3 * 1440 * MINUTE;
    for (let at = start; at < end; at += 120 * MINUTE) tracker.count('sparse', at, false);
    assert.deepEqual(tracker.advanceTo(end, start), []);
    for (let mention = 0; mention < 3; mention += 1) tracker.count('sparse', end, false);
    assert.deepEqual(tracker.advanceTo(end + 4 * MINUTE), []);
  });
});
