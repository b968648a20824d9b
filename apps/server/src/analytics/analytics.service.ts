import type {
  AnalyticsOverview,
  AnalyticsPostDetail,
  AnalyticsPostRow,
  AnalyticsQuery,
  AnalyticsTable,
  BreakdownRow,
  KpiKey,
  KpiView,
} from '@sillage/contracts';
import {
  addLocalDays,
  bucketStart,
  clickThroughRate,
  compareWithPreviousPeriod,
  engagementRateByImpressions,
  engagementRateByReach,
  engagements,
  followerGrowth,
  impressions,
  localDaysBetween,
  localIsoWeekday,
  metricValue,
  nextBucketStart,
  notReported,
  previousPeriod,
  reach,
  rollUpCounts,
  sumCounts,
  utcToZoned,
  zonedToUtc,
  type Count,
  type Granularity,
  type LocalPeriod,
  type MetricNote,
  type MetricResult,
} from '@sillage/domain';
import { badRequest, notFound } from '../http/errors.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { rowsInScope } from '../scopes/scope.ts';
import { toCsv, type CsvCell } from './csv.ts';
import { overviewInsights } from './overview-insights.ts';
import type { DailyTotal, MetricsRepository, PublicationSummary, PublicationTotal } from './metrics.repository.ts';

/** The longest period the overview computes at once. */
export const MAX_PERIOD_DAYS = 366;
/** The default period: the last 28 whole days before today in the workspace's zone. */
export const DEFAULT_PERIOD_DAYS = 28;

/** Networks whose own "engagements" include link clicks (docs/metrics.md: engagements, `includeLinkClicks`). */
const networksCountingLinkClicks = new Set(['linkedin', 'x']);

type AdditiveCounts = {
  impressions: Count;
  reactions: Count;
  comments: Count;
  shares: Count;
  saves: Count;
  link_clicks: Count;
  video_views: Count;
};
const additiveMetrics = [
  'impressions',
  'reactions',
  'comments',
  'shares',
  'saves',
  'link_clicks',
  'video_views',
] as const satisfies readonly (keyof AdditiveCounts)[];

/** Which stored metrics each KPI is made of (for its sources). */
const kpiInputs: Record<KpiKey, readonly string[]> = {
  impressions: ['impressions'],
  reach: ['reach'],
  engagements: ['reactions', 'comments', 'shares', 'saves', 'link_clicks'],
  engagement_rate_by_reach: ['reactions', 'comments', 'shares', 'saves', 'link_clicks', 'reach'],
  engagement_rate_by_impressions: ['reactions', 'comments', 'shares', 'saves', 'link_clicks', 'impressions'],
  link_clicks: ['link_clicks'],
  click_through_rate: ['link_clicks', 'impressions'],
  video_views: ['video_views'],
  follower_growth: ['followers'],
  follower_growth_rate: ['followers'],
};
const kpiUnits: Record<KpiKey, 'count' | 'ratio'> = {
  impressions: 'count',
  reach: 'count',
  engagements: 'count',
  engagement_rate_by_reach: 'ratio',
  engagement_rate_by_impressions: 'ratio',
  link_clicks: 'count',
  click_through_rate: 'ratio',
  video_views: 'count',
  follower_growth: 'count',
  follower_growth_rate: 'ratio',
};
/** Anchors of docs/metrics.md. */
const kpiDefinitions: Record<KpiKey, string> = {
  impressions: 'impressions',
  reach: 'reach',
  engagements: 'engagements',
  engagement_rate_by_reach: 'engagement-rate-by-reach',
  engagement_rate_by_impressions: 'engagement-rate-by-impressions',
  link_clicks: 'link-clicks',
  click_through_rate: 'click-through-rate',
  video_views: 'video-views',
  follower_growth: 'follower-growth',
  follower_growth_rate: 'follower-growth',
};

const asCount = (result: MetricResult<number>): Count => (result.kind === 'value' ? result.value : notReported());

