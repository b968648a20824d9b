import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divide, notReported, ratioOfSums, sumCounts } from './metric-result.ts';
import { convertMoney, currencyFractionDigits, sumMoney } from './money.ts';

test('divides by zero into "undefined", never NaN or Infinity', () => {
  assert.deepEqual(divide(0, 0), { kind: 'undefined', reason: 'zero_denominator' });
  assert.deepEqual(divide(5, 0), { kind: 'undefined', reason: 'zero_denominator' });
  assert.deepEqual(divide(1, 4), { kind: 'value', value: 0.25 });
});

test('computes a ratio from summed numerators and denominators, not the mean of the ratios', () => {
  // 1/10 and 30/100: (1 + 30) / (10 + 100) = 31 / 110 = 0.281818..., whereas the mean of ratios is 0.2.
  const result = ratioOfSums([
    { numerator: 1, denominator: 10 },
    { numerator: 30, denominator: 100 },
  ]);
  assert.equal(result.kind, 'value');
  assert.ok(result.kind === 'value' && Math.abs(result.value - 0.2818181818) < 1e-9);
});

test('leaves out of a ratio the items missing a figure, and says how many', () => {
  assert.deepEqual(
    ratioOfSums([
      { numerator: 3, denominator: 10 },
      { numerator: notReported(), denominator: 90 },
    ]),
    { kind: 'value', value: 0.3, notes: [{ code: 'items_excluded_not_reported', count: 1 }] },
  );
  assert.deepEqual(ratioOfSums([{ numerator: notReported(), denominator: 5 }]), {
    kind: 'not_reported',
    reason: 'no_reported_items',
  });
});

test('sums reported counts and never turns "not reported" into 0', () => {
  assert.deepEqual(sumCounts([notReported(), notReported()]), { kind: 'not_reported', reason: 'no_reported_items' });
  assert.deepEqual(sumCounts([]), { kind: 'value', value: 0 });
  assert.throws(() => sumCounts([1, -2]), /counts\[1\] must be a finite number ≥ 0/);
  assert.throws(() => sumCounts([Number.NaN]), /counts\[0\]/);
});

test('adds money of one currency in integer minor units', () => {
  assert.deepEqual(
    sumMoney([
      { amountMinor: 150, currency: 'EUR' },
      { amountMinor: 250, currency: 'EUR' },
    ]),
    { kind: 'value', value: { amountMinor: 400, currency: 'EUR' } },
  );
  assert.throws(
    () => sumMoney([{ amountMinor: 1.5, currency: 'EUR' }]),
    /amounts\[0\]\.amountMinor must be an integer/,
  );
  assert.throws(() => sumMoney([{ amountMinor: 1, currency: 'euro' }]), /not an ISO 4217 code/);
});

test('refuses to mix currencies without a rate', () => {
  const mixed = [
    { amountMinor: 1000, currency: 'EUR' },
    { amountMinor: 1000, currency: 'USD' },
  ];
  assert.deepEqual(sumMoney(mixed), { kind: 'undefined', reason: 'missing_exchange_rate', currencies: ['EUR', 'USD'] });
  assert.deepEqual(sumMoney(mixed, { exchange: { target: 'EUR', rates: { GBP: 1.2 } } }), {
    kind: 'undefined',
    reason: 'missing_exchange_rate',
    currencies: ['USD'],
  });
  // 10.00 USD at 0.92 = 9.20 EUR = 920 cents; + 1000 = 1920.
  assert.deepEqual(sumMoney(mixed, { exchange: { target: 'EUR', rates: { USD: 0.92 } } }), {
    kind: 'value',
    value: { amountMinor: 1920, currency: 'EUR' },
  });
});

test('converts between currencies with different minor units', () => {
  assert.equal(currencyFractionDigits('JPY'), 0);
  // 1500 yen at 0.0061 EUR per yen = 9.15 EUR = 915 cents.
  assert.deepEqual(convertMoney({ amountMinor: 1500, currency: 'JPY' }, { target: 'EUR', rates: { JPY: 0.0061 } }), {
    amountMinor: 915,
    currency: 'EUR',
  });
  assert.equal(convertMoney({ amountMinor: 1, currency: 'USD' }, { target: 'EUR', rates: {} }), undefined);
});
