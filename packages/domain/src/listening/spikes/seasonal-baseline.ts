/**
 * An online, robust, seasonal baseline: expected value = level + hour-of-day effect + hour-of-week correction,
 * each learned with exponential decay from residuals clipped at a few robust scales (so a spike barely moves
 * the baseline that judges it), and a robust scale per hour of day (exponentially weighted mean absolute
 * residual, which tracks the MAD of a heavy-tailed series without keeping a window).
 */

export type BaselineRates = {
  /** Weight of one bucket in the level (about 1 / the number of buckets it remembers). */
  level: number;
  /** Weight of one visit in an hour-of-day effect (each hour gets `bucketsPerHour` visits a day). */
  hourOfDay: number;
  /** Weight of one visit in an hour-of-week correction (each gets `bucketsPerHour` visits a week). */
  hourOfWeek: number;
  /** Weight of one bucket in the scale of its hour of day. */
  scale: number;
  /** Observations after which the baseline learns at these rates (faster and unclipped before). */
  warmUp: number;
};

export type BaselineState = {
  level: number | null;
  hourOfDay: Float64Array;
  hourOfWeek: Float64Array;
  scale: Float64Array;
  scaleSeen: Float64Array;
  hourOfDaySeen: Float64Array;
  observed: number;
};

/** Residuals beyond this many scales are clipped before they update the baseline (Huber-style). */
const CLIP_SCALES = 2.5;
/** Mean absolute deviation to standard deviation for a normal distribution. */
const MEAN_ABSOLUTE_TO_SIGMA = Math.sqrt(Math.PI / 2);

export function createBaselineState(): BaselineState {
  return {
    level: null,
    hourOfDay: new Float64Array(24),
    hourOfWeek: new Float64Array(168),
    scale: new Float64Array(24),
    scaleSeen: new Float64Array(24),
    hourOfDaySeen: new Float64Array(24),
    observed: 0,
  };
}

/** Hour of week 0..167 (Monday 00h = 0) and hour of day of a bucket start, shifted by the local offset. */
export function seasonalSlots(startMs: number, utcOffsetMinutes: number): { hourOfDay: number; hourOfWeek: number } {
  const local = startMs + utcOffsetMinutes * 60_000;
  const hours = Math.floor(local / 3_600_000);
  const hourOfDay = ((hours % 24) + 24) % 24;
  // 1970-01-01 was a Thursday: day 3 when Monday is 0.
  const dayOfWeek = (((Math.floor(hours / 24) + 3) % 7) + 7) % 7;
  return { hourOfDay, hourOfWeek: dayOfWeek * 24 + hourOfDay };
}

/** Expected value and robust standard deviation for a slot, or null before the first observation. */
export function expectation(
  state: BaselineState,
  slots: { hourOfDay: number; hourOfWeek: number },
  scaleFloor: number,
): { expected: number; sigma: number } | null {
  if (state.level === null) return null;
  const expected = state.level + (state.hourOfDay[slots.hourOfDay] ?? 0) + (state.hourOfWeek[slots.hourOfWeek] ?? 0);
  const seen = state.scaleSeen[slots.hourOfDay] ?? 0;
  // Until an hour of day has its own scale, borrow the average of the others.
  let scale = state.scale[slots.hourOfDay] ?? 0;
  if (seen === 0) {
    let total = 0;
    let hours = 0;
    for (let hour = 0; hour < 24; hour += 1)
      if ((state.scaleSeen[hour] ?? 0) > 0) {
        total += state.scale[hour] ?? 0;
        hours += 1;
      }
    scale = hours ? total / hours : 0;
  }
  return { expected, sigma: Math.max(scale * MEAN_ABSOLUTE_TO_SIGMA, scaleFloor) };
}

/** Learns from one observed (transformed) value. */
export function learn(
  state: BaselineState,
  slots: { hourOfDay: number; hourOfWeek: number },
  value: number,
  rates: BaselineRates,
  scaleFloor: number,
): void {
  state.observed += 1;
  const current = expectation(state, slots, scaleFloor);
  if (current === null) {
    state.level = value;
    return;
  }
  const residual = value - current.expected;
  // Faster learning and no clipping while the state is young, so the first day is not judged against a cold start.
  const warm = Math.min(1, state.observed / rates.warmUp);
  const limit = warm < 1 ? Infinity : CLIP_SCALES * current.sigma;
  const clipped = Math.max(-limit, Math.min(limit, residual));
  // The hour-of-day effects start as plain running means (weight 1/n) until n reaches their memory.
  const dayVisits = (state.hourOfDaySeen[slots.hourOfDay] ?? 0) + 1;
  state.hourOfDaySeen[slots.hourOfDay] = dayVisits;
  state.level = (state.level ?? value) + Math.max(rates.level, (1 - warm) * 0.05) * clipped;
  const dayRate = Math.max(rates.hourOfDay, 1 / dayVisits);
  state.hourOfDay[slots.hourOfDay] = (state.hourOfDay[slots.hourOfDay] ?? 0) + dayRate * clipped;
  // The hour-of-week correction stays slow from the start: a week gives it only a few visits per slot.
  state.hourOfWeek[slots.hourOfWeek] = (state.hourOfWeek[slots.hourOfWeek] ?? 0) + rates.hourOfWeek * clipped;
  const seen = (state.scaleSeen[slots.hourOfDay] ?? 0) + 1;
  state.scaleSeen[slots.hourOfDay] = seen;
  const scaleRate = Math.max(rates.scale, 1 / seen);
  const previous = seen === 1 ? current.sigma / MEAN_ABSOLUTE_TO_SIGMA : (state.scale[slots.hourOfDay] ?? 0);
  state.scale[slots.hourOfDay] = previous + scaleRate * (Math.abs(clipped) - previous);
}
