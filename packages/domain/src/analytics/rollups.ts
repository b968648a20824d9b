/**
 * Rollups of additive counts by day, week (ISO, Monday first) or month in an IANA time zone, and the
 * comparison of a period with the one before it. Reach is not additive and has no rollup here: a
 * period's reach is the network's deduplicated figure for that period.
 */
import {
  addLocalDays,
  addLocalMonths,
  isValidTimeZone,
  localDaysBetween,
  localIsoWeekday,
  utcToZoned,
  zonedToUtc,
  type LocalDate,
} from '../calendar/zoned-time.ts';
import { divide, sumCounts, type Count, type MetricResult, type Ratio } from './metric-result.ts';

export type Granularity = 'day' | 'week' | 'month';

/**
 * The bucket an instant falls in, in `timeZone`: the local date of the day, of the Monday starting its
 * ISO week, or of the first of its month.
 * @example bucketStart(new Date('2026-03-29T22:30:00Z'), 'week', 'Europe/Paris') // '2026-03-30' (already Monday in Paris)
 */
export function bucketStart(instant: Date, granularity: Granularity, timeZone: string): LocalDate {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not a known IANA time zone.`);
  const { date } = utcToZoned(instant, timeZone);
  if (granularity === 'day') return date;
  if (granularity === 'week') return addLocalDays(date, 1 - localIsoWeekday(date));
  return `${date.slice(0, 7)}-01`;
}

/** The start of the bucket after `start` (a bucket start of the same granularity). */
export function nextBucketStart(start: LocalDate, granularity: Granularity): LocalDate {
  if (granularity === 'day') return addLocalDays(start, 1);
  if (granularity === 'week') return addLocalDays(start, 7);
  return addLocalMonths(start, 1);
}

/** One observation of additive counts at an instant (a daily metric row, an event). */
export type CountObservation<Measure extends string> = { at: Date; counts: Readonly<Record<Measure, Count>> };

export type Bucket<Measure extends string> = {
  /** Local date the bucket starts on, in the rollup's zone. */
  start: LocalDate;
  totals: Record<Measure, MetricResult<number>>;
};

/**
 * Sums additive measures (impressions, clicks, engagements, conversions...) per local day, week or month
 * of `timeZone`. Buckets with no observation between the first and last bucket are present with 0s, so
 * charts show gaps as zeros of activity; a measure no observation of a bucket reported is `not_reported`.
 * @example rollUpCounts([{ at, counts: { impressions: 10 } }], { measures: ['impressions'], granularity: 'day', timeZone: 'Europe/Paris' })
 */
export function rollUpCounts<Measure extends string>(
  observations: readonly CountObservation<Measure>[],
  options: { measures: readonly Measure[]; granularity: Granularity; timeZone: string },
): Bucket<Measure>[] {
  if ((options.measures as readonly string[]).includes('reach')) {
    throw new RangeError('reach is not additive: take the network’s deduplicated reach for each period instead.');
  }
  if (observations.length === 0) return [];
  let [earliest, latest] = [Infinity, -Infinity];
  observations.forEach((observation, index) => {
    const time = observation.at.getTime();
    if (Number.isNaN(time)) throw new RangeError(`observations[${index}].at is not a valid date.`);
    [earliest, latest] = [Math.min(earliest, time), Math.max(latest, time)];
  });
  // One zone lookup per bucket, not per observation: bucket boundaries as instants, then a binary search.
  const first = bucketStart(new Date(earliest), options.granularity, options.timeZone);
  const last = bucketStart(new Date(latest), options.granularity, options.timeZone);
  const starts: LocalDate[] = [];
  for (let start = first; start <= last; start = nextBucketStart(start, options.granularity)) starts.push(start);
  const boundaries = starts.map((start) => startOfLocalDay(start, options.timeZone));
  const grouped: CountObservation<Measure>[][] = starts.map(() => []);
  for (const observation of observations) {
    const time = observation.at.getTime();
    let [low, high] = [0, boundaries.length - 1];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((boundaries[middle] ?? Infinity) <= time) low = middle;
      else high = middle - 1;
    }
    grouped[low]?.push(observation);
  }
  return starts.map((start, index) => {
    const inBucket = grouped[index] ?? [];
    const totals = {} as Record<Measure, MetricResult<number>>;
    for (const measure of options.measures) totals[measure] = sumCounts(inBucket.map((item) => item.counts[measure]));
    return { start, totals };
  });
}

/** The first instant of a local date in a zone (midnight, or the first minute after a DST gap at midnight). */
function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const result = zonedToUtc({ date, time: '00:00', timeZone }, { disambiguation: 'earlier' });
  if (result.ok) return result.instant.getTime();
  if (result.reason === 'nonexistent_local_time') return result.suggestion.instant.getTime();
  throw new RangeError(result.message);
}

/** A period of whole local days, `end` exclusive, in a time zone. */
export type LocalPeriod = { start: LocalDate; end: LocalDate; timeZone: string };

/**
 * The period of the same length immediately before (a whole calendar month compares with the whole
 * month before, whatever its length).
 * @example previousPeriod({ start: '2026-03-01', end: '2026-04-01', timeZone: 'Europe/Paris' }) // start '2026-02-01', end '2026-03-01'
 */
export function previousPeriod(period: LocalPeriod): LocalPeriod {
  const days = localDaysBetween(period.start, period.end);
  if (days <= 0) throw new RangeError(`Period ${period.start}..${period.end} is empty: end must be after start.`);
  const wholeMonths = period.start.endsWith('-01') && period.end.endsWith('-01');
  if (wholeMonths) {
    const months =
      (Number(period.end.slice(0, 4)) - Number(period.start.slice(0, 4))) * 12 +
      Number(period.end.slice(5, 7)) -
      Number(period.start.slice(5, 7));
    return { start: addLocalMonths(period.start, -months), end: period.start, timeZone: period.timeZone };
  }
  return { start: addLocalDays(period.start, -days), end: period.start, timeZone: period.timeZone };
}

export type PeriodComparison = {
  current: MetricResult<number>;
  previous: MetricResult<number>;
  /** current − previous. */
  absoluteChange: MetricResult<number>;
  /** (current − previous) / previous; `undefined` when the previous value was 0. */
  relativeChange: MetricResult<Ratio>;
};

/**
 * Compares a figure with the previous period's: absolute and relative change; not reported if either is.
 * @example compareWithPreviousPeriod({ kind: 'value', value: 120 }, { kind: 'value', value: 100 }) // absolute 20, relative 0.2
 */
export function compareWithPreviousPeriod(
  current: MetricResult<number>,
  previous: MetricResult<number>,
): PeriodComparison {
  if (current.kind !== 'value') return { current, previous, absoluteChange: current, relativeChange: current };
  if (previous.kind !== 'value') return { current, previous, absoluteChange: previous, relativeChange: previous };
  const change = current.value - previous.value;
  return {
    current,
    previous,
    absoluteChange: { kind: 'value', value: change },
    relativeChange: divide(change, Math.abs(previous.value)),
  };
}
