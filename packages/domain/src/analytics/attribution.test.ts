import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attribute,
  modelWeights,
  splitMinorUnits,
  type AttributionModel,
  type Credit,
  type Touchpoint,
} from './attribution.ts';
import { deduplicateConversions, type ConversionEvent } from './conversions.ts';

const at = (iso: string) => new Date(`${iso}T10:00:00Z`);
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

// The fixture. Visitor A clicks four times, 21, 14, 7 and 0 days before buying for 100.00 EUR on
// 2026-03-10 at 10:00 (the last click is at the very instant of the purchase: it counts).
// Visitor B clicks on X 37 days before a lead (outside the 30-day window) and on LinkedIn the day before.
// Visitor C buys for 30.00 EUR with no click before (one click after, which must not count).
const touchpoints: Touchpoint[] = [
  { visitorId: 'A', channel: 'instagram', campaignId: 'spring', postId: 'p1', at: at('2026-02-17') },
  { visitorId: 'A', channel: 'linkedin', campaignId: 'spring', postId: 'p2', at: at('2026-02-24') },
  { visitorId: 'A', channel: 'facebook', postId: 'p3', at: at('2026-03-03') },
  { visitorId: 'A', channel: 'instagram', campaignId: 'summer', postId: 'p4', at: at('2026-03-10') },
  { visitorId: 'B', channel: 'x', campaignId: 'spring', postId: 'p5', at: at('2026-02-01') },
  { visitorId: 'B', channel: 'linkedin', campaignId: 'spring', postId: 'p2', at: at('2026-03-09') },
  { visitorId: 'C', channel: 'x', campaignId: 'spring', postId: 'p5', at: at('2026-03-11') },
];

const purchaseA: ConversionEvent = {
  eventId: 'order-1',
  type: 'purchase',
  value: eur(10_000),
  at: at('2026-03-10'),
  visitorId: 'A',
};
const leadB: ConversionEvent = { eventId: 'lead-7', type: 'lead', at: at('2026-03-10'), visitorId: 'B' };
const purchaseC: ConversionEvent = {
  eventId: 'order-2',
  type: 'purchase',
  value: eur(3_000),
  at: at('2026-03-10'),
  visitorId: 'C',
};
// order-1 arrives again with another amount (the first one wins, the conflict is reported), lead-7 arrives twice.
const conversions = [purchaseA, leadB, { ...purchaseA, value: eur(20_000) }, leadB, purchaseC];

/** Credits rounded to 1e-9 conversions, as [key, conversions, EUR minor units or null]. */
function summary(credits: Credit[]): [string | null, number, number | null][] {
  return credits
    .map((credit): [string | null, number, number | null] => [
      credit.key,
      Math.round(credit.conversions * 1e9) / 1e9,
      credit.values.find((money) => money.currency === 'EUR')?.amountMinor ?? null,
    ])
    .sort((a, b) => (a[0] ?? '\uffff').localeCompare(b[0] ?? '\uffff')); // no campaign/post last
}

function run(model: AttributionModel) {
  return attribute(touchpoints, conversions, { model, lookBackDays: 30 });
}

test('last click: all the credit to the last click in the window', () => {
  const result = run('last_click');
  // A: instagram p4 (summer) gets 1 purchase and 10000. B: linkedin p2 (spring) gets 1 lead, no value.
  assert.deepEqual(summary(result.byChannel), [
    ['instagram', 1, 10_000],
    ['linkedin', 1, null],
  ]);
  assert.deepEqual(summary(result.byCampaign), [
    ['spring', 1, null],
    ['summer', 1, 10_000],
  ]);
  assert.deepEqual(summary(result.byPost), [
    ['p2', 1, null],
    ['p4', 1, 10_000],
  ]);
  assert.deepEqual(result.byChannel.find((credit) => credit.key === 'linkedin')?.conversionsByType, { lead: 1 });
});

test('first click: all the credit to the first click in the window', () => {
  const result = run('first_click');
  // A: instagram p1 (spring). B: X at 37 days is outside the window, so linkedin p2 (spring) is B's first click.
  assert.deepEqual(summary(result.byChannel), [
    ['instagram', 1, 10_000],
    ['linkedin', 1, null],
  ]);
  assert.deepEqual(summary(result.byCampaign), [['spring', 2, 10_000]]);
  assert.deepEqual(summary(result.byPost), [
    ['p1', 1, 10_000],
    ['p2', 1, null],
  ]);
});

test('linear: equal shares to every click in the window', () => {
  const result = run('linear');
  // A: 4 clicks, 1/4 each = 0.25 conversion and 10000 / 4 = 2500 each.
  // instagram: p1 + p4 = 0.5, 5000. linkedin: 0.25 (A) + 1 (B) = 1.25, 2500. facebook: 0.25, 2500.
  assert.deepEqual(summary(result.byChannel), [
    ['facebook', 0.25, 2_500],
    ['instagram', 0.5, 5_000],
    ['linkedin', 1.25, 2_500],
  ]);
  // spring: p1 0.25 + p2 0.25 + B 1 = 1.5, 5000. summer: p4 0.25, 2500. no campaign (facebook p3): 0.25, 2500.
  assert.deepEqual(summary(result.byCampaign), [
    ['spring', 1.5, 5_000],
    ['summer', 0.25, 2_500],
    [null, 0.25, 2_500],
  ]);
  assert.deepEqual(summary(result.byPost), [
    ['p1', 0.25, 2_500],
    ['p2', 1.25, 2_500],
    ['p3', 0.25, 2_500],
    ['p4', 0.25, 2_500],
  ]);
});

