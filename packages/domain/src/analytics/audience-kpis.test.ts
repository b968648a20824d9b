import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clickThroughRate,
  engagementRateByImpressions,
  engagementRateByReach,
  engagements,
  followerGrowth,
  frequency,
  impressions,
  reach,
  reachByDelivery,
  reachUpperBound,
} from './audience-kpis.ts';
import { notReported } from './metric-result.ts';

test('sums impressions across posts and days', () => {
  assert.deepEqual(impressions([1200, 800]), { kind: 'value', value: 2000 });
  assert.deepEqual(impressions([notReported()]), { kind: 'not_reported', reason: 'no_reported_items' });
});

test('never sums reach: several items need the deduplicated figure', () => {
  assert.deepEqual(reach({ items: [1500, 900] }), { kind: 'not_reported', reason: 'reach_not_additive' });
  assert.deepEqual(reach({ items: [1500, 900], deduplicated: 2100 }), { kind: 'value', value: 2100 });
  assert.deepEqual(reach({ items: [1500] }), { kind: 'value', value: 1500 });
  assert.deepEqual(reach({ items: [notReported()] }), { kind: 'not_reported', reason: 'network_does_not_report' });
});

test('labels summed reach as an upper bound', () => {
  assert.deepEqual(reachUpperBound([1500, 900]), { kind: 'value', value: 2400, notes: [{ code: 'upper_bound' }] });
});

test('keeps organic and paid reach apart, each reported or not', () => {
  assert.deepEqual(reachByDelivery({ organic: 3000, paid: notReported() }), {
    organic: { kind: 'value', value: 3000 },
    paid: { kind: 'not_reported', reason: 'network_does_not_report' },
  });
});

test('computes frequency and flags fewer impressions than reach', () => {
  // 5000 / 2500 = 2 displays per account.
  assert.deepEqual(frequency({ impressions: 5000, reach: 2500 }), { kind: 'value', value: 2 });
  assert.deepEqual(frequency({ impressions: 500, reach: 1000 }), {
    kind: 'value',
    value: 0.5,
    notes: [{ code: 'includes_inconsistent_source', count: 1 }],
  });
  assert.deepEqual(frequency({ impressions: 0, reach: 0 }), { kind: 'undefined', reason: 'zero_denominator' });
});

test('counts engagements from the components the network reports and names the missing ones', () => {
  // 79 reactions + 4 comments + 17 shares = 100; saves not reported (left out, not 0).
  assert.deepEqual(engagements({ reactions: 79, comments: 4, shares: 17, saves: notReported() }), {
    kind: 'value',
    value: 100,
    notes: [{ code: 'components_not_reported', components: ['saves'] }],
  });
  // With link clicks counted: 10 + 2 + 1 + 3 + 20 = 36.
  assert.deepEqual(
    engagements({ reactions: 10, comments: 2, shares: 1, saves: 3, linkClicks: 20 }, { includeLinkClicks: true }),
    { kind: 'value', value: 36 },
  );
  const nothing = notReported();
  assert.deepEqual(engagements({ reactions: nothing, comments: nothing, shares: nothing, saves: nothing }), nothing);
});

test('computes the engagement rate by reach of one post, and refuses to sum reach across posts', () => {
  // 100 / 2752 = 0.036337209.
  const single = engagementRateByReach({ items: [{ engagements: 100, reach: 2752 }] });
  assert.ok(single.kind === 'value' && Math.abs(single.value - 0.036337209) < 5e-10);
  const two = [
    { engagements: 100, reach: 2752 },
    { engagements: 50, reach: 1000 },
  ];
  assert.deepEqual(engagementRateByReach({ items: two }), { kind: 'not_reported', reason: 'reach_not_additive' });
  // With the network's deduplicated reach of both posts: (100 + 50) / 3000 = 0.05.
  assert.deepEqual(engagementRateByReach({ items: two, deduplicatedReach: 3000 }), { kind: 'value', value: 0.05 });
  assert.deepEqual(engagementRateByReach({ items: [{ engagements: 3, reach: 0 }] }), {
    kind: 'undefined',
    reason: 'zero_denominator',
  });
});

test('computes the engagement rate by impressions from sums across posts', () => {
  // (10 + 90) / (100 + 900) = 0.1, not the mean of 0.1 and 0.1 by luck: try 10/100 and 9/900 -> 19/1000.
  assert.deepEqual(
    engagementRateByImpressions([
      { engagements: 10, impressions: 100 },
      { engagements: 9, impressions: 900 },
    ]),
    { kind: 'value', value: 0.019 },
  );
});

test('computes CTR as link clicks over impressions, excluding posts without clicks reported', () => {
  assert.deepEqual(
    clickThroughRate([
      { linkClicks: 30, impressions: 1000 },
      { linkClicks: notReported(), impressions: 5000 },
    ]),
    { kind: 'value', value: 0.03, notes: [{ code: 'items_excluded_not_reported', count: 1 }] },
  );
});

test('gives follower growth in followers and as a rate of the start', () => {
  assert.deepEqual(followerGrowth({ atStart: 1000, atEnd: 1100 }), {
    absolute: { kind: 'value', value: 100 },
    rate: { kind: 'value', value: 0.1 },
  });
  assert.deepEqual(followerGrowth({ atStart: 0, atEnd: 40 }).rate, { kind: 'undefined', reason: 'zero_denominator' });
  assert.deepEqual(followerGrowth({ atStart: notReported(), atEnd: 40 }).absolute.kind, 'not_reported');
});
