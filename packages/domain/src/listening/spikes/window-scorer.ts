/**
 * Scores the recent buckets as whole windows against the spread of past windows of the same length, which
 * accounts for the autocorrelation of neighbouring buckets that a sum of bucket z-scores would ignore. Several
 * window lengths run side by side: a short one reacts within a bucket to an abrupt surge, a long one catches a
 * sustained, milder rise; each has its own threshold factor, and the score is the largest scaled score.
 */

export type WindowEntry = { observed: number; expected: number };

export type WindowSpec = { buckets: number; thresholdFactor: number };

/** Mean absolute deviation to standard deviation for a normal distribution. */
const MEAN_ABSOLUTE_TO_SIGMA = Math.sqrt(Math.PI / 2);
/** Residuals beyond this many scales are clipped before they update a window's spread. */
const CLIP_SCALES = 2.5;

export type WindowScorer = {
  /**
   * Adds a bucket (on the transformed scale) and returns the score of the windows it completes, in units of
   * the threshold factor (null while no window is full or has a known spread). Learns the spread when `learn`.
   */
  push(entry: WindowEntry, learn: boolean): number | null;
  /** Forgets the recent buckets (after a missing bucket), keeping the learned spreads. */
  reset(): void;
};

export function createWindowScorer(options: {
  windows: readonly WindowSpec[];
  transform: 'log' | 'identity';
  /** Weight of one window in its spread, once the spread has seen enough windows. */
  scaleRate: number;
  scaleFloor: number;
}): WindowScorer {
  const longest = Math.max(...options.windows.map((window) => window.buckets));
  const spreads = options.windows.map(() => ({ value: 0, seen: 0 }));
  const recent: WindowEntry[] = [];

  /** A window's total on the transformed scale: log of the summed counts, or the mean of the values. */
  function total(window: readonly WindowEntry[], key: keyof WindowEntry): number {
    if (options.transform === 'log') return Math.log1p(window.reduce((sum, entry) => sum + Math.expm1(entry[key]), 0));
    return window.reduce((sum, entry) => sum + entry[key], 0) / window.length;
  }

  return {
    push(entry, learn) {
      recent.push(entry);
      if (recent.length > longest) recent.shift();
      let best: number | null = null;
      options.windows.forEach((spec, index) => {
        if (recent.length < spec.buckets) return;
        const window = recent.slice(recent.length - spec.buckets);
        const residual = total(window, 'observed') - total(window, 'expected');
        const spread = spreads[index]!;
        const sigma = Math.max(spread.value * MEAN_ABSOLUTE_TO_SIGMA, options.scaleFloor / Math.sqrt(spec.buckets));
        if (spread.seen > 0) {
          const score = residual / sigma / spec.thresholdFactor;
          best = best === null ? score : Math.max(best, score);
        }
        if (learn) {
          spread.seen += 1;
          const clipped = spread.seen === 1 ? Math.abs(residual) : Math.min(Math.abs(residual), CLIP_SCALES * sigma);
          spread.value += Math.max(options.scaleRate, 1 / spread.seen) * (clipped - spread.value);
        }
      });
      return best;
    },
    reset() {
      recent.length = 0;
    },
  };
}
