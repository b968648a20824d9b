import type { TestAlternative } from './fisher-exact.ts';
import {
  betaQuantile,
  binomialCdf,
  binomialPmf,
  binomialUpper,
  chiSquareUpper,
  normalCdf,
  normalQuantile,
} from './special-functions.ts';

export type PropTestResult = {
  statistic: number;
  df: number;
  pValue: number;
  estimate: number[];
  /** Present for one or two groups, as in R. */
  confidenceInterval?: [number, number];
};

/**
 * R's prop.test: k-sample test of equal proportions, or of given proportions `p`, with Yates' continuity
 * correction when `correct` (the default, and only for one or two groups, as R does).
 * @example propTest([73, 90, 114, 75], [86, 93, 136, 82], { correct: false }).pValue // 0.011097511366581344
 */
export function propTest(
  x: readonly number[],
  n: readonly number[],
  options: { p?: readonly number[]; correct?: boolean; alternative?: TestAlternative; confLevel?: number } = {},
): PropTestResult {
  const k = x.length;
  if (k === 0 || n.length !== k) throw new RangeError('x and n must be non-empty and of the same length');
  x.forEach((value, index) => {
    const size = n[index]!;
    if (!(size > 0) || value < 0 || value > size) throw new RangeError(`group ${index + 1}: need 0 <= x <= n, n > 0`);
  });
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const p = options.p;
  if (p && p.length !== k) throw new RangeError('p must have one proportion per group');
  if (alternative !== 'two.sided' && k > 2) throw new RangeError('one-sided tests need one or two groups');
  const estimate = x.map((value, index) => value / n[index]!);
  let yates = options.correct !== false && k <= 2 ? 0.5 : 0;
  let confidenceInterval: [number, number] | undefined;

  if (k === 1) {
    const size = n[0]!;
    const nullP = p?.[0] ?? 0.5;
    const z = normalQuantile(alternative === 'two.sided' ? (1 + confLevel) / 2 : confLevel);
    yates = Math.min(yates, Math.abs(x[0]! - size * nullP));
    const z22n = (z * z) / (2 * size);
    const wilson = (centre: number, sign: number) =>
      (centre + z22n + sign * z * Math.sqrt((centre * (1 - centre)) / size + z22n / (2 * size))) / (1 + 2 * z22n);
    const upperCentre = estimate[0]! + yates / size;
    const lowerCentre = estimate[0]! - yates / size;
    const upper = upperCentre >= 1 ? 1 : wilson(upperCentre, 1);
    const lower = lowerCentre <= 0 ? 0 : wilson(lowerCentre, -1);
    confidenceInterval =
      alternative === 'two.sided'
        ? [Math.max(lower, 0), Math.min(upper, 1)]
        : alternative === 'less'
          ? [0, Math.min(upper, 1)]
          : [Math.max(lower, 0), 1];
  } else if (k === 2 && !p) {
    const delta = estimate[0]! - estimate[1]!;
    const inverseSum = 1 / n[0]! + 1 / n[1]!;
    yates = Math.min(yates, Math.abs(delta) / inverseSum);
    const z = normalQuantile(alternative === 'two.sided' ? (1 + confLevel) / 2 : confLevel);
    const width =
      z * Math.sqrt(estimate.reduce((sum, value, index) => sum + (value * (1 - value)) / n[index]!, 0)) +
      yates * inverseSum;
    confidenceInterval =
      alternative === 'two.sided'
        ? [Math.max(delta - width, -1), Math.min(delta + width, 1)]
        : alternative === 'less'
          ? [-1, Math.min(delta + width, 1)]
          : [Math.max(delta - width, -1), 1];
  }

  let statistic = 0;
  let df: number;
  if (p) {
    x.forEach((value, index) => {
      const expected = n[index]! * p[index]!;
      statistic += (Math.abs(value - expected) - yates) ** 2 / (expected * (1 - p[index]!));
    });
    df = k;
  } else {
    if (k === 1) throw new RangeError('a single group needs its null proportion p');
    const pooled = x.reduce((sum, value) => sum + value, 0) / n.reduce((sum, value) => sum + value, 0);
    x.forEach((value, index) => {
      const successes = n[index]! * pooled;
      const failures = n[index]! * (1 - pooled);
      statistic += (Math.abs(value - successes) - yates) ** 2 / successes;
      statistic += (Math.abs(n[index]! - value - failures) - yates) ** 2 / failures;
    });
    df = k - 1;
  }
  let pValue: number;
  if (alternative === 'two.sided') pValue = chiSquareUpper(statistic, df);
  else {
    const direction = k === 1 ? estimate[0]! - (p?.[0] ?? 0.5) : estimate[0]! - estimate[1]!;
    const z = Math.sign(direction) * Math.sqrt(statistic);
    pValue = alternative === 'less' ? normalCdf(z) : 1 - normalCdf(z);
  }
  return { statistic, df, pValue, estimate, ...(confidenceInterval ? { confidenceInterval } : {}) };
}