/** A figure made of stored rows: their sum if one reported it, not reported if all said so, 0 without rows. */
function countOf(rows: readonly { value: number | null; reportedCount: number }[]): Count {
  if (rows.length === 0) return 0;
  const reported = rows.filter((row) => row.reportedCount > 0 && row.value !== null);
  return reported.length === 0 ? notReported() : reported.reduce((total, row) => total + (row.value ?? 0), 0);
}

const resultOf = (count: Count): MetricResult<number> =>
  typeof count === 'number' ? metricValue(count) : notReported();

function emptyCounts(): Record<keyof AdditiveCounts, { value: number | null; reportedCount: number }[]> {
  return {
    impressions: [],
    reactions: [],
    comments: [],
    shares: [],
    saves: [],
    link_clicks: [],
    video_views: [],
  };
}

function countsFrom(rows: readonly { metric: string; value: number | null; reportedCount: number }[]): AdditiveCounts {
  const grouped = emptyCounts();
  for (const row of rows) if (row.metric in grouped) grouped[row.metric as keyof AdditiveCounts].push(row);
  const counts = {} as AdditiveCounts;
  for (const metric of additiveMetrics) counts[metric] = countOf(grouped[metric]);
  return counts;
}

function engagementsOf(counts: AdditiveCounts, network: string): MetricResult<number> {
  return engagements(
    {
      reactions: counts.reactions,
      comments: counts.comments,
      shares: counts.shares,
      saves: counts.saves,
      linkClicks: counts.link_clicks,
    },
    { includeLinkClicks: networksCountingLinkClicks.has(network) },
  );
}

/** Σ engagements of several scopes, keeping the components some scopes did not report in one note. */
function sumEngagements(results: readonly MetricResult<number>[]): MetricResult<number> {
  const total = sumCounts(results.map(asCount));
  if (total.kind !== 'value') return total;
  const missing = new Set<string>();
  for (const result of results)
    if (result.kind === 'value')
      for (const note of result.notes ?? [])
        if (note.code === 'components_not_reported') note.components.forEach((name) => missing.add(name));
  const notes: MetricNote[] = [...(total.notes ?? [])];
  if (missing.size > 0) notes.push({ code: 'components_not_reported', components: [...missing].sort() });
  return metricValue(total.value, notes);
}

