/**
 * Brent's root finder as R's `uniroot` runs it (R_zeroin2, default tolerance eps^0.25): R's fisher.test and
 * binom.confint stop their searches with this exact algorithm, so matching their figures to 1e-6 means
 * taking the same steps, not finding a more precise root.
 */

export const R_UNIROOT_TOLERANCE = Math.pow(Number.EPSILON, 0.25);

/**
 * The root of `f` in [lower, upper] (f must change sign), as R's uniroot(f, c(lower, upper), tol) returns it.
 * @example zeroin((x) => x * x - 2, 0, 2) // about 1.41421
 */
export function zeroin(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tolerance = R_UNIROOT_TOLERANCE,
  maxIterations = 1000,
): number {
  let a = lower;
  let b = upper;
  let fa = f(a);
  let fb = f(b);
  if (fa * fb > 0) throw new RangeError(`zeroin: f(${lower}) and f(${upper}) have the same sign`);
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  for (let iteration = 0; iteration <= maxIterations; iteration += 1) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(previousStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const cb = c - b;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((previousStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
