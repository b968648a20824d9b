import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notReported } from './metric-result.ts';
import { bucketStart, compareWithPreviousPeriod, previousPeriod, rollUpCounts } from './rollups.ts';

// Sunday 29 March 2026 23:30 in Paris (UTC+2 since 02:00 that day), Monday 00:30, Wednesday 12:00.
const observations = [
  { at: new Date('2026-03-29T21:30:00Z'), counts: { impressions: 100, linkClicks: 5 } },
  { at: new Date('2026-03-29T22:30:00Z'), counts: { impressions: 50, linkClicks: notReported() } },
  { at: new Date('2026-04-01T10:00:00Z'), counts: { impressions: 10, linkClicks: 1 } },
];
const measures = ['impressions', 'linkClicks'] as const;

test('puts an instant in the day, ISO week and month of the zone, not of UTC or the process', () => {
  const instant = new Date('2026-03-29T22:30:00Z'); // still Sunday in UTC, Monday in Paris
  assert.equal(bucketStart(instant, 'day', 'Europe/Paris'), '2026-03-30');
  assert.equal(bucketStart(instant, 'day', 'UTC'), '2026-03-29');
  assert.equal(bucketStart(instant, 'week', 'Europe/Paris'), '2026-03-30');
  assert.equal(bucketStart(instant, 'week', 'UTC'), '2026-03-23');
  assert.equal(bucketStart(new Date('2026-03-31T22:30:00Z'), 'month', 'Europe/Paris'), '2026-04-01');
  assert.throws(() => bucketStart(instant, 'day', 'Paris'), /not a known IANA time zone/);
});

test('rolls counts up by local day, with empty days as 0 and unreported measures as not reported', () => {
  const days = rollUpCounts(observations, { measures, granularity: 'day', timeZone: 'Europe/Paris' });
  assert.deepEqual(
    days.map((bucket) => [bucket.start, bucket.totals.impressions, bucket.totals.linkClicks]),
    [
      ['2026-03-29', { kind: 'value', value: 100 }, { kind: 'value', value: 5 }],
      ['2026-03-30', { kind: 'value', value: 50 }, { kind: 'not_reported', reason: 'no_reported_items' }],
      ['2026-03-31', { kind: 'value', value: 0 }, { kind: 'value', value: 0 }],
      ['2026-04-01', { kind: 'value', value: 10 }, { kind: 'value', value: 1 }],
    ],
  );
});

test('rolls counts up by ISO week and by month of the zone', () => {
  const weeks = rollUpCounts(observations, { measures, granularity: 'week', timeZone: 'Europe/Paris' });
  // Week of Monday 23 March: 100 / 5. Week of Monday 30 March: 50 + 10 = 60, clicks 1 (one row had none).
  assert.deepEqual(
    weeks.map((bucket) => [bucket.start, bucket.totals.impressions, bucket.totals.linkClicks]),
    [
      ['2026-03-23', { kind: 'value', value: 100 }, { kind: 'value', value: 5 }],
      [
        '2026-03-30',
        { kind: 'value', value: 60 },
        { kind: 'value', value: 1, notes: [{ code: 'items_excluded_not_reported', count: 1 }] },
      ],
    ],
  );
  const months = rollUpCounts(observations, { measures, granularity: 'month', timeZone: 'Europe/Paris' });
  assert.deepEqual(
    months.map((bucket) => [bucket.start, bucket.totals.impressions]),
    [
      ['2026-03-01', { kind: 'value', value: 150 }],
      ['2026-04-01', { kind: 'value', value: 10 }],
    ],
  );
});

test('refuses to roll reach up', () => {
  assert.throws(
    () => rollUpCounts([], { measures: ['reach'], granularity: 'day', timeZone: 'UTC' }),
    /reach is not additive/,
  );
});

test('finds the previous period: the month before, or as many days before', () => {
  assert.deepEqual(previousPeriod({ start: '2026-03-01', end: '2026-04-01', timeZone: 'Europe/Paris' }), {
    start: '2026-02-01',
    end: '2026-03-01',
    timeZone: 'Europe/Paris',
  });
  assert.deepEqual(previousPeriod({ start: '2026-03-23', end: '2026-03-30', timeZone: 'UTC' }), {
    start: '2026-03-16',
    end: '2026-03-23',
    timeZone: 'UTC',
  });
  assert.throws(() => previousPeriod({ start: '2026-03-23', end: '2026-03-23', timeZone: 'UTC' }), /is empty/);
});

test('compares with the previous period in absolute and relative terms', () => {
  assert.deepEqual(compareWithPreviousPeriod({ kind: 'value', value: 120 }, { kind: 'value', value: 100 }), {
    current: { kind: 'value', value: 120 },
    previous: { kind: 'value', value: 100 },
    absoluteChange: { kind: 'value', value: 20 },
    relativeChange: { kind: 'value', value: 0.2 },
  });
  const fromZero = compareWithPreviousPeriod({ kind: 'value', value: 5 }, { kind: 'value', value: 0 });
  assert.deepEqual(fromZero.absoluteChange, { kind: 'value', value: 5 });
  assert.deepEqual(fromZero.relativeChange, { kind: 'undefined', reason: 'zero_denominator' });
  const missing = compareWithPreviousPeriod({ kind: 'value', value: 5 }, notReported());
  assert.equal(missing.relativeChange.kind, 'not_reported');
});

test('puts every observation in the bucket of its local date, across DST changes and odd offsets', () => {
  // An instant every 7 h 13 min through 2026: the rollup (one zone lookup per bucket) must agree with
  // bucketStart (one lookup per instant) in zones with DST at midnight (Santiago) and 45/30-min offsets.
  const instants = Array.from({ length: 1200 }, (_, index) => new Date(Date.UTC(2026, 0, 1) + index * 433 * 60_000));
  for (const timeZone of ['Europe/Paris', 'America/Santiago', 'Asia/Kathmandu', 'Australia/Lord_Howe']) {
    for (const granularity of ['day', 'week', 'month'] as const) {
      const expected = new Map<string, number>();
      for (const at of instants) {
        const key = bucketStart(at, granularity, timeZone);
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const buckets = rollUpCounts(
        instants.map((at) => ({ at, counts: { impressions: 1 } })),
        { measures: ['impressions'], granularity, timeZone },
      );
      const actual = new Map(
        buckets.flatMap((bucket) =>
          bucket.totals.impressions.kind === 'value' && bucket.totals.impressions.value > 0
            ? [[bucket.start, bucket.totals.impressions.value] as const]
            : [],
        ),
      );
      assert.deepEqual(actual, expected, `${timeZone} ${granularity}`);
    }
  }
  // Santiago skips 2026-09-06 00:00 (clocks go to 01:00): 04:30Z is 01:30 on the 6th, 03:59Z 23:59 on the 5th.
  assert.equal(bucketStart(new Date('2026-09-06T04:30:00Z'), 'day', 'America/Santiago'), '2026-09-06');
  assert.equal(bucketStart(new Date('2026-09-06T03:59:00Z'), 'day', 'America/Santiago'), '2026-09-05');
});
