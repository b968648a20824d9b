import { normalCdf, normalQuantile } from './special-functions.ts';

/** Wald interval for p1 - p2 (adjust 'agresti-caffo' adds one success and one failure per group), as PropCIs' wald2ci. */
export function differenceWaldInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: { confLevel?: number; adjust?: 'wald' | 'agresti-caffo' } = {},
): [number, number] {
  const add = options.adjust === 'agresti-caffo' ? 1 : 0;
  const m1 = n1 + 2 * add;
  const m2 = n2 + 2 * add;
  const p1 = (x1 + add) / m1;
  const p2 = (x2 + add) / m2;
  const z = Math.abs(normalQuantile((1 - (options.confLevel ?? 0.95)) / 2));
  const half = z * Math.sqrt((p1 * (1 - p1)) / m1 + (p2 * (1 - p2)) / m2);
  return [p1 - p2 - half, p1 - p2 + half];
}

/**
 * Power of the two-sample test of proportions for Cohen's effect size h with n per group (pwr::pwr.2p.test).
 * @example powerTwoProportions(0.3, 80) // 0.475100870572638
 */
export function powerTwoProportions(
  h: number,
  nPerGroup: number,
  options: { alpha?: number; alternative?: 'two.sided' | 'less' | 'greater' } = {},
): number {
  const alpha = options.alpha ?? 0.05;
  const shift = h * Math.sqrt(nPerGroup / 2);
  switch (options.alternative ?? 'two.sided') {
    case 'greater':
      return 1 - normalCdf(normalQuantile(1 - alpha) - shift);
    case 'less':
      return normalCdf(normalQuantile(alpha) - shift);
    case 'two.sided':
      return 1 - normalCdf(normalQuantile(1 - alpha / 2) - shift) + normalCdf(normalQuantile(alpha / 2) - shift);
  }
}

/** Cohen's h = 2 asin(sqrt(p1)) - 2 asin(sqrt(p2)). */
export function cohenH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Power of the pooled two-proportion test (pooled standard error under H0, unpooled under H1), both tails for
 * a two-sided test, with group sizes n1 and n2 (Stata's power twoproportions, R's power.prop.test with strict).
 */
export function powerProportionsPooled(
  p1: number,
  p2: number,
  n1: number,
  n2: number,
  options: { alpha?: number; sides?: 1 | 2 } = {},
): number {
  const sides = options.sides ?? 2;
  const z = normalQuantile(1 - (options.alpha ?? 0.05) / sides);
  const pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
  const null0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const alternative = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const difference = Math.abs(p1 - p2);
  const upper = normalCdf((difference - z * null0) / alternative);
  return sides === 2 ? upper + normalCdf((-difference - z * null0) / alternative) : upper;
}

/**
 * Sample size per group for a two-proportion test at the given power, by R's power.prop.test formula
 * (one tail counted, equal groups), solved exactly.
 * @example sampleSizeTwoProportions(0.75, 0.5, { power: 0.9 }) // about 76.7
 */
export function sampleSizeTwoProportions(
  p1: number,
  p2: number,
  options: { alpha?: number; power?: number; sides?: 1 | 2 } = {},
): number {
  if (p1 === p2) return Infinity;
  const zAlpha = normalQuantile(1 - (options.alpha ?? 0.05) / (options.sides ?? 2));
  const zBeta = normalQuantile(options.power ?? 0.8);
  const mean = (p1 + p2) / 2;
  const numerator = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (numerator / Math.abs(p1 - p2)) ** 2;
}

/** Score statistic for p1 - p2 = delta (Miettinen-Nurminen, with its n / (n - 1) variance factor when `corrected`). */
function differenceScore(p1: number, n1: number, p2: number, n2: number, delta: number, corrected: boolean): number {
  const difference = p1 - p2 - delta;
  if (Math.abs(difference) === 0) return 0;
  const t = n2 / n1;
  const a = 1 + t;
  const b = -(1 + t + p1 + t * p2 + delta * (t + 2));
  const c = delta * delta + delta * (2 * p1 + t + 1) + p1 + t * p2;
  const d = -p1 * delta * (1 + delta);
  const v = (b / a / 3) ** 3 - (b * c) / (6 * a * a) + d / a / 2;
  const s = Math.sqrt((b / a / 3) ** 2 - c / a / 3);
  const u = v > 0 ? s : -s;
  // PropCIs writes pi as 3.141592654; the difference is far below the reference precision.
  const w = (Math.PI + Math.acos(v / u ** 3)) / 3;
  const q1 = 2 * u * Math.cos(w) - b / a / 3;
  const q2 = q1 - delta;
  const total = n1 + n2;
  const variance = ((q1 * (1 - q1)) / n1 + (q2 * (1 - q2)) / n2) * (corrected ? total / (total - 1) : 1);
  return (difference * difference) / variance;
}

/**
 * Score interval for p1 - p2, by the halving search of PropCIs' diffscoreci (stops when the step is under
 * 1e-7): with `corrected` (default) the Miettinen-Nurminen variance, without it Mee's.
 * @example differenceScoreInterval(7, 34, 1, 34) // about [0.0270, 0.3453]
 */
