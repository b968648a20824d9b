import type { AnalyticsInsight } from '@sillage/contracts';
import {
  addLocalDays,
  bestFormats,
  bestTimes,
  localIsoWeekday,
  postOutliers,
  reachChanges,
  utcToZoned,
  type ChannelDay,
  type Count,
  type InsightPost,
  type MetricResult,
} from '@sillage/domain';
import type { DailyTotal, PublicationSummary } from './metrics.repository.ts';

const figure = (count: Count | MetricResult<number>): number | null =>
  typeof count === 'number' ? count : count.kind === 'value' ? count.value : null;

/**
 * The overview's insights: reach changes over the 35 days that end with the period (7 recent, 28 baseline) from
 * the daily rollup, and formats, times and outliers from the period's posts. Rows and posts are already limited
 * to what the caller may see.
 */
export function overviewInsights(input: {
  /** Daily totals covering at least [periodEnd − 35 days, periodEnd). */
  rows: readonly DailyTotal[];
  posts: readonly {
    summary: PublicationSummary;
    counts: { impressions: Count };
    engagements: MetricResult<number>;
  }[];
  /** Publications per channel and local day over the same 35 days. */
  postsPerDay: readonly { channelId: string; localDate: string; posts: number }[];
  networkOf: (channelId: string) => string;
  /** The period's last local day (its end is exclusive). */
  periodEnd: string;
  timeZone: string;
}): AnalyticsInsight[] {
  const lastDate = addLocalDays(input.periodEnd, -1);
  const firstDate = addLocalDays(input.periodEnd, -35);
  const days = new Map<string, ChannelDay>();
  const dayOf = (channelId: string, date: string) => {
    const key = `${channelId}|${date}`;
    let day = days.get(key);
    if (!day) {
      day = { channelId, network: input.networkOf(channelId), date, reach: null, impressions: null, posts: 0 };
      days.set(key, day);
    }
    return day;
  };
  for (const row of input.rows) {
    if (row.localDate < firstDate || row.localDate > lastDate || row.delivery !== 'organic' || row.value === null)
      continue;
    if (row.level === 'account' && row.metric === 'reach') dayOf(row.channelId, row.localDate).reach = row.value;
    if (row.level === 'post' && row.metric === 'impressions') {
      const day = dayOf(row.channelId, row.localDate);
      day.impressions = (day.impressions ?? 0) + row.value;
    }
  }
  for (const count of input.postsPerDay)
    if (count.localDate >= firstDate && count.localDate <= lastDate)
      dayOf(count.channelId, count.localDate).posts += count.posts;

  const posts: InsightPost[] = input.posts.map(({ summary, counts, engagements }) => {
    const local = utcToZoned(summary.publishedAt, input.timeZone);
    return {
      postId: summary.postId,
      publicationId: summary.publicationId,
      channelId: summary.channelId,
      network: summary.network,
      format: summary.format ?? 'unknown',
      weekday: localIsoWeekday(local.date),
      hour: Number(local.time.slice(0, 2)),
      impressions: figure(counts.impressions),
      engagements: figure(engagements),
    };
  });
  return [
    ...reachChanges([...days.values()], lastDate),
    ...bestFormats(posts),
    ...bestTimes(posts),
    ...postOutliers(posts),
  ];
}
