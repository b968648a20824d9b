/**
 * Puts irregular, possibly out-of-order-free but gappy points onto a fixed time grid, one bucket at a time, so
 * the detector always sees a regular series: several points in one bucket are combined (summed for counts,
 * averaged for rates), and a bucket with no point is reported as missing rather than as zero.
 */

/** One observation: `at` in milliseconds since the Unix epoch (UTC). */
export type SeriesPoint = { at: number; value: number };

/** A closed bucket of the grid: `start` in ms since the epoch; `value` is null when no point fell into it. */
export type SeriesBucket = { start: number; value: number | null; count: number };

export type BucketAggregation = 'sum' | 'mean';

export type Resampler = {
  /** Adds a point; returns the buckets that this point closed (in time order, gaps included as missing). */
  push(point: SeriesPoint): SeriesBucket[];
  /** Closes every bucket that ends at or before `now` (ms since the epoch): for live feeds with silences. */
  advanceTo(now: number): SeriesBucket[];
  /** Closes the open bucket, if any (end of a batch). */
  flush(): SeriesBucket[];
};

/** Longest gap, in buckets, reported one bucket at a time; beyond it the resampler reports only the last ones. */
const MAX_REPORTED_GAP = 10_000;

/**
 * Creates a resampler on a grid of `stepMs` aligned on the epoch (5-minute buckets start at :00, :05, ...).
 * @example
 * const grid = createResampler({ stepMs: 300_000, aggregation: 'sum' });
 * grid.push({ at: Date.UTC(2026, 0, 1, 0, 1), value: 3 }); // []
 * grid.push({ at: Date.UTC(2026, 0, 1, 0, 6), value: 1 }); // [{ start: ...00:00, value: 3, count: 1 }]
 */
export function createResampler(options: { stepMs: number; aggregation: BucketAggregation }): Resampler {
  const { stepMs, aggregation } = options;
  if (!(stepMs > 0) || !Number.isFinite(stepMs)) throw new RangeError(`stepMs must be a positive number of ms`);
  let openStart: number | null = null;
  let sum = 0;
  let count = 0;

  const bucketOf = (at: number) => Math.floor(at / stepMs) * stepMs;

  function close(until: number): SeriesBucket[] {
    // Closes the open bucket and reports the empty buckets strictly before `until`.
    if (openStart === null) return [];
    const closed: SeriesBucket[] = [
      { start: openStart, value: count === 0 ? null : aggregation === 'sum' ? sum : sum / count, count },
    ];
    let next = openStart + stepMs;
    if ((until - next) / stepMs > MAX_REPORTED_GAP) next = until - MAX_REPORTED_GAP * stepMs;
    for (; next < until; next += stepMs) closed.push({ start: next, value: null, count: 0 });
    openStart = until;
    sum = 0;
    count = 0;
    return closed;
  }

  return {
    push(point) {
      if (!Number.isFinite(point.at) || !Number.isFinite(point.value))
        throw new RangeError(`a point needs a finite time and value (got at=${point.at}, value=${point.value})`);
      const start = bucketOf(point.at);
      if (openStart !== null && start < openStart)
        throw new RangeError(
          `points must come in time order: ${new Date(point.at).toISOString()} is before the current bucket ${new Date(openStart).toISOString()}`,
        );
      const closed = openStart === null ? [] : start > openStart ? close(start) : [];
      openStart = start;
      sum += point.value;
      count += 1;
      return closed;
    },
    advanceTo(now) {
      if (openStart === null) return [];
      const start = bucketOf(now);
      return start > openStart ? close(start) : [];
    },
    flush() {
      if (openStart === null || count === 0) return [];
      const closed = close(openStart + stepMs);
      openStart = null;
      return closed;
    },
  };
}
