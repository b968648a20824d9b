/**
 * Listening and community KPIs of docs/metrics.md: share of voice, net sentiment, response rate and the
 * median first-response time counted in business hours of an IANA time zone (never the process's TZ).
 */
import {
  addLocalDays,
  isValidTimeZone,
  localIsoWeekday,
  utcToZoned,
  zonedToUtc,
  type LocalDate,
  type LocalTime,
} from '../calendar/zoned-time.ts';
import {
  assertCount,
  divide,
  isReported,
  metricValue,
  notReported,
  sumCounts,
  undefinedMetric,
  type Count,
  type MetricResult,
  type Ratio,
} from './metric-result.ts';

/**
 * Share of voice: brand mentions / (brand + tracked competitors' mentions), same period and sources.
 * @example shareOfVoice({ brandMentions: 30, competitorMentions: [50, 20] }) // value 0.3
 */
export function shareOfVoice(input: {
  brandMentions: Count;
  competitorMentions: readonly Count[];
}): MetricResult<Ratio> {
  assertCount(input.brandMentions, 'brandMentions');
  const competitors = sumCounts(input.competitorMentions);
  if (!isReported(input.brandMentions) || competitors.kind !== 'value') return notReported();
  return divide(input.brandMentions, input.brandMentions + competitors.value, competitors.notes ?? []);
}

/**
 * Net sentiment: (positive − negative) / (positive + negative) on classified mentions, from −1 to 1,
 * with the neutral share of all classified mentions shown beside it.
 * @example netSentiment({ positive: 60, negative: 20, neutral: 20 }) // { netSentiment: 0.5, neutralShare: 0.2 }
 */
export function netSentiment(input: { positive: Count; negative: Count; neutral: Count }): {
  netSentiment: MetricResult<Ratio>;
  neutralShare: MetricResult<Ratio>;
} {
  assertCount(input.positive, 'positive');
  assertCount(input.negative, 'negative');
  assertCount(input.neutral, 'neutral');
  const { positive, negative, neutral } = input;
  if (!isReported(positive) || !isReported(negative))
    return { netSentiment: notReported(), neutralShare: notReported() };
  return {
    netSentiment: divide(positive - negative, positive + negative),
    neutralShare: isReported(neutral) ? divide(neutral, positive + negative + neutral) : notReported(),
  };
}

/**
 * Response rate: answered conversations / conversations received in the period.
 * @example responseRate({ answered: 45, conversations: 50 }) // value 0.9
 */
export function responseRate(input: { answered: Count; conversations: Count }): MetricResult<Ratio> {
  assertCount(input.answered, 'answered');
  assertCount(input.conversations, 'conversations');
  if (!isReported(input.answered) || !isReported(input.conversations)) return notReported();
  return divide(input.answered, input.conversations);
}

/** Opening hours per ISO weekday (1 = Monday ... 7 = Sunday), in the workspace's time zone. */
export type BusinessHours = {
  timeZone: string;
  /** Intervals `HH:mm`-`HH:mm` per weekday; a weekday absent or empty is closed. `end` may be '24:00'. */
  weekly: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, readonly { start: LocalTime; end: LocalTime }[]>>;
  /** Closed days (public holidays), `YYYY-MM-DD`. */
  closedDates?: readonly LocalDate[];
};

/** The instant a local wall-clock time names; a time skipped by DST moves to the first valid minute. */
function localInstant(date: LocalDate, time: LocalTime, timeZone: string): number {
  if (time === '24:00') return localInstant(addLocalDays(date, 1), '00:00', timeZone);
  const result = zonedToUtc({ date, time, timeZone }, { disambiguation: 'earlier' });
  if (result.ok) return result.instant.getTime();
  if (result.reason === 'nonexistent_local_time') return result.suggestion.instant.getTime();
  throw new RangeError(`Business hours: ${result.message}`);
}

/**
 * Milliseconds of business time between two instants (0 when `to` is not after `from`).
 * @example businessMillisecondsBetween(fridayAt17h, mondayAt10h, hours9to18) // 2 h = 7_200_000
 */
export function businessMillisecondsBetween(from: Date, to: Date, hours: BusinessHours): number {
  if (!isValidTimeZone(hours.timeZone)) {
    throw new RangeError(`BusinessHours.timeZone "${hours.timeZone}" is not a known IANA time zone.`);
  }
  const [start, end] = [from.getTime(), to.getTime()];
  if (!(end > start)) return 0;
  const closed = new Set(hours.closedDates ?? []);
  const lastDate = utcToZoned(to, hours.timeZone).date;
  let total = 0;
  for (let date = utcToZoned(from, hours.timeZone).date; date <= lastDate; date = addLocalDays(date, 1)) {
    if (closed.has(date)) continue;
    const weekday = localIsoWeekday(date) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
    for (const interval of hours.weekly[weekday] ?? []) {
      const open = localInstant(date, interval.start, hours.timeZone);
      const close = localInstant(date, interval.end, hours.timeZone);
      total += Math.max(0, Math.min(close, end) - Math.max(open, start));
    }
  }
  return total;
}

/**
 * Median time to the first reply, in business minutes, over the answered conversations received in
 * the period (the unanswered ones count in the response rate, not here; they are noted). Even count:
 * mean of the two middle values. `undefined` ('no_data') when nothing was answered.
 * @example medianFirstResponseMinutes([{ receivedAt, firstReplyAt }], hours9to18) // value 42
 */
export function medianFirstResponseMinutes(
  conversations: readonly { receivedAt: Date; firstReplyAt?: Date }[],
  hours: BusinessHours,
): MetricResult<number> {
  const minutes: number[] = [];
  for (const conversation of conversations) {
    if (conversation.firstReplyAt === undefined) continue;
    minutes.push(businessMillisecondsBetween(conversation.receivedAt, conversation.firstReplyAt, hours) / 60_000);
  }
  if (minutes.length === 0) return undefinedMetric('no_data');
  minutes.sort((a, b) => a - b);
  const middle = Math.floor(minutes.length / 2);
  const median = minutes.length % 2 === 1 ? minutes[middle]! : (minutes[middle - 1]! + minutes[middle]!) / 2;
  const unanswered = conversations.length - minutes.length;
  return metricValue(median, unanswered > 0 ? [{ code: 'items_excluded_not_reported', count: unanswered }] : []);
}
