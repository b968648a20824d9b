import { createResampler, type BucketAggregation, type SeriesBucket, type SeriesPoint } from './resampler.ts';
import { createBaselineState, expectation, learn, seasonalSlots, type BaselineRates } from './seasonal-baseline.ts';
import { createWindowScorer } from './window-scorer.ts';

/**
 * Streaming spike detection on a volume series (or any series made positive-count-like, such as the negative
 * share of mentions): points are put on a fixed grid, compared with a seasonal baseline (hour of day and hour
 * of week), and an alert is raised when the robust score of the recent buckets crosses the threshold of the
 * sensitivity, at most once per episode and never within the cooldown of the previous alert.
 */

export const spikeSensitivities = ['low', 'medium', 'high'] as const;
export type SpikeSensitivity = (typeof spikeSensitivities)[number];

export const spikeSeverities = ['notice', 'warning', 'critical'] as const;
export type SpikeSeverity = (typeof spikeSeverities)[number];

export type SpikeAlert = {
  /** Start of the bucket that raised the alert, ms since the epoch. */
  at: number;
  severity: SpikeSeverity;
  /** Observed value of that bucket (on the original scale). */
  value: number;
  /** What the baseline expected for that bucket (on the original scale). */
  expected: number;
  /** Robust score of the recent buckets, in baseline standard deviations. */
  score: number;
};

export type SpikeDetectorOptions = {
  /** Grid step in minutes (default 5). */
  stepMinutes?: number;
  /** 'low', 'medium' (default), 'high', or a score threshold (higher raises fewer alerts). */
  sensitivity?: SpikeSensitivity | number;
  /** Minimum time between two alerts, in minutes (default 1,440: one day). */
  cooldownMinutes?: number;
  /** How points in one bucket combine: 'sum' for counts (default), 'mean' for rates. */
  aggregation?: BucketAggregation;
  /** 'log' (default: counts, log(1 + v)) or 'identity' (values already on an additive scale, such as shares). */
  transform?: 'log' | 'identity';
  /** Offset of the local time whose seasonality matters, in minutes east of UTC (default 0). */
  utcOffsetMinutes?: number;
  /** Smallest standard deviation on the transformed scale, so a flat series does not alert on noise. */
  scaleFloor?: number;
  /** Inner settings, for research; the defaults suit 5-minute mention counts. */
  tuning?: Partial<SpikeTuning>;
};

export type SpikeDetector = {
  /** Feeds one point (in time order); returns the alerts raised by the buckets it closed. */
  push(point: SeriesPoint): SpikeAlert[];
  /** Tells the detector that time has reached `now` (ms): closes silent buckets as missing. */
  advanceTo(now: number): SpikeAlert[];
  /** Closes the last bucket (end of a batch). */
  flush(): SpikeAlert[];
};

/** Score thresholds of the named sensitivities. */
export const sensitivityThresholds: Readonly<Record<SpikeSensitivity, number>> = { low: 5.5, medium: 4, high: 3 };

/** The detector's inner settings; the defaults are the ones evaluated in docs/performance.md. */
export type SpikeTuning = {
  /** Length of the main window, in minutes: a sustained rise over it alerts at the threshold. */
  scoreWindowMinutes: number;
  /** Length of the fast window, in minutes: an abrupt surge alerts within it... */
  fastWindowMinutes: number;
  /** ...when its score passes the threshold times this factor (short windows are noisier). */
  fastThresholdFactor: number;
  /** Memory of the level, in hours. */
  levelMemoryHours: number;
  /** Memory of the hour-of-day effects, in days. */
  hourOfDayMemoryDays: number;
  /** Memory of the hour-of-week corrections, in weeks. */
  hourOfWeekMemoryWeeks: number;
  /** Memory of the robust scale, in days. */
  scaleMemoryDays: number;
  /** An episode ends, and the detector re-arms, once the score falls below this fraction of the threshold. */
  rearmFraction: number;
  /** No alert before the baseline has seen this many hours. */
  warmUpHours: number;
};

export const defaultSpikeTuning: Readonly<SpikeTuning> = {
  scoreWindowMinutes: 120,
  fastWindowMinutes: 5,
  fastThresholdFactor: 2.2,
  levelMemoryHours: 168,
  hourOfDayMemoryDays: 7,
  hourOfWeekMemoryWeeks: 3,
  scaleMemoryDays: 5,
  rearmFraction: 0.5,
  warmUpHours: 24,
};

/** Severity from how far the score goes past the threshold. */
export function severityOf(score: number, threshold: number): SpikeSeverity {
  if (score >= threshold * 2) return 'critical';
  if (score >= threshold * 1.4) return 'warning';
  return 'notice';
}

/**
 * Creates a streaming detector.
 * @example
 * const detector = createSpikeDetector({ sensitivity: 'medium' });
 * for (const point of livePoints) for (const alert of detector.push(point)) notify(alert);
 */
