import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNegativeShareDetector } from './negative-share-detector.ts';
import { createResampler } from './resampler.ts';
import { seasonalSlots } from './seasonal-baseline.ts';
import { createSpikeDetector, detectSpikes, severityOf, type SpikeAlert } from './spike-detector.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 5); // a Monday

/** A small deterministic random source (mulberry32), so the synthetic series are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson counts by inversion (fine for the means used here). */
function poisson(mean: number, next: () => number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = next();
  while (u > cumulative && k < 10_000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** Mentions per 5 minutes with a daily cycle (quiet nights) and quieter weekends. */
function seasonalMean(at: number): number {
  const hour = (at % DAY) / HOUR;
  const day = Math.floor((at - START) / DAY) % 7;
  const daily = 40 + 30 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
  return daily * (day >= 5 ? 0.6 : 1);
}

function seasonalSeries(days: number, seed: number, spikes: { at: number; hours: number; factor: number }[] = []) {
  const next = random(seed);
  const points = [];
  for (let at = START; at < START + days * DAY; at += 5 * MINUTE) {
    const spike = spikes.find((candidate) => at >= candidate.at && at < candidate.at + candidate.hours * HOUR);
    points.push({ at, value: poisson(seasonalMean(at) * (spike ? spike.factor : 1), next) });
  }
  return points;
}

const alertTimes = (alerts: SpikeAlert[]) => alerts.map((alert) => new Date(alert.at).toISOString());

describe('spike detection', () => {
  it('raises an alert inside each injected spike of a seasonal series, and none elsewhere', () => {
    const spikes = [
      { at: START + 10 * DAY + 14 * HOUR, hours: 3, factor: 4 },
      { at: START + 16 * DAY + 3 * HOUR, hours: 2, factor: 6 }, // at night, on a weekend
      { at: START + 23 * DAY + 11 * HOUR, hours: 4, factor: 3 },
    ];
    const alerts = detectSpikes(seasonalSeries(28, 7, spikes));
    for (const spike of spikes)
      assert.ok(
        alerts.some((alert) => alert.at >= spike.at && alert.at < spike.at + spike.hours * HOUR),
        `no alert in the spike at ${new Date(spike.at).toISOString()}; alerts: ${alertTimes(alerts).join(', ')}`,
      );
    const outside = alerts.filter(
      (alert) => !spikes.some((spike) => alert.at >= spike.at && alert.at < spike.at + spike.hours * HOUR),
    );
    assert.deepEqual(alertTimes(outside), []);
  });

  it('alerts on the first bucket of an abrupt surge, and within two hours of a doubling', () => {
    for (const [factor, withinMinutes] of [
      [10, 5],
      [2, 120],
    ] as const) {
      const onset = START + 15 * DAY + 14 * HOUR;
      const alerts = detectSpikes(seasonalSeries(17, 41, [{ at: onset, hours: 3, factor }]));
      assert.equal(alerts.length, 1, `x${factor}: ${alertTimes(alerts).join(', ')}`);
      // An alert is raised when its bucket closes, five minutes after the bucket's start.
      assert.ok(
        alerts[0]!.at >= onset && alerts[0]!.at + 5 * MINUTE <= onset + withinMinutes * MINUTE,
        `x${factor}: ${alertTimes(alerts)[0]}`,
      );
    }
  });

  it('does not alert on the daily rise of a seasonal series without spikes', () => {
    assert.deepEqual(alertTimes(detectSpikes(seasonalSeries(21, 11))), []);
  });

  it('does not alert on a flat series, even a constant one', () => {
    const flat = Array.from({ length: 14 * 288 }, (_, index) => ({ at: START + index * 5 * MINUTE, value: 20 }));
    assert.deepEqual(detectSpikes(flat), []);
    const zeros = flat.map((point) => ({ ...point, value: 0 }));
    assert.deepEqual(detectSpikes(zeros), []);
  });

  it('still catches a spike after a long gap and with irregular timestamps', () => {
    const spike = { at: START + 12 * DAY + 15 * HOUR, hours: 3, factor: 5 };
    const next = random(3);
    const points = seasonalSeries(16, 5, [spike])
      // Two days missing, and every point jittered within its bucket.
      .filter((point) => point.at < START + 5 * DAY || point.at >= START + 7 * DAY)
      .map((point) => ({ ...point, at: point.at + Math.floor(next() * 4 * MINUTE) }));
    const alerts = detectSpikes(points);
    assert.ok(
      alerts.some((alert) => alert.at >= spike.at && alert.at < spike.at + spike.hours * HOUR),
      alertTimes(alerts).join(', '),
    );
    assert.equal(alerts.filter((alert) => alert.at < spike.at).length, 0, alertTimes(alerts).join(', '));
  });

  it('raises one alert per episode and respects the cooldown', () => {
    const spikes = [
      { at: START + 10 * DAY + 9 * HOUR, hours: 8, factor: 5 },
      { at: START + 10 * DAY + 20 * HOUR, hours: 2, factor: 5 },
    ];
    const points = seasonalSeries(14, 21, spikes);
    assert.equal(detectSpikes(points).length, 1);
    assert.equal(detectSpikes(points, { cooldownMinutes: 60 }).length, 2);
  });

  it('raises more alerts at a higher sensitivity', () => {
    const spikes = [1.6, 2, 3, 5].map((factor, index) => ({
      at: START + (9 + 3 * index) * DAY + 12 * HOUR,
      hours: 2,
      factor,
    }));
    const points = seasonalSeries(22, 13, spikes);
    const counts = (['low', 'medium', 'high'] as const).map(
      (sensitivity) => detectSpikes(points, { sensitivity }).length,
    );
    assert.ok(counts[0]! <= counts[1]! && counts[1]! <= counts[2]!, `counts low/medium/high: ${counts.join('/')}`);
    assert.ok(counts[2]! > counts[0]!, `counts low/medium/high: ${counts.join('/')}`);
  });

  it('gives the same alerts streamed point by point as in batch', () => {
    const points = seasonalSeries(14, 17, [{ at: START + 11 * DAY + 10 * HOUR, hours: 2, factor: 5 }]);
    const detector = createSpikeDetector();
    const streamed = [...points.flatMap((point) => detector.push(point)), ...detector.flush()];
    assert.deepEqual(streamed, detectSpikes(points));
    assert.equal(streamed.length, 1);
    assert.ok(streamed[0]!.value > streamed[0]!.expected);
  });

  it('grades severity by how far the score passes the threshold', () => {
    assert.equal(severityOf(4, 4), 'notice');
    assert.equal(severityOf(6, 4), 'warning');
    assert.equal(severityOf(8, 4), 'critical');
  });

  it('refuses an unknown sensitivity and points out of time order', () => {
    assert.throws(() => createSpikeDetector({ sensitivity: 'extreme' as 'low' }), /sensitivity must be/);
    assert.throws(() => createSpikeDetector({ sensitivity: -1 }), /sensitivity must be/);
    const detector = createSpikeDetector();
    detector.push({ at: START + HOUR, value: 1 });
    assert.throws(() => detector.push({ at: START, value: 1 }), /time order/);
  });
});

describe('the resampler', () => {
  it('sums the points of a bucket and reports empty buckets as missing, not zero', () => {
    const grid = createResampler({ stepMs: 5 * MINUTE, aggregation: 'sum' });
    assert.deepEqual(grid.push({ at: START + MINUTE, value: 2 }), []);
    assert.deepEqual(grid.push({ at: START + 4 * MINUTE, value: 3 }), []);
    assert.deepEqual(grid.push({ at: START + 16 * MINUTE, value: 1 }), [
      { start: START, value: 5, count: 2 },
      { start: START + 5 * MINUTE, value: null, count: 0 },
      { start: START + 10 * MINUTE, value: null, count: 0 },
    ]);
    assert.deepEqual(grid.advanceTo(START + 21 * MINUTE), [{ start: START + 15 * MINUTE, value: 1, count: 1 }]);
    assert.deepEqual(grid.advanceTo(START + 26 * MINUTE), [{ start: START + 20 * MINUTE, value: null, count: 0 }]);
    assert.deepEqual(grid.flush(), []);
  });

  it('averages for rates', () => {
    const grid = createResampler({ stepMs: 5 * MINUTE, aggregation: 'mean' });
    grid.push({ at: START, value: 0.2 });
    grid.push({ at: START + MINUTE, value: 0.4 });
    assert.deepEqual(grid.flush(), [{ start: START, value: 0.30000000000000004, count: 2 }]);
  });

  it('places buckets in hour-of-day and hour-of-week slots of the local time', () => {
    assert.deepEqual(seasonalSlots(START + 10 * HOUR, 0), { hourOfDay: 10, hourOfWeek: 10 });
    assert.deepEqual(seasonalSlots(START + 23 * HOUR, 60), { hourOfDay: 0, hourOfWeek: 24 });
    assert.deepEqual(seasonalSlots(START - HOUR, 0), { hourOfDay: 23, hourOfWeek: 167 });
  });
});

describe('negative share spikes', () => {
  it('alerts when the negative share jumps, not when volume alone grows', () => {
    const next = random(31);
    const onset = START + 10 * DAY + 14 * HOUR;
    const detector = createNegativeShareDetector();
    const alerts: SpikeAlert[] = [];
    for (let at = START; at < START + 12 * DAY; at += 5 * MINUTE) {
      const surge = at >= START + 6 * DAY + 10 * HOUR && at < START + 6 * DAY + 13 * HOUR ? 4 : 1;
      const total = poisson(seasonalMean(at) * surge, next);
      const share = at >= onset && at < onset + 3 * HOUR ? 0.6 : 0.15;
      let negative = 0;
      for (let index = 0; index < total; index += 1) if (next() < share) negative += 1;
      alerts.push(...detector.push({ at, negative, total }));
    }
    alerts.push(...detector.flush());
    assert.equal(alerts.length, 1, alertTimes(alerts).join(', '));
    assert.ok(alerts[0]!.at >= onset && alerts[0]!.at < onset + 3 * HOUR);
    assert.ok(alerts[0]!.value > 0.4 && alerts[0]!.expected < 0.25, JSON.stringify(alerts[0]));
  });
});