test('position-based: 40% to the first and the last click, 20% shared by the ones between', () => {
  const result = run('position_based');
  // A: 0.4 / 0.1 / 0.1 / 0.4 -> 4000 / 1000 / 1000 / 4000. B: a single click gets 1.
  // instagram: 0.4 + 0.4 = 0.8, 8000. linkedin: 0.1 + 1 = 1.1, 1000. facebook: 0.1, 1000.
  assert.deepEqual(summary(result.byChannel), [
    ['facebook', 0.1, 1_000],
    ['instagram', 0.8, 8_000],
    ['linkedin', 1.1, 1_000],
  ]);
  // spring: 0.4 (p1) + 0.1 (p2) + 1 (B) = 1.5, 5000. summer: 0.4, 4000. none: 0.1, 1000.
  assert.deepEqual(summary(result.byCampaign), [
    ['spring', 1.5, 5_000],
    ['summer', 0.4, 4_000],
    [null, 0.1, 1_000],
  ]);
});

test('time decay: a click a half-life older gets half the credit', () => {
  const result = attribute(touchpoints, conversions, { model: 'time_decay', lookBackDays: 30, halfLifeDays: 7 });
  // A's ages 21, 14, 7, 0 days with a 7-day half-life: weights 1/8, 1/4, 1/2, 1 (sum 15/8), so shares
  // 1/15, 2/15, 4/15, 8/15. Value 10000 x shares = 666.67, 1333.33, 2666.67, 5333.33: floors add to 9998,
  // the 2 cents left go to the largest fractions (.67, tie to the earlier): 667, 1333, 2667, 5333.
  // instagram: 1/15 + 8/15 = 0.6, 667 + 5333 = 6000. linkedin: 2/15 + 1 (B) = 1.133333333, 1333.
  // facebook: 4/15 = 0.266666667, 2667.
  assert.deepEqual(summary(result.byChannel), [
    ['facebook', 0.266666667, 2_667],
    ['instagram', 0.6, 6_000],
    ['linkedin', 1.133333333, 1_333],
  ]);
  assert.deepEqual(summary(result.byPost), [
    ['p1', 0.066666667, 667],
    ['p2', 1.133333333, 1_333],
    ['p3', 0.266666667, 2_667],
    ['p4', 0.533333333, 5_333],
  ]);
});

test('counts a conversion sent twice with the same event id once, and reports a conflicting payload', () => {
  for (const model of ['last_click', 'first_click', 'linear', 'position_based', 'time_decay'] as const) {
    const result = run(model);
    const credited = result.byChannel.reduce((total, credit) => total + credit.conversions, 0);
    // 5 events, 3 distinct ids: A and B attributed (2), C unattributed (1).
    assert.ok(Math.abs(credited - 2) < 1e-9, model);
    assert.equal(result.unattributed.conversions, 1);
    assert.deepEqual(result.unattributed.values, [eur(3_000)]);
    assert.equal(result.duplicates, 2);
    assert.deepEqual(result.conflicts, [{ eventId: 'order-1', keptIndex: 0, ignoredIndex: 2, fields: ['value'] }]);
    const creditedValue = result.byChannel.reduce((total, credit) => total + (credit.values[0]?.amountMinor ?? 0), 0);
    assert.equal(creditedValue, 10_000, `${model}: the first order-1 (100.00 EUR) wins, not the 200.00 repeat`);
  }
});

test('gives no credit to a click older than the look-back window or after the conversion', () => {
  const clicks: Touchpoint[] = [
    { visitorId: 'D', channel: 'x', at: new Date('2026-03-03T09:59:59Z') },
    { visitorId: 'D', channel: 'threads', at: new Date('2026-03-03T10:00:00Z') },
    { visitorId: 'D', channel: 'bluesky', at: new Date('2026-03-10T10:00:01Z') },
  ];
  const signup: ConversionEvent = {
    eventId: 's',
    type: 'signup',
    at: new Date('2026-03-10T10:00:00Z'),
    visitorId: 'D',
  };
  const result = attribute(clicks, [signup], { model: 'linear', lookBackDays: 7 });
  assert.deepEqual(summary(result.byChannel), [['threads', 1, null]]);
});

test('attributes only the conversion types asked for', () => {
  const result = attribute(touchpoints, conversions, { model: 'last_click', lookBackDays: 30, types: ['lead'] });
  assert.deepEqual(summary(result.byChannel), [['linkedin', 1, null]]);
  assert.equal(result.unattributed.conversions, 0);
});

test('splits the weights of each model and the money so that the parts add up exactly', () => {
  assert.deepEqual(modelWeights('position_based', 2, [1, 0]), [0.5, 0.5]);
  assert.deepEqual(modelWeights('position_based', 3, [2, 1, 0]), [0.4, 0.2, 0.4]);
  assert.deepEqual(splitMinorUnits(100, [1 / 3, 1 / 3, 1 / 3]), [34, 33, 33]);
  assert.deepEqual(splitMinorUnits(999, [0.4, 0.2, 0.4]), [400, 200, 399]);
});

test('rejects a purchase without a value and an empty event id, naming the position', () => {
  assert.throws(
    () => deduplicateConversions([{ ...purchaseA, value: undefined }]),
    /conversions\[0\] is a purchase without a value/,
  );
  assert.throws(
    () => deduplicateConversions([leadB, { ...leadB, eventId: ' ' }]),
    /conversions\[1\]\.eventId is empty/,
  );
  assert.throws(
    () => deduplicateConversions([{ ...purchaseA, value: { amountMinor: 10.5, currency: 'EUR' } }]),
    /amountMinor must be an integer/,
  );
});