/**
 * R's binom.test: exact binomial test; the two-sided p-value sums the outcomes no more likely than the
 * observed one (relative tolerance 1e-7), and the interval is Clopper-Pearson.
 * @example binomTest(51, 235, { p: 1 / 6 }).pValue // 0.0437479701823997
 */
export function binomTest(
  x: number,
  n: number,
  options: { p?: number; alternative?: TestAlternative; confLevel?: number } = {},
): { pValue: number; estimate: number; confidenceInterval: [number, number] } {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n < 1 || x < 0 || x > n)
    throw new RangeError('need integers 0 <= x <= n, n >= 1');
  const p = options.p ?? 0.5;
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  let pValue: number;
  if (alternative === 'less') pValue = binomialCdf(x, n, p);
  else if (alternative === 'greater') pValue = binomialUpper(x - 1, n, p);
  else if (p === 0) pValue = Number(x === 0);
  else if (p === 1) pValue = Number(x === n);
  else {
    const observed = binomialPmf(x, n, p) * (1 + 1e-7);
    const mean = n * p;
    if (x === mean) pValue = 1;
    else if (x < mean) {
      let y = 0;
      for (let i = Math.ceil(mean); i <= n; i += 1) if (binomialPmf(i, n, p) <= observed) y += 1;
      pValue = binomialCdf(x, n, p) + binomialUpper(n - y, n, p);
    } else {
      let y = 0;
      for (let i = 0; i <= Math.floor(mean); i += 1) if (binomialPmf(i, n, p) <= observed) y += 1;
      pValue = binomialCdf(y - 1, n, p) + binomialUpper(x - 1, n, p);
    }
    pValue = Math.min(1, pValue);
  }
  const lower = (alpha: number) => (x === 0 ? 0 : betaQuantile(alpha, x, n - x + 1));
  const upper = (alpha: number) => (x === n ? 1 : betaQuantile(1 - alpha, x + 1, n - x));
  const confidenceInterval: [number, number] =
    alternative === 'less'
      ? [0, upper(1 - confLevel)]
      : alternative === 'greater'
        ? [lower(1 - confLevel), 1]
        : [lower((1 - confLevel) / 2), upper((1 - confLevel) / 2)];
  return { pValue, estimate: x / n, confidenceInterval };
}

/**
 * Two-proportion z-test with the pooled standard error (statsmodels' proportions_ztest; z² is prop.test's
 * uncorrected chi-square), or, for one group, the one-sample test with the sample standard error.
 */
export function proportionsZTest(
  x: readonly number[],
  n: readonly number[],
  value?: number,
): { z: number; pValue: number } {
  let z: number;
  if (x.length === 1) {
    const estimate = x[0]! / n[0]!;
    z = (estimate - (value ?? 0)) / Math.sqrt((estimate * (1 - estimate)) / n[0]!);
  } else if (x.length === 2) {
    const pooled = (x[0]! + x[1]!) / (n[0]! + n[1]!);
    z = (x[0]! / n[0]! - x[1]! / n[1]! - (value ?? 0)) / Math.sqrt(pooled * (1 - pooled) * (1 / n[0]! + 1 / n[1]!));
  } else throw new RangeError('one or two groups');
  return { z, pValue: 2 * normalCdf(-Math.abs(z)) };
}
