import {
  createNegativeShareDetector,
  createSpikeDetector,
  type NegativeShareDetector,
  type SpikeAlert,
  type SpikeDetector,
  type SpikeSensitivity,
} from '@sillage/domain';

export type TrackedAlert = SpikeAlert & { queryId: string; kind: 'volume' | 'negative_share'; windowEnd: number };

export type SpikeTrackerOptions = {
  /** Bucket length in minutes. */
  stepMinutes: number;
  sensitivity: SpikeSensitivity | number;
  /** Minimum time between two alerts of one kind on one query. */
  cooldownMinutes: number;
  /** Offset of the workspace's local time, minutes east of UTC, for hour-of-day seasonality. */
  utcOffsetMinutes?: number;
  /**
   * Fewest mentions in the bucket for a volume alert: on sparse queries (a few mentions an hour at night) the
   * log scale turns 2 mentions against an expected 0.3 into a "spike" nobody needs to hear about.
   */
  minimumVolume?: number;
  /**
   * Smallest rise of the negative share over what was expected (0..1) for a negative-share alert: on a calm
   * series the learned spread is so narrow that 22% against an expected 19% scores as a spike.
   */
  minimumShareRise?: number;
};

type QueryState = {
  volume: SpikeDetector;
  negative: NegativeShareDetector;
  /** Counts of the buckets not yet judged, by bucket start (ms). */
  pending: Map<number, { total: number; negative: number }>;
};

/**
 * Spike detection on one workspace's stream of matches, per query, on volume and on the negative share: counts
 * go into buckets of `stepMinutes`; when time passes a bucket's end the bucket is judged, an empty bucket
 * counting as zero mentions (the domain detector would read a missing bucket as "no data"). Matches arriving
 * for a bucket already judged (late collection) count in the oldest bucket still open.
 */
export function createSpikeTracker(options: SpikeTrackerOptions) {
  const stepMs = options.stepMinutes * 60_000;
  const states = new Map<string, QueryState>();
  // Start of the next bucket to judge, shared by every query so a query added later starts in step.
  let nextBucket: number | undefined;

  const minimumVolume = options.minimumVolume ?? 10;
  const minimumShareRise = options.minimumShareRise ?? 0.15;
  const cooldownMs = options.cooldownMinutes * 60_000;
  // The cooldown is applied here, to the alerts that are raised: a dropped small-volume alert must not start one.
  const lastRaised = new Map<string, number>();
  const detectorOptions = {
    stepMinutes: options.stepMinutes,
    sensitivity: options.sensitivity,
    cooldownMinutes: 0,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
  };

  function stateOf(queryId: string): QueryState {
    let state = states.get(queryId);
    if (!state) {
      state = {
        volume: createSpikeDetector({ ...detectorOptions, scaleFloor: 0.25 }),
        negative: createNegativeShareDetector({ ...detectorOptions, minimumMentions: 5 }),
        pending: new Map(),
      };
      states.set(queryId, state);
    }
    return state;
  }

  const bucketOf = (at: number) => Math.floor(at / stepMs) * stepMs;

  return {
    /** The queries followed; a query not listed any more is forgotten. */
    setQueries(queryIds: readonly string[]): string[] {
      const wanted = new Set(queryIds);
      for (const id of states.keys()) if (!wanted.has(id)) states.delete(id);
      const added = queryIds.filter((id) => !states.has(id));
      for (const id of added) stateOf(id);
      return added;
    },

    has(queryId: string): boolean {
      return states.has(queryId);
    },

    /** Counts matches (ms instants); a match of a query not followed is ignored. */
    count(queryId: string, at: number, negative: boolean, weight = 1): void {
      const state = states.get(queryId);
      if (!state) return;
      const bucket = nextBucket === undefined ? bucketOf(at) : Math.max(bucketOf(at), nextBucket);
      const counts = state.pending.get(bucket) ?? { total: 0, negative: 0 };
      counts.total += weight;
      if (negative) counts.negative += weight;
      state.pending.set(bucket, counts);
    },

    /** Judges every bucket that ended at or before `now` (ms); returns the alerts raised. */
    advanceTo(now: number, startAt?: number): TrackedAlert[] {
      const last = bucketOf(now); // the bucket still open
      if (nextBucket === undefined) {
        if (startAt === undefined) {
          // Nothing judged yet: start at the earliest pending bucket, or now.
          let earliest = last;
          for (const state of states.values())
            for (const start of state.pending.keys()) earliest = Math.min(earliest, start);
          nextBucket = earliest;
        } else nextBucket = bucketOf(startAt);
      }
      const alerts: TrackedAlert[] = [];
      for (; nextBucket < last; nextBucket += stepMs) {
        const end = nextBucket + stepMs;
        for (const [queryId, state] of states) {
          const counts = state.pending.get(nextBucket) ?? { total: 0, negative: 0 };
          state.pending.delete(nextBucket);
          state.volume.push({ at: nextBucket, value: counts.total });
          const raised = [
            ...state.volume.advanceTo(end).map((alert) => ({ ...alert, kind: 'volume' as const })),
            ...[
              ...state.negative.push({ at: nextBucket, negative: counts.negative, total: counts.total }),
              ...state.negative.advanceTo(end),
            ].map((alert) => ({ ...alert, kind: 'negative_share' as const })),
          ];
          for (const alert of raised) {
            if (alert.kind === 'volume' && alert.value < minimumVolume) continue;
            if (alert.kind === 'negative_share' && alert.value - alert.expected < minimumShareRise) continue;
            const key = `${queryId}:${alert.kind}`;
            if (alert.at - (lastRaised.get(key) ?? -Infinity) < cooldownMs) continue;
            lastRaised.set(key, alert.at);
            alerts.push({ ...alert, queryId, windowEnd: alert.at + stepMs });
          }
        }
      }
      return alerts;
    },

    /** Start of the next bucket to judge (ms), once started. */
    get nextBucket(): number | undefined {
      return nextBucket;
    },
  };
}

export type SpikeTracker = ReturnType<typeof createSpikeTracker>;
