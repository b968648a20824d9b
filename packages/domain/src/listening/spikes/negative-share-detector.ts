import { createSpikeDetector, type SpikeAlert, type SpikeDetectorOptions } from './spike-detector.ts';

/** Mentions counted in one interval: `at` in ms since the epoch. */
export type SentimentCountPoint = { at: number; negative: number; total: number };

export type NegativeShareDetector = {
  /** Feeds one interval's counts (in time order); returns the alerts raised by the buckets it closed. */
  push(point: SentimentCountPoint): SpikeAlert[];
  advanceTo(now: number): SpikeAlert[];
  flush(): SpikeAlert[];
};

/**
 * Spike detection on the negative share of mentions, with the machinery of the volume detector: the share is
 * smoothed towards one half by one pseudo-mention each way ((negative + 1) / (total + 2)), so a bucket of two
 * mentions cannot look like a crisis, and judged on the logit scale where shares near 0 and 1 spread out.
 * Buckets with fewer than `minimumMentions` are treated as missing. Alert values are shares (0..1).
 * @example
 * const detector = createNegativeShareDetector({ sensitivity: 'medium' });
 * detector.push({ at: Date.UTC(2026, 10, 28, 9), negative: 12, total: 40 });
 */
export function createNegativeShareDetector(
  options: Omit<SpikeDetectorOptions, 'transform' | 'aggregation'> & { minimumMentions?: number } = {},
): NegativeShareDetector {
  const stepMs = (options.stepMinutes ?? 5) * 60_000;
  const minimumMentions = options.minimumMentions ?? 5;
  const detector = createSpikeDetector({ scaleFloor: 0.05, ...options, transform: 'identity', aggregation: 'mean' });
  let openStart: number | null = null;
  let negative = 0;
  let total = 0;

  const logit = (share: number) => Math.log(share / (1 - share));
  const share = (value: number) => 1 / (1 + Math.exp(-value));
  const toShares = (alerts: SpikeAlert[]) =>
    alerts.map((alert) => ({ ...alert, value: share(alert.value), expected: share(alert.expected) }));

  // Counts are summed per bucket here, then one logit value per bucket goes to the detector.
  function closeOpen(): SpikeAlert[] {
    if (openStart === null || total < minimumMentions) return [];
    return detector.push({ at: openStart, value: logit((negative + 1) / (total + 2)) });
  }

  return {
    push(point) {
      if (!(point.total >= 0) || !(point.negative >= 0) || point.negative > point.total)
        throw new RangeError(`need 0 <= negative <= total (got ${point.negative} of ${point.total})`);
      const start = Math.floor(point.at / stepMs) * stepMs;
      if (openStart !== null && start < openStart) throw new RangeError('points must come in time order');
      let alerts: SpikeAlert[] = [];
      if (openStart !== null && start > openStart) {
        alerts = closeOpen();
        negative = 0;
        total = 0;
      }
      openStart = start;
      negative += point.negative;
      total += point.total;
      return toShares(alerts);
    },
    advanceTo(now) {
      if (openStart !== null && Math.floor(now / stepMs) * stepMs > openStart) {
        const alerts = closeOpen();
        openStart = null;
        negative = 0;
        total = 0;
        return toShares([...alerts, ...detector.advanceTo(now)]);
      }
      return toShares(detector.advanceTo(now));
    },
    flush() {
      const alerts = closeOpen();
      openStart = null;
      negative = 0;
      total = 0;
      return toShares([...alerts, ...detector.flush()]);
    },
  };
}
