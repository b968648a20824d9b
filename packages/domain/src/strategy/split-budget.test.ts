import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxSplittableMinor, splitMoney } from './split-budget.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const amounts = (total: number, percents: number[]) => splitMoney(eur(total), percents).map((part) => part.amountMinor);

test('splits by whole percentages, the parts adding up exactly to the total', () => {
  assert.deepEqual(amounts(500_000, [60, 40]), [300_000, 200_000]);
  assert.deepEqual(amounts(1_000, [33, 33, 34]), [330, 330, 340]);
  assert.deepEqual(amounts(1, [50, 50]), [1, 0]);
  for (const total of [0, 1, 7, 99, 101, 333_333, 1_234_567])
    for (const percents of [[60, 40], [33, 33, 34], [1, 99], [100], [0, 100], [25, 25, 25, 25]]) {
      const parts = amounts(total, percents);
      assert.equal(
        parts.reduce((sum, part) => sum + part, 0),
        total,
        `${total} by ${percents.join('/')}`,
      );
      parts.forEach((part, index) => assert.ok(Math.abs(part - (total * percents[index]!) / 100) < 1));
    }
});

test('gives the rounding leftovers to the largest remainders, earlier parts first on ties', () => {
  assert.deepEqual(amounts(10, [45, 55]), [5, 5]);
  assert.deepEqual(amounts(3, [33, 33, 34]), [1, 1, 1]);
  assert.deepEqual(amounts(2, [33, 33, 34]), [1, 0, 1]);
});

test('keeps the currency', () => {
  assert.deepEqual(splitMoney({ amountMinor: 9, currency: 'JPY' }, [50, 50]), [
    { amountMinor: 5, currency: 'JPY' },
    { amountMinor: 4, currency: 'JPY' },
  ]);
});

test('refuses percentages that are not whole, out of range or not adding up to 100, and amounts it cannot split', () => {
  assert.throws(() => splitMoney(eur(100), [60, 30]), /add up to 100; they add up to 90/);
  assert.throws(() => splitMoney(eur(100), [60.5, 39.5]), /percents\[0\] must be an integer/);
  assert.throws(() => splitMoney(eur(100), [120, -20]), /percents\[0\]/);
  assert.throws(() => splitMoney(eur(1.5), [100]), /total.amountMinor/);
  assert.throws(() => splitMoney(eur(-1), [100]), /total.amountMinor/);
  assert.throws(() => splitMoney(eur(maxSplittableMinor + 1), [100]), /total.amountMinor/);
});
