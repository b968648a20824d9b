import { logChoose } from './special-functions.ts';
import { zeroin } from './zeroin.ts';

export type TestAlternative = 'two.sided' | 'less' | 'greater';

export type FisherExactResult = {
  pValue: number;
  /** Conditional maximum-likelihood odds ratio (0 or Infinity at the edges). */
  oddsRatio: number;
  confidenceInterval: [number, number];
};

/**
 * Fisher's exact test on a 2×2 table [[a, b], [c, d]], computed the way R's fisher.test does: the two-sided
 * p-value sums the tables no more likely than the observed one (relative tolerance 1e-7), and the odds ratio
 * and its interval come from the non-central hypergeometric distribution, solved with R's uniroot steps.
 * @example fisherExact([[2, 7], [8, 2]]).pValue // 0.02301413756522116
 */
export function fisherExact(
  table: readonly [readonly [number, number], readonly [number, number]],
  options: { alternative?: TestAlternative; confLevel?: number; oddsRatio?: number } = {},
): FisherExactResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  const nullRatio = options.oddsRatio ?? 1;
  const [[x, b], [c, d]] = table;
  for (const cell of [x, b, c, d])
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError('table cells must be non-negative integers');
  const m = x + c;
  const n = b + d;
  const k = x + b;
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let value = lo; value <= hi; value += 1) support.push(value);
  const logdc = support.map((value) => logChoose(m, value) + logChoose(n, k - value) - logChoose(m + n, k));

  const dnhyper = (ncp: number) => {
    const logs = logdc.map((value, index) => value + Math.log(ncp) * support[index]!);
    const max = Math.max(...logs);
    const weights = logs.map((value) => Math.exp(value - max));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return weights.map((weight) => weight / total);
  };
  const mnhyper = (ncp: number) => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    return dnhyper(ncp).reduce((sum, probability, index) => sum + support[index]! * probability, 0);
  };
  const pnhyper = (q: number, ncp: number, upperTail = false) => {
    if (ncp === 0) return Number(upperTail ? q <= lo : q >= lo);
    if (ncp === Infinity) return Number(upperTail ? q <= hi : q >= hi);
    const density = ncp === 1 ? logdc.map(Math.exp) : dnhyper(ncp);
    return density.reduce(
      (sum, probability, index) => sum + ((upperTail ? support[index]! >= q : support[index]! <= q) ? probability : 0),
      0,
    );
  };

  let pValue: number;
  if (alternative === 'less') pValue = pnhyper(x, nullRatio);
  else if (alternative === 'greater') pValue = pnhyper(x, nullRatio, true);
  else if (nullRatio === 0) pValue = Number(x === lo);
  else if (nullRatio === Infinity) pValue = Number(x === hi);
  else {
    const density = dnhyper(nullRatio);
    const observed = density[x - lo]! * (1 + 1e-7);
    pValue = Math.min(
      1,
      density.reduce((sum, probability) => sum + (probability <= observed ? probability : 0), 0),
    );
  }

  const upperLimit = (alpha: number) => {
    if (x === hi) return Infinity;
    const p = pnhyper(x, 1);
    if (p < alpha) return zeroin((t) => pnhyper(x, t) - alpha, 0, 1);
    if (p > alpha) return 1 / zeroin((t) => pnhyper(x, 1 / t) - alpha, Number.EPSILON, 1);
    return 1;
  };
  const lowerLimit = (alpha: number) => {
    if (x === lo) return 0;
    const p = pnhyper(x, 1, true);
    if (p > alpha) return zeroin((t) => pnhyper(x, t, true) - alpha, 0, 1);
    if (p < alpha) return 1 / zeroin((t) => pnhyper(x, 1 / t, true) - alpha, Number.EPSILON, 1);
    return 1;
  };
  const confidenceInterval: [number, number] =
    alternative === 'less'
      ? [0, upperLimit(1 - confLevel)]
      : alternative === 'greater'
        ? [lowerLimit(1 - confLevel), Infinity]
        : [lowerLimit((1 - confLevel) / 2), upperLimit((1 - confLevel) / 2)];

  let oddsRatio: number;
  if (x === lo) oddsRatio = 0;
  else if (x === hi) oddsRatio = Infinity;
  else {
    const mean = mnhyper(1);
    if (mean > x) oddsRatio = zeroin((t) => mnhyper(t) - x, 0, 1);
    else if (mean < x) oddsRatio = 1 / zeroin((t) => mnhyper(1 / t) - x, Number.EPSILON, 1);
    else oddsRatio = 1;
  }
  return { pValue, oddsRatio, confidenceInterval };
}
