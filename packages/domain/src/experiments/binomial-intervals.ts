import { binomialProfileInterval } from './binomial-profile-interval.ts';
import { propTest } from './proportion-tests.ts';
import { betaQuantile, logChoose, normalCdf, normalQuantile } from './special-functions.ts';
import { zeroin } from './zeroin.ts';

/** The methods of R's binom::binom.confint, plus the equal-tailed Jeffreys interval. */
export const binomialIntervalMethods = [
  'wilson',
  'agresti-coull',
  'exact',
  'asymptotic',
  'prop.test',
  'bayes',
  'jeffreys',
  'cloglog',
  'logit',
  'probit',
  'lrt',
  'profile',
] as const;
export type BinomialIntervalMethod = (typeof binomialIntervalMethods)[number];

/**
 * Confidence interval for a binomial proportion x/n, as binom::binom.confint computes it for each method
 * (including its edge rules at x = 0 and x = n); 'bayes' is the Jeffreys highest-density interval and
 * 'jeffreys' the equal-tailed one.
 * @example binomialInterval(18, 20, 'wilson') // [0.6989663547715128, 0.9721335187862318]
 */
export function binomialInterval(
  x: number,
  n: number,
  method: BinomialIntervalMethod,
  confLevel = 0.95,
): [number, number] {
  if (!(n > 0) || x < 0 || x > n) throw new RangeError('need 0 <= x <= n, n > 0');
  const alpha = 1 - confLevel;
  const z = normalQuantile(1 - alpha / 2);
  const z2 = z * z;
  const p = x / n;
  const edgeLower = x === n ? Math.pow(alpha / 2, 1 / n) : 0;
  const edgeUpper = x === 0 ? 1 - Math.pow(alpha / 2, 1 / n) : 1;
  const atEdge = x === 0 || x === n;
  switch (method) {
    case 'wilson': {
      const centre = p + (0.5 * z2) / n;
      const half = z * Math.sqrt((p * (1 - p) + (0.25 * z2) / n) / n);
      return [(centre - half) / (1 + z2 / n), (centre + half) / (1 + z2 / n)];
    }
    case 'agresti-coull': {
      const tilde = (x + 0.5 * z2) / (n + z2);
      const half = z * Math.sqrt((tilde * (1 - tilde)) / (n + z2));
      // As binom does: the interval is not clipped, except that it starts at 0 for x = 0 and ends at 1 for x = n.
      return [x === 0 ? 0 : tilde - half, x === n ? 1 : tilde + half];
    }
    case 'asymptotic': {
      const half = z * Math.sqrt((p * (1 - p)) / n);
      return [p - half, p + half];
    }
    case 'exact':
      return [
        x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
        x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x),
      ];
    case 'prop.test':
      return propTest([x], [n], { p: [0.5], confLevel }).confidenceInterval!;
    case 'cloglog': {
      if (atEdge) return [edgeLower, edgeUpper];
      const centre = Math.log(-Math.log(p));
      const sd = Math.sqrt((1 - p) / n / p / Math.log(p) ** 2);
      return [Math.exp(-Math.exp(centre + z * sd)), Math.exp(-Math.exp(centre - z * sd))];
    }
    case 'logit': {
      if (atEdge) return [edgeLower, edgeUpper];
      const centre = Math.log(p) - Math.log1p(-p);
      const sd = Math.sqrt(1 / n / p / (1 - p));
      const expit = (value: number) => Math.exp(value) / (1 + Math.exp(value));
      return [expit(centre - z * sd), expit(centre + z * sd)];
    }
    case 'probit': {
      if (atEdge) return [edgeLower, edgeUpper];
      const centre = normalQuantile(p);
      const sd = Math.sqrt((p * (1 - p)) / n / Math.exp(-centre * centre) / (1 / (2 * Math.PI)));
      return [normalCdf(centre - z * sd), normalCdf(centre + z * sd)];
    }
    case 'bayes':
      return jeffreysHighestDensity(x, n, confLevel);
    case 'jeffreys':
      return jeffreysInterval(x, n, confLevel);
    case 'lrt':
      return likelihoodRatioInterval(x, n, z);
    case 'profile':
      return binomialProfileInterval(x, n, confLevel);
  }
}

/** Equal-tailed interval of the Jeffreys posterior Beta(x + 1/2, n - x + 1/2), one-sided at the edges. */
function jeffreysInterval(x: number, n: number, confLevel: number): [number, number] {
  const a = x + 0.5;
  const b = n - x + 0.5;
  const alpha = x === 0 || x === n ? 1 - confLevel : (1 - confLevel) / 2;
  return [x === 0 ? 0 : betaQuantile(alpha, a, b), x === n ? 1 : betaQuantile(1 - alpha, a, b)];
}

/** Highest posterior density interval of the Jeffreys posterior (binom's 'bayes'), one-sided at the edges. */
function jeffreysHighestDensity(x: number, n: number, confLevel: number): [number, number] {
  if (x === 0 || x === n) return jeffreysInterval(x, n, confLevel);
  const a = x + 0.5;
  const b = n - x + 0.5;
  const alpha = 1 - confLevel;
  const logDensity = (value: number) => (a - 1) * Math.log(value) + (b - 1) * Math.log1p(-value);
  // The lower tail mass t in (0, alpha) at which both ends have the same density.
  const gap = (t: number) => logDensity(betaQuantile(t, a, b)) - logDensity(betaQuantile(t + confLevel, a, b));
  let low = 1e-14 * alpha;
  let high = alpha * (1 - 1e-14);
  for (let iteration = 0; iteration < 200 && high - low > 1e-17; iteration += 1) {
    const middle = (low + high) / 2;
    if (gap(middle) < 0) low = middle;
    else high = middle;
  }
  const t = (low + high) / 2;
  return [betaQuantile(t, a, b), betaQuantile(t + confLevel, a, b)];
}

/** binom.lrt: inverts the signed root of the likelihood-ratio statistic with uniroot (tolerance sqrt(eps)). */
function likelihoodRatioInterval(x: number, n: number, z: number): [number, number] {
  const tol = Math.sqrt(Number.EPSILON);
  const p = x / n;
  const logLikelihood = (value: number) =>
    value === 0 || value === 1 ? 0 : logChoose(n, x) + x * Math.log(value) + (n - x) * Math.log(1 - value);
  const deviance = (value: number, mu: number, bound: number) =>
    (Math.abs(value - mu) < tol
      ? 0
      : Math.sign(value - mu) * Math.sqrt(-2 * (logLikelihood(value) - logLikelihood(mu)))) - bound;
  let lower = 0;
  let upper = 1;
  if (x !== 0 && tol < p) {
    const end = p < tol || p === 1 ? 1 - tol : p;
    lower = deviance(tol, p, -z) > 0 ? 0 : zeroin((value) => deviance(value, p, -z), tol, end, tol);
  }
  if (x !== n && p < 1 - tol) {
    const start = p > 1 - tol ? tol : p;
    upper = zeroin((value) => deviance(value, p, z), start, 1 - tol, tol);
  }
  return [lower, upper];
}
