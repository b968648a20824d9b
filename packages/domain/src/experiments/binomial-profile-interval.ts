import { logGamma, normalQuantile } from './special-functions.ts';

/**
 * The profile-likelihood interval of binom::binom.profile, reproduced step for step: the signed root deviance
 * is evaluated on a grid of logit steps, interpolated by R's "fmm" cubic spline on 3 × (grid size) points,
 * and the normal quantiles are read off by linear interpolation (R's approx). With its default Bayesian edge
 * correction, x = 0 and x = n become x ± 1/2 of n + 1.
 * @example binomialProfileInterval(4, 20) // about [0.0669, 0.4054]
 */
export function binomialProfileInterval(x: number, n: number, confLevel = 0.95): [number, number] {
  if (!(n > 0) || x < 0 || x > n) throw new RangeError('need 0 <= x <= n, n > 0');
  const alpha = 1 - confLevel;
  const atZero = x === 0;
  const atN = x === n;
  let size = n;
  let successes = x;
  let adjust = 1;
  if (atZero || atN) {
    size += 1;
    successes += 0.5;
    adjust = Math.min(2 / Math.log(size), 0.5);
  }
  adjust = Math.min(2 / Math.log(size), adjust);
  const zmax = normalQuantile(1 - alpha / 2 / size);
  const step = zmax / 5;
  const logLikelihood = (p: number) =>
    logGamma(size + 1) -
    logGamma(size - successes + 1) -
    logGamma(successes + 1) +
    successes * Math.log(p) +
    (size - successes) * Math.log(1 - p);
  const muHat = successes / size;
  const etaHat = Math.log(muHat / (1 - muHat));
  const spread = Math.sqrt(1 / size / muHat / (1 - muHat)) * adjust;
  const devianceMin = -2 * logLikelihood(muHat);
  const grid: { mu: number; z: number }[] = [];
  for (const sign of [-1, 1]) {
    if ((atZero && sign === -1) || (atN && sign === 1)) continue;
    let z = 0;
    for (let index = 1; index <= 50 && Math.abs(z) < zmax; index += 1) {
      const mu = logitInverse(etaHat + sign * index * step * spread);
      z = sign * Math.sqrt(-2 * logLikelihood(mu) - devianceMin);
      grid.push({ mu, z });
    }
  }
  grid.sort((a, b) => a.mu - b.mu);
  const xs = grid.map((point) => point.mu);
  const ys = grid.map((point) => point.z);
  const outputs = evenlySpaced(xs[0]!, xs.at(-1)!, 3 * xs.length);
  const curve = fmmSpline(xs, ys);
  const values = outputs.map(curve);
  const lower = atZero ? 0 : interpolate(values, outputs, normalQuantile(alpha / 2));
  const upper = atN ? 1 : interpolate(values, outputs, normalQuantile(1 - alpha / 2));
  return [lower, upper];
}

/** R's binomial()$linkinv, which bounds eta at ±30. */
function logitInverse(eta: number): number {
  const t = eta < -30 ? Number.EPSILON : eta > 30 ? 1 / Number.EPSILON : Math.exp(eta);
  return t / (1 + t);
}

/** R's seq.int(from, to, length.out = count): the last point is exactly `to`. */
function evenlySpaced(from: number, to: number, count: number): number[] {
  const by = (to - from) / (count - 1);
  return Array.from({ length: count }, (_, index) => (index === count - 1 ? to : from + index * by));
}

/** Forsythe, Malcolm and Moler's cubic spline (R's spline method "fmm"), as an evaluator. */
function fmmSpline(x: readonly number[], y: readonly number[]): (u: number) => number {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 3) {
    const slope = (y[1]! - y[0]!) / (x[1]! - x[0]!);
    return (u) => y[0]! + (u - x[0]!) * slope;
  }
  const X = (i: number) => x[i - 1]!;
  const Y = (i: number) => y[i - 1]!;
  // 1-based indices, as in the published algorithm.
  const B = (i: number, v?: number) => (v === undefined ? b[i - 1]! : (b[i - 1] = v));
  const C = (i: number, v?: number) => (v === undefined ? c[i - 1]! : (c[i - 1] = v));
  const D = (i: number, v?: number) => (v === undefined ? d[i - 1]! : (d[i - 1] = v));
  const nm1 = n - 1;
  D(1, X(2) - X(1));
  C(2, (Y(2) - Y(1)) / D(1));
  for (let i = 2; i < n; i += 1) {
    D(i, X(i + 1) - X(i));
    B(i, 2 * (D(i - 1) + D(i)));
    C(i + 1, (Y(i + 1) - Y(i)) / D(i));
    C(i, C(i + 1) - C(i));
  }
  B(1, -D(1));
  B(n, -D(nm1));
  C(1, 0);
  C(n, 0);
  if (n > 3) {
    C(1, C(3) / (X(4) - X(2)) - C(2) / (X(3) - X(1)));
    C(n, C(nm1) / (X(n) - X(n - 2)) - C(n - 2) / (X(nm1) - X(n - 3)));
    C(1, (C(1) * D(1) * D(1)) / (X(4) - X(1)));
    C(n, (-C(n) * D(nm1) * D(nm1)) / (X(n) - X(n - 3)));
  }
  for (let i = 2; i <= n; i += 1) {
    const t = D(i - 1) / B(i - 1);
    B(i, B(i) - t * D(i - 1));
    C(i, C(i) - t * C(i - 1));
  }
  C(n, C(n) / B(n));
  for (let i = nm1; i >= 1; i -= 1) C(i, (C(i) - D(i) * C(i + 1)) / B(i));
  B(n, (Y(n) - Y(n - 1)) / D(n - 1) + D(n - 1) * (C(n - 1) + 2 * C(n)));
  for (let i = 1; i <= nm1; i += 1) {
    B(i, (Y(i + 1) - Y(i)) / D(i) - D(i) * (C(i + 1) + 2 * C(i)));
    D(i, (C(i + 1) - C(i)) / D(i));
    C(i, 3 * C(i));
  }
  C(n, 3 * C(n));
  D(n, D(nm1));
  return (u) => {
    let low = 0;
    let high = n;
    while (high > low + 1) {
      const middle = Math.floor((low + high) / 2);
      if (u < x[middle]!) high = middle;
      else low = middle;
    }
    const dx = u - x[low]!;
    return y[low]! + dx * (b[low]! + dx * (c[low]! + dx * d[low]!));
  };
}

/** R's approx(x, y, xout): linear interpolation after sorting by x and averaging ties; NaN outside. */
function interpolate(xs: readonly number[], ys: readonly number[], at: number): number {
  const pairs = xs.map((value, index) => [value, ys[index]!] as const).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (let index = 0; index < pairs.length;) {
    let end = index;
    let total = 0;
    while (end < pairs.length && pairs[end]![0] === pairs[index]![0]) total += pairs[end++]![1];
    merged.push([pairs[index]![0], total / (end - index)]);
    index = end;
  }
  if (at < merged[0]![0] || at > merged.at(-1)![0]) return NaN;
  for (let index = 1; index < merged.length; index += 1) {
    const [x1, y1] = merged[index]!;
    if (at <= x1) {
      const [x0, y0] = merged[index - 1]!;
      return at === x1 ? y1 : y0 + ((y1 - y0) * (at - x0)) / (x1 - x0);
    }
  }
  return merged.at(-1)![1];
}