export function differenceScoreInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: { confLevel?: number; corrected?: boolean } = {},
): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const z = chiSquareQuantile1(options.confLevel ?? 0.95);
  const corrected = options.corrected ?? true;
  const search = (direction: 1 | -1) => {
    let root = p1 - p2;
    let step = 1 - direction * root;
    let limit = root;
    for (let iteration = 1; iteration <= 50; iteration += 1) {
      step /= 2;
      const candidate = root + direction * step;
      const score = differenceScore(p1, n1, p2, n2, candidate, corrected);
      if (score < z) root = candidate;
      limit = candidate;
      if (step < 1e-7 || Math.abs(z - score) < 1e-6) break;
    }
    return limit;
  };
  return [search(-1), search(1)];
}

/** The 0.95 (or other) quantile of the chi-square with one degree of freedom: the squared normal quantile. */
function chiSquareQuantile1(level: number): number {
  return normalQuantile((1 + level) / 2) ** 2;
}

/**
 * Score interval for the odds ratio, by the multiplicative search of PropCIs' orscoreci (steps of 0.1%, with
 * the Miettinen-Nurminen factor (n - 1) / n when `corrected`, the default).
 * @example oddsRatioScoreInterval(7, 34, 1, 34) // about [1.2463, 56.486]
 */
export function oddsRatioScoreInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: { confLevel?: number; corrected?: boolean } = {},
): [number, number] {
  const z = chiSquareQuantile1(options.confLevel ?? 0.95);
  const corrected = options.corrected ?? true;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const limit = (start: number, upward: boolean) => {
    let ratio = start;
    let found = start;
    let score = 0;
    for (let iteration = 0; score < z && iteration < 1_000_000; iteration += 1) {
      const a = n2 * (ratio - 1);
      const b = n1 * ratio + n2 - (x1 + x2) * (ratio - 1);
      const c = -(x1 + x2);
      const q2 = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
      const q1 = (q2 * ratio) / (1 + q2 * (ratio - 1));
      score =
        (n1 * (p1 - q1)) ** 2 *
        (1 / (n1 * q1 * (1 - q1)) + 1 / (n2 * q2 * (1 - q2))) *
        (corrected ? (n1 + n2 - 1) / (n1 + n2) : 1);
      found = ratio;
      ratio = upward ? found * 1.001 : found / 1.001;
    }
    return found;
  };
  if ((x1 === 0 && x2 === 0) || (x1 === n1 && x2 === n2)) return [0, Infinity];
  if (x1 === 0 || x2 === n2) return [0, limit(0.01 / n2, true)];
  if (x1 === n1 || x2 === 0) return [limit(100 * n1, false), Infinity];
  const estimate = p1 / (1 - p1) / (p2 / (1 - p2));
  return [limit(estimate / 1.1, false), limit(estimate * 1.1, true)];
}

/**
 * Score interval for the relative risk p1 / p2 (Koopman), from the closed-form roots PropCIs' riskscoreci
 * uses when no group is at 0 or n.
 * @example riskRatioScoreInterval(7, 34, 1, 34) // about [1.2209, 42.576]
 */
export function riskRatioScoreInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: { confLevel?: number } = {},
): [number, number] {
  if (x1 === 0 || x2 === 0 || x1 === n1 || x2 === n2)
    throw new RangeError('riskRatioScoreInterval needs 0 < x < n in both groups');
  const z = Math.abs(normalQuantile((1 - (options.confLevel ?? 0.95)) / 2));
  const z2 = z * z;
  const a1 = n2 * (n2 * (n2 + n1) * x1 + n1 * (n2 + x1) * z2);
  const a2 = -n2 * (n2 * n1 * (x2 + x1) + 2 * (n2 + n1) * x2 * x1 + n1 * (n2 + x2 + 2 * x1) * z2);
  const a3 = 2 * n2 * n1 * x2 * (x2 + x1) + (n2 + n1) * x2 * x2 * x1 + n2 * n1 * (x2 + x1) * z2;
  const a4 = -n1 * x2 * x2 * (x2 + x1);
  const b1 = a2 / a1;
  const b2 = a3 / a1;
  const b3 = a4 / a1;
  const c1 = b2 - (b1 * b1) / 3;
  const c2 = b3 - (b1 * b2) / 3 + (2 * b1 ** 3) / 27;
  const angle = Math.acos((Math.sqrt(27) * c2) / (2 * c1 * Math.sqrt(-c1)));
  const roots = [
    -2 * Math.sqrt(-c1 / 3) * Math.cos(Math.PI / 3 - angle / 3) - b1 / 3,
    -2 * Math.sqrt(-c1 / 3) * Math.cos(Math.PI / 3 + angle / 3) - b1 / 3,
    2 * Math.sqrt(-c1 / 3) * Math.cos(angle / 3) - b1 / 3,
  ];
  const up = Math.min(...roots);
  const low = roots[0]! + roots[1]! + roots[2]! - up - Math.max(...roots);
  const ratio = (p0: number) => (1 - ((n1 - x1) * (1 - p0)) / (x2 + n1 - (n2 + n1) * p0)) / p0;
  return [ratio(low), ratio(up)];
}
