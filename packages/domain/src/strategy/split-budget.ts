/** Splitting an amount of money by whole percentages so that the parts add up exactly to the total. */
import type { Money } from '../analytics/money.ts';

/** The largest amount `splitMoney` splits exactly (amount x 100 stays a safe integer). */
export const maxSplittableMinor = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/**
 * Splits `total` by integer percentages summing to 100 (largest remainder: rounding leftovers go to the
 * parts with the largest fractional remainders, earlier parts first on ties). Throws on bad input.
 * @example splitMoney({ amountMinor: 1000, currency: 'EUR' }, [33, 33, 34]).map((part) => part.amountMinor) // [330, 330, 340]
 */
export function splitMoney(total: Money, percents: readonly number[]): Money[] {
  if (!Number.isSafeInteger(total.amountMinor) || total.amountMinor < 0 || total.amountMinor > maxSplittableMinor)
    throw new RangeError(
      `total.amountMinor must be an integer of minor units between 0 and ${maxSplittableMinor}; got ${String(total.amountMinor)}.`,
    );
  percents.forEach((percent, index) => {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100)
      throw new RangeError(`percents[${index}] must be an integer between 0 and 100; got ${String(percent)}.`);
  });
  const sum = percents.reduce((accumulated, percent) => accumulated + percent, 0);
  if (sum !== 100) throw new RangeError(`percents must add up to 100; they add up to ${sum}.`);
  const exact = percents.map((percent) => total.amountMinor * percent);
  const floors = exact.map((value) => Math.floor(value / 100));
  let leftover = total.amountMinor - floors.reduce((accumulated, value) => accumulated + value, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value % 100 }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (leftover === 0) break;
    floors[index]! += 1;
    leftover -= 1;
  }
  return floors.map((amountMinor) => ({ amountMinor, currency: total.currency }));
}