export function createSpikeDetector(options: SpikeDetectorOptions = {}): SpikeDetector {
  const stepMinutes = options.stepMinutes ?? 5;
  if (!(stepMinutes > 0)) throw new RangeError('stepMinutes must be positive');
  const threshold = thresholdOf(options.sensitivity ?? 'medium');
  const cooldownMs = (options.cooldownMinutes ?? 1440) * 60_000;
  const transform = options.transform ?? 'log';
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 0;
  const scaleFloor = options.scaleFloor ?? (transform === 'log' ? 0.05 : 1e-6);
  const tuning = { ...defaultSpikeTuning, ...options.tuning };
  const bucketsPerHour = 60 / stepMinutes;
  const warmUpBuckets = tuning.warmUpHours * bucketsPerHour;
  const rates: BaselineRates = {
    level: 1 / (tuning.levelMemoryHours * bucketsPerHour),
    hourOfDay: 1 / (tuning.hourOfDayMemoryDays * bucketsPerHour),
    hourOfWeek: 1 / (tuning.hourOfWeekMemoryWeeks * bucketsPerHour),
    scale: 1 / (tuning.scaleMemoryDays * 24 * bucketsPerHour),
    warmUp: warmUpBuckets,
  };
  const bucketsOf = (minutes: number) => Math.max(1, Math.round(minutes / stepMinutes));

  const resampler = createResampler({
    stepMs: stepMinutes * 60_000,
    aggregation: options.aggregation ?? 'sum',
  });
  const state = createBaselineState();
  const scorer = createWindowScorer({
    windows: [
      { buckets: bucketsOf(tuning.scoreWindowMinutes), thresholdFactor: 1 },
      { buckets: bucketsOf(tuning.fastWindowMinutes), thresholdFactor: tuning.fastThresholdFactor },
    ],
    transform,
    scaleRate: rates.scale,
    scaleFloor,
  });
  let lastAlertAt = -Infinity;
  let armed = true;

  const forward = (value: number) => (transform === 'log' ? Math.log1p(Math.max(0, value)) : value);
  const backward = (value: number) => (transform === 'log' ? Math.max(0, Math.expm1(value)) : value);

  function judge(bucket: SeriesBucket): SpikeAlert | null {
    if (bucket.value === null) {
      // A missing bucket neither scores nor learns; the windows start again after it.
      scorer.reset();
      return null;
    }
    const slots = seasonalSlots(bucket.start, utcOffsetMinutes);
    const y = forward(bucket.value);
    const baseline = expectation(state, slots, scaleFloor);
    let alert: SpikeAlert | null = null;
    if (baseline) {
      // The spread of windows is learned once the baseline is warm: cold-start residuals would inflate it.
      const warm = state.observed >= warmUpBuckets;
      const score = scorer.push({ observed: y, expected: baseline.expected }, warm);
      if (score !== null) {
        if (score < threshold * tuning.rearmFraction) armed = true;
        if (warm && armed && score >= threshold && bucket.start - lastAlertAt >= cooldownMs) {
          alert = {
            at: bucket.start,
            severity: severityOf(score, threshold),
            value: bucket.value,
            expected: backward(baseline.expected),
            score,
          };
          lastAlertAt = bucket.start;
          armed = false;
        }
      }
    }
    learn(state, slots, y, rates, scaleFloor);
    return alert;
  }

  const judgeAll = (buckets: SeriesBucket[]) =>
    buckets.map(judge).filter((alert): alert is SpikeAlert => alert !== null);

  return {
    push: (point) => judgeAll(resampler.push(point)),
    advanceTo: (now) => judgeAll(resampler.advanceTo(now)),
    flush: () => judgeAll(resampler.flush()),
  };
}

/**
 * Batch helper: runs a fresh detector over a whole series (sorted by time first) and returns every alert.
 * @example
 * detectSpikes(points, { sensitivity: 'high' }).map((alert) => alert.severity);
 */
export function detectSpikes(points: readonly SeriesPoint[], options: SpikeDetectorOptions = {}): SpikeAlert[] {
  const detector = createSpikeDetector(options);
  const sorted = [...points].sort((a, b) => a.at - b.at);
  return [...sorted.flatMap((point) => detector.push(point)), ...detector.flush()];
}

function thresholdOf(sensitivity: SpikeSensitivity | number): number {
  if (typeof sensitivity === 'number') {
    if (!(sensitivity > 0) || !Number.isFinite(sensitivity))
      throw new RangeError(`sensitivity must be low, medium, high or a positive threshold (got ${sensitivity})`);
    return sensitivity;
  }
  const threshold = sensitivityThresholds[sensitivity];
  if (threshold === undefined)
    throw new RangeError(`sensitivity must be low, medium, high or a positive threshold (got ${String(sensitivity)})`);
  return threshold;
}