/** The figures of one period computed from the rollup: KPIs by channel and per channel-day. */
function periodFigures(
  rows: readonly DailyTotal[],
  period: LocalPeriod,
  networkOf: (channelId: string) => string,
): {
  kpis: Record<KpiKey, MetricResult<number>>;
  sources: Record<KpiKey, string[]>;
  channels: Map<string, { counts: AdditiveCounts; engagements: MetricResult<number> }>;
  channelDays: { channelId: string; date: string; counts: AdditiveCounts; engagements: MetricResult<number> }[];
} {
  const inPeriod = rows.filter((row) => row.localDate >= period.start && row.localDate < period.end);
  const postRows = inPeriod.filter((row) => row.level === 'post');
  const channelIds = [...new Set(postRows.map((row) => row.channelId))].sort();
  const channels = new Map<string, { counts: AdditiveCounts; engagements: MetricResult<number> }>();
  const byChannel = groupBy(postRows, (row) => row.channelId);
  for (const channelId of channelIds) {
    const counts = countsFrom(byChannel.get(channelId) ?? []);
    channels.set(channelId, { counts, engagements: engagementsOf(counts, networkOf(channelId)) });
  }
  const dayKeys = [...new Set(postRows.map((row) => `${row.channelId}|${row.localDate}`))].sort();
  const byDay = groupBy(postRows, (row) => `${row.channelId}|${row.localDate}`);
  const channelDays = dayKeys.map((key) => {
    const [channelId = '', date = ''] = key.split('|');
    const counts = countsFrom(byDay.get(key) ?? []);
    return { channelId, date, counts, engagements: engagementsOf(counts, networkOf(channelId)) };
  });

  // Account-level daily reach: one item per channel and day (never summed by the KPI engine).
  const reachRows = inPeriod.filter((row) => row.level === 'account' && row.metric === 'reach');
  const reachByDay = groupBy(reachRows, (row) => `${row.channelId}|${row.localDate}`);
  const reachOf = (channelId: string, date: string): Count => {
    const matching = reachByDay.get(`${channelId}|${date}`) ?? [];
    if (matching.length === 0) return notReported();
    const organic = matching.find((row) => row.delivery === 'organic') ?? matching[0];
    return organic && organic.value !== null ? organic.value : notReported();
  };
  const reachItems = [...new Set(reachRows.map((row) => `${row.channelId}|${row.localDate}`))].map((key) => {
    const [channelId = '', date = ''] = key.split('|');
    return reachOf(channelId, date);
  });
  // A channel active in the period without a reach of its own is an item whose reach is not reported: the
  // workspace's reach is then never one channel's figure.
  const reachChannels = new Set(reachRows.map((row) => row.channelId));
  for (const channelId of new Set(inPeriod.map((row) => row.channelId)))
    if (!reachChannels.has(channelId) && reachItems.length > 0) reachItems.push(notReported());

  // Followers at the end of the day before the period and of its last reported day, per channel.
  const followerRows = rows.filter((row) => row.level === 'account' && row.metric === 'followers');
  let [startSum, endSum, reportingChannels] = [0, 0, 0];
  for (const channelId of new Set(followerRows.map((row) => row.channelId))) {
    const ofChannel = followerRows
      .filter((row) => row.channelId === channelId && row.value !== null)
      .sort((left, right) => left.localDate.localeCompare(right.localDate));
    const atStart = ofChannel.filter((row) => row.localDate < period.start).at(-1);
    const atEnd = ofChannel.filter((row) => row.localDate < period.end).at(-1);
    if (!atStart || !atEnd || atEnd.localDate < period.start) continue;
    startSum += atStart.value ?? 0;
    endSum += atEnd.value ?? 0;
    reportingChannels += 1;
  }
  const growth =
    reportingChannels === 0
      ? followerGrowth({ atStart: notReported(), atEnd: notReported() })
      : followerGrowth({ atStart: startSum, atEnd: endSum });

  const perChannel = [...channels.values()];
  const kpis: Record<KpiKey, MetricResult<number>> = {
    impressions: impressions(perChannel.map((channel) => channel.counts.impressions)),
    reach: reachItems.length === 0 ? notReported() : reach({ items: reachItems }),
    engagements: sumEngagements(perChannel.map((channel) => channel.engagements)),
    engagement_rate_by_reach:
      reachItems.length === 0
        ? notReported()
        : engagementRateByReach({
            items: channelDays.map((day) => ({
              engagements: asCount(day.engagements),
              reach: reachOf(day.channelId, day.date),
            })),
          }),
    engagement_rate_by_impressions: engagementRateByImpressions(
      perChannel.map((channel) => ({
        engagements: asCount(channel.engagements),
        impressions: channel.counts.impressions,
      })),
    ),
    link_clicks: sumCounts(perChannel.map((channel) => channel.counts.link_clicks)),
    click_through_rate: clickThroughRate(
      perChannel.map((channel) => ({
        linkClicks: channel.counts.link_clicks,
        impressions: channel.counts.impressions,
      })),
    ),
    video_views: sumCounts(perChannel.map((channel) => channel.counts.video_views)),
    follower_growth: growth.absolute,
    follower_growth_rate: growth.rate,
  };
  const sources = {} as Record<KpiKey, string[]>;
  for (const key of Object.keys(kpiInputs) as KpiKey[]) {
    const names = new Set<string>();
    for (const row of inPeriod)
      if (kpiInputs[key].includes(row.metric) && row.reportedCount > 0) row.sources.forEach((s) => names.add(s));
    sources[key] = [...names].sort();
  }
  return { kpis, sources, channels, channelDays };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/** The first instant of a local date in a zone. */
function startOf(date: string, timeZone: string): Date {
  const result = zonedToUtc({ date, time: '00:00', timeZone }, { disambiguation: 'earlier' });
  if (result.ok) return result.instant;
  if (result.reason === 'nonexistent_local_time') return result.suggestion.instant;
  throw new RangeError(result.message);
}

/** Midday of a local date: an instant surely inside that day, whatever the DST change. */
function middayOf(date: string, timeZone: string): Date {
  const result = zonedToUtc({ date, time: '12:00', timeZone }, { disambiguation: 'earlier' });
  return result.ok ? result.instant : new Date(startOf(date, timeZone).getTime() + 12 * 3_600_000);
}

type PostFigures = {
  summary: PublicationSummary;
  counts: AdditiveCounts;
  engagements: MetricResult<number>;
  lifetimeReach: MetricResult<number>;
  sources: string[];
};

function postRow(post: PostFigures): AnalyticsPostRow {
  const { summary, counts } = post;
  return {
    postId: summary.postId,
    publicationId: summary.publicationId,
    channelId: summary.channelId,
    channelName: summary.channelName,
    network: summary.network,
    format: summary.format,
    text: summary.text,
    url: summary.url,
    publishedAt: summary.publishedAt.toISOString(),
    impressions: impressions([counts.impressions]),
    lifetimeReach: post.lifetimeReach,
    engagements: post.engagements,
    engagementRateByImpressions: engagementRateByImpressions([
      { engagements: asCount(post.engagements), impressions: counts.impressions },
    ]),
    linkClicks: resultOf(counts.link_clicks),
    videoViews: resultOf(counts.video_views),
  };
}

function breakdownRow(
  key: string,
  label: string,
  network: string | null,
  posts: readonly { counts: AdditiveCounts; engagements: MetricResult<number> }[],
  postCount: number,
): BreakdownRow {
  return {
    key,
    label,
    network,
    posts: postCount,
    impressions: impressions(posts.map((post) => post.counts.impressions)),
    engagements: sumEngagements(posts.map((post) => post.engagements)),
    engagementRateByImpressions: engagementRateByImpressions(
      posts.map((post) => ({ engagements: asCount(post.engagements), impressions: post.counts.impressions })),
    ),
    linkClicks: sumCounts(posts.map((post) => post.counts.link_clicks)),
    clickThroughRate: clickThroughRate(
      posts.map((post) => ({ linkClicks: post.counts.link_clicks, impressions: post.counts.impressions })),
    ),
  };
}

function lifetimeReachOf(figures: readonly PublicationTotal[], publicationId: string): MetricResult<number> {
  const row = figures.find((item) => item.publicationId === publicationId && item.metric === 'reach');
  if (!row || row.value === null) return notReported();
  return reach({ items: [row.value] });
}

export function createAnalyticsService(deps: {
  metrics: MetricsRepository;
  workspaces: WorkspacesRepository;
  now: () => Date;
}) {
  const { metrics, workspaces, now } = deps;

  async function timeZoneOf(actor: ActorInWorkspace): Promise<string> {
    const workspace = await workspaces.findById(actor.workspaceId);
    if (!workspace) throw notFound('workspace');
    return workspace.timeZone;
  }

  /** The asked period in the workspace's zone, checked; by default the last 28 whole days. */
  function resolvePeriod(query: AnalyticsQuery, timeZone: string): LocalPeriod {
    const today = utcToZoned(now(), timeZone).date;
    const end = query.end ?? (query.start !== undefined && query.start >= today ? addLocalDays(query.start, 1) : today);
    const start = query.start ?? addLocalDays(end, -DEFAULT_PERIOD_DAYS);
    const days = localDaysBetween(start, end);
    if (days <= 0)
      throw badRequest(
        'invalid_period',
        `The period ${start}..${end} is empty: "end" (exclusive) must be after "start".`,
        [{ path: 'query.end', message: 'Must be after start' }],
      );
    if (days > MAX_PERIOD_DAYS)
      throw badRequest(
        'invalid_period',
        `The period ${start}..${end} has ${days} days; choose at most ${MAX_PERIOD_DAYS} days.`,
        [{ path: 'query.start', message: `At most ${MAX_PERIOD_DAYS} days` }],
      );
    return { start, end, timeZone };
  }

  async function postFigures(workspaceId: string, totals: readonly PublicationTotal[]): Promise<PostFigures[]> {
    const ids = [...new Set(totals.map((row) => row.publicationId))];
    const [summaries, lifetime] = await Promise.all([
      metrics.publishedPublications(workspaceId, { publicationIds: ids }),
      metrics.lifetimeFigures(workspaceId, ids),
    ]);
    const byPublication = groupBy(totals, (row) => row.publicationId);
    const lifetimeByPublication = groupBy(lifetime, (row) => row.publicationId);
    return summaries.map((summary) => {
      const rows = byPublication.get(summary.publicationId) ?? [];
      const ownLifetime = lifetimeByPublication.get(summary.publicationId) ?? [];
      const counts = countsFrom(rows);
      const sources = new Set([...rows, ...ownLifetime].flatMap((row) => row.sources));
      return {
        summary,
        counts,
        engagements: engagementsOf(counts, summary.network),
        lifetimeReach: lifetimeReachOf(ownLifetime, summary.publicationId),
        sources: [...sources].sort(),
      };
    });
  }

  async function overview(actor: ActorInWorkspace, query: AnalyticsQuery): Promise<AnalyticsOverview> {
    const timeZone = await timeZoneOf(actor);
    const period = resolvePeriod(query, timeZone);
    const previous = previousPeriod(period);
    // Insights compare the last 7 days of the period with the 28 before: read at least 35 days.
    const insightsStart = addLocalDays(period.end, -35);
    const readFrom =
      addLocalDays(previous.start, -1) < insightsStart ? addLocalDays(previous.start, -1) : insightsStart;
    const [allRows, allChannels, totals, postsPerDay, freshness] = await Promise.all([
      // From the day before the previous period (followers at its start), or 35 days back for the insights.
      metrics.dailyTotals(actor.workspaceId, readFrom, period.end),
      metrics.channels(actor.workspaceId),
      metrics.publicationTotals(actor.workspaceId, period.start, period.end),
      metrics.publicationsPerDay(actor.workspaceId, insightsStart, period.end, timeZone),
      metrics.collectionFreshness(actor.workspaceId),
    ]);
    // A scoped member's figures come from the channels of their scope only (scopes/scope.ts).
    const rows = rowsInScope(actor.scope, allRows, (row) => row.channelId);
    const channels = rowsInScope(actor.scope, allChannels, (channel) => channel.id);
    const channelById = new Map(channels.map((channel) => [channel.id, channel]));
    const networkOf = (channelId: string) => channelById.get(channelId)?.network ?? '';
    const current = periodFigures(rows, period, networkOf);
    const before = periodFigures(rows, previous, networkOf);

    const kpis: KpiView[] = (Object.keys(kpiInputs) as KpiKey[]).map((key) => {
      const comparison = compareWithPreviousPeriod(current.kpis[key], before.kpis[key]);
      return {
        key,
        unit: kpiUnits[key],
        current: comparison.current,
        previous: comparison.previous,
        absoluteChange: comparison.absoluteChange,
        relativeChange: comparison.relativeChange,
        definition: kpiDefinitions[key],
        sources: current.sources[key],
      };
    });

    // Time series: per channel-day inputs rolled up by the domain, every bucket of the period present.
    const days = localDaysBetween(period.start, period.end);
    const granularity: Granularity = days <= 92 ? 'day' : days <= 366 ? 'week' : 'month';
    const buckets = rollUpCounts(
      current.channelDays.map((day) => ({
        at: middayOf(day.date, timeZone),
        counts: {
          impressions: day.counts.impressions,
          engagements: asCount(day.engagements),
          linkClicks: day.counts.link_clicks,
        },
      })),
      { measures: ['impressions', 'engagements', 'linkClicks'], granularity, timeZone },
    );
    const bucketByStart = new Map(buckets.map((bucket) => [bucket.start, bucket]));
    const zero = metricValue(0);
    const series = [];
    for (
      let start = bucketStart(startOf(period.start, timeZone), granularity, timeZone);
      start < period.end;
      start = nextBucketStart(start, granularity)
    ) {
      const bucket = bucketByStart.get(start);
      series.push({
        start,
        impressions: bucket?.totals.impressions ?? zero,
        engagements: bucket?.totals.engagements ?? zero,
        linkClicks: bucket?.totals.linkClicks ?? zero,
      });
    }

    const posts = rowsInScope(
      actor.scope,
      await postFigures(actor.workspaceId, totals),
      (post) => post.summary.channelId,
    );
    const byChannel = [...current.channels.entries()]
      .map(([channelId, figures]) => {
        const channel = channelById.get(channelId);
        const postCount = posts.filter((post) => post.summary.channelId === channelId).length;
        return breakdownRow(channelId, channel?.name ?? channelId, channel?.network ?? null, [figures], postCount);
      })
      .sort(
        (left, right) =>
          (left.network ?? '').localeCompare(right.network ?? '') || left.label.localeCompare(right.label),
      );
    const formats = [...new Set(posts.map((post) => post.summary.format ?? 'unknown'))].sort();
    const byFormat = formats.map((format) => {
      const ofFormat = posts.filter((post) => (post.summary.format ?? 'unknown') === format);
      return breakdownRow(format, format, null, ofFormat, ofFormat.length);
    });

    // Best hours: posts published in the period, by local weekday and hour of publication.
    const cells = new Map<string, PostFigures[]>();
    for (const post of posts) {
      const local = utcToZoned(post.summary.publishedAt, timeZone);
      if (local.date < period.start || local.date >= period.end) continue;
      const key = `${localIsoWeekday(local.date)}|${Number(local.time.slice(0, 2))}`;
      cells.set(key, [...(cells.get(key) ?? []), post]);
    }
    const bestHours = [...cells.entries()]
      .map(([key, inCell]) => {
        const [weekday = 1, hour = 0] = key.split('|').map(Number);
        return {
          weekday,
          hour,
          posts: inCell.length,
          engagementRateByImpressions: engagementRateByImpressions(
            inCell.map((post) => ({ engagements: asCount(post.engagements), impressions: post.counts.impressions })),
          ),
        };
      })
      .sort((left, right) => left.weekday - right.weekday || left.hour - right.hour);

    return {
      period,
      previousPeriod: previous,
      granularity,
      kpis,
      series,
      byChannel,
      byFormat,
      bestHours,
      posts: posts.map(postRow),
      insights: overviewInsights({
        rows,
        posts,
        postsPerDay: rowsInScope(actor.scope, postsPerDay, (row) => row.channelId),
        networkOf,
        periodEnd: period.end,
        timeZone,
      }),
      freshness: rowsInScope(actor.scope, freshness, (row) => row.channelId).map((row) => ({
        channelId: row.channelId,
        lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
        lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
        lastFailure: row.lastFailure,
      })),
    };
  }

  /** A post's published publications with their figures since publication, components and day by day. */
  async function postDetail(actor: ActorInWorkspace, postId: string): Promise<AnalyticsPostDetail> {
    const timeZone = await timeZoneOf(actor);
    if (!(await metrics.postExists(actor.workspaceId, postId))) throw notFound('post');
    // A post not yet published anywhere has no figures: no publications in the answer.
    const summaries = await metrics.publishedPublications(actor.workspaceId, { postId });
    const ids = summaries.map((summary) => summary.publicationId);
    const [totals, days] = await Promise.all([
      metrics.publicationTotals(actor.workspaceId, '0001-01-01', '9999-12-31', ids),
      metrics.publicationDays(actor.workspaceId, ids),
    ]);
    const figures = await postFigures(actor.workspaceId, [
      ...totals,
      // Publications without any daily figure still appear (with zeros: nothing recorded yet).
      ...ids
        .filter((id) => !totals.some((row) => row.publicationId === id))
        .map((id) => ({
          publicationId: id,
          metric: 'none',
          value: null,
          reportedCount: 0,
          notReportedCount: 0,
          sources: [],
        })),
    ]);
    return {
      postId,
      timeZone,
      publications: figures.map((post) => {
        const reachCount = asCount(post.lifetimeReach);
        const dayRows = days.filter((row) => row.publicationId === post.summary.publicationId);
        const dates = [...new Set(dayRows.map((row) => row.localDate))].sort();
        return {
          ...postRow(post),
          components: {
            reactions: resultOf(post.counts.reactions),
            comments: resultOf(post.counts.comments),
            shares: resultOf(post.counts.shares),
            saves: resultOf(post.counts.saves),
          },
          clickThroughRate: clickThroughRate([
            { linkClicks: post.counts.link_clicks, impressions: post.counts.impressions },
          ]),
          engagementRateByReach: engagementRateByReach({
            items: [{ engagements: asCount(post.engagements), reach: reachCount }],
          }),
          sources: post.sources,
          days: dates.map((date) => {
            const counts = countsFrom(dayRows.filter((row) => row.localDate === date));
            return {
              date,
              impressions: resultOf(counts.impressions),
              engagements: engagementsOf(counts, post.summary.network),
              linkClicks: resultOf(counts.link_clicks),
            };
          }),
        };
      }),
    };
  }

  /** One table of the overview as CSV (a header row, RFC 4180 quoting). */
  async function exportCsv(
    actor: ActorInWorkspace,
    query: AnalyticsQuery & { table: AnalyticsTable },
  ): Promise<{ filename: string; csv: string; rows: CsvCell[][] }> {
    const data = await overview(actor, query);
    const { start, end } = data.period;
    const filename = `analytics-${query.table}-${start}-${end}.csv`;
    const figure = (result: { kind: string; value?: number; reason?: string }): CsvCell =>
      result.kind === 'value' ? (result.value ?? null) : result.kind === 'not_reported' ? 'not reported' : 'undefined';
    const breakdownHeader = [
      'key',
      'label',
      'network',
      'posts',
      'impressions',
      'engagements',
      'engagement_rate_by_impressions',
      'link_clicks',
      'click_through_rate',
    ];
    const breakdown = (rows: readonly BreakdownRow[]) =>
      rows.map((row) => [
        row.key,
        row.label,
        row.network,
        row.posts,
        figure(row.impressions),
        figure(row.engagements),
        figure(row.engagementRateByImpressions),
        figure(row.linkClicks),
        figure(row.clickThroughRate),
      ]);
    const tables: Record<AnalyticsTable, () => CsvCell[][]> = {
      kpis: () => [
        [
          'kpi',
          'unit',
          'period_start',
          'period_end',
          'value',
          'previous_value',
          'absolute_change',
          'relative_change',
          'sources',
          'definition',
        ],
        ...data.kpis.map((kpi) => [
          kpi.key,
          kpi.unit,
          start,
          end,
          figure(kpi.current),
          figure(kpi.previous),
          figure(kpi.absoluteChange),
          figure(kpi.relativeChange),
          kpi.sources.join(' '),
          `docs/metrics.md#${kpi.definition}`,
        ]),
      ],
      series: () => [
        ['bucket_start', 'impressions', 'engagements', 'link_clicks'],
        ...data.series.map((point) => [
          point.start,
          figure(point.impressions),
          figure(point.engagements),
          figure(point.linkClicks),
        ]),
      ],
      channels: () => [breakdownHeader, ...breakdown(data.byChannel)],
      formats: () => [breakdownHeader, ...breakdown(data.byFormat)],
      posts: () => [
        [
          'post_id',
          'publication_id',
          'published_at',
          'channel',
          'network',
          'format',
          'impressions',
          'lifetime_reach',
          'engagements',
          'engagement_rate_by_impressions',
          'link_clicks',
          'video_views',
          'text',
        ],
        ...data.posts.map((post) => [
          post.postId,
          post.publicationId,
          post.publishedAt,
          post.channelName,
          post.network,
          post.format,
          figure(post.impressions),
          figure(post.lifetimeReach),
          figure(post.engagements),
          figure(post.engagementRateByImpressions),
          figure(post.linkClicks),
          figure(post.videoViews),
          post.text,
        ]),
      ],
      best_hours: () => [
        ['weekday', 'hour', 'posts', 'engagement_rate_by_impressions'],
        ...data.bestHours.map((cell) => [
          cell.weekday,
          cell.hour,
          cell.posts,
          figure(cell.engagementRateByImpressions),
        ]),
      ],
    };
    const rows = tables[query.table]();
    return { filename, csv: toCsv(rows), rows };
  }

  return { overview, postDetail, exportCsv, resolvePeriod };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
