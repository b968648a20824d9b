/**
 * Insights for marketers: what changed, what works, what stood out, each with the evidence behind it. Pure
 * functions over figures the dashboards already have (daily figures per channel, posts with their totals), so
 * the same evidence shows in the app and in reports. Thresholds are conservative: an insight that cries wolf is
 * worse than none, so each one needs a minimum of data and a large, robust difference.
 */

/** One channel's figures on one local day (organic; `reach` null when the network does not report it). */
export type ChannelDay = {
  channelId: string;
  network: string;
  date: string;
  reach: number | null;
  impressions: number | null;
  posts: number;
};

/** One published post with its totals over the period (null: not reported). */
export type InsightPost = {
  postId: string;
  publicationId: string;
  channelId: string;
  network: string;
  format: string;
  /** Local ISO weekday (1 = Monday) and hour of publication, in the workspace's zone. */
  weekday: number;
  hour: number;
  impressions: number | null;
  engagements: number | null;
};

/** The evidence of an insight: the numbers a marketer can check, with their periods. */
export type Insight =
  | {
      kind: 'reach_change';
      channelId: string;
      network: string;
      /** Which figure moved: the network's daily organic reach, or impressions where reach is not reported. */
      measure: 'reach' | 'impressions';
      direction: 'drop' | 'rise';
      recentDays: { from: string; to: string; count: number };
      baselineDays: { from: string; to: string; count: number };
      recentMedian: number;
      baselineMedian: number;
      /** recentMedian / baselineMedian − 1. */
      change: number;
      /** Posts per week in each window: a change with as many posts is not explained by posting less. */
      recentPostsPerWeek: number;
      baselinePostsPerWeek: number;
      /** True when posting frequency did not fall (or rise) with the figure: a possible algorithm change. */
      frequencyUnchanged: boolean;
    }
  | {
      kind: 'best_format';
      channelId: string;
      network: string;
      format: string;
      posts: number;
      engagementRate: number;
      /** The channel's engagement rate by impressions over all its posts of the period. */
      channelRate: number;
      otherFormats: { format: string; posts: number; engagementRate: number }[];
    }
  | {
      kind: 'best_time';
      channelId: string;
      network: string;
      /** Hours of publication [fromHour, fromHour + 3) on the given weekdays (all weekdays when null). */
      fromHour: number;
      weekdays: 'weekdays' | 'weekend';
      posts: number;
      engagementRate: number;
      channelRate: number;
    }
  | {
      kind: 'post_outlier';
      channelId: string;
      network: string;
      postId: string;
      publicationId: string;
      direction: 'above' | 'below';
      engagements: number;
      /** What the channel's median engagement rate predicts for this post's impressions. */
      expectedEngagements: number;
      /** engagements / expectedEngagements. */
      ratio: number;
      channelPosts: number;
    };

export const insightThresholds = {
  /** Reach change: 7 recent days against the 28 days before, at least 21 baseline days with a figure. */
  recentDays: 7,
  baselineDays: 28,
  minBaselineDays: 21,
  minRecentDays: 5,
  /** A change of at least 35% and at least 3 robust spreads of the baseline's daily log figures. */
  minRelativeChange: 0.35,
  minRobustScore: 3,
  /** Formats and times: at least 3 posts in the group, 5 in the channel, and 20% better than the channel. */
  minGroupPosts: 3,
  minChannelPosts: 5,
  minLift: 1.2,
  /** Outliers: at least 8 posts in the channel; 3 robust spreads of log(engagements / expected) away. */
  minOutlierChannelPosts: 8,
  outlierScore: 3,
  maxOutliersPerDirection: 3,
} as const;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Median absolute deviation scaled to a normal standard deviation, with a floor so flat series do not divide by 0. */
const robustSpread = (values: readonly number[], floor: number): number => {
  const center = median(values);
  return Math.max(floor, 1.4826 * median(values.map((value) => Math.abs(value - center))));
};

const groupBy = <T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

const rated = (posts: readonly InsightPost[]) =>
  posts.filter(
    (post): post is InsightPost & { impressions: number; engagements: number } =>
      post.impressions !== null && post.impressions > 0 && post.engagements !== null,
  );

const rateOf = (posts: readonly { impressions: number; engagements: number }[]) =>
  posts.reduce((sum, post) => sum + post.engagements, 0) / posts.reduce((sum, post) => sum + post.impressions, 0);

/**
 * A channel's organic reach (or impressions) over its last 7 days against the 28 days before: flagged when the
 * daily median moved by 35% or more and by at least 3 robust spreads of the baseline (on a log scale), with the
 * posting frequency of both windows so the reader can tell an algorithm change from posting less.
 * `days` holds every day of both windows (a day without a figure has null reach and impressions).
 * @example reachChanges(days, '2026-06-30') // [{ kind: 'reach_change', direction: 'drop', change: -0.42, ... }]
 */
export function reachChanges(days: readonly ChannelDay[], lastDate: string): Insight[] {
  const t = insightThresholds;
  const dayIndex = (date: string) =>
    Math.round((Date.parse(`${lastDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  const insights: Insight[] = [];
  for (const [channelId, channelDays] of groupBy(days, (day) => day.channelId)) {
    const recent = channelDays.filter((day) => dayIndex(day.date) >= 0 && dayIndex(day.date) < t.recentDays);
    const baseline = channelDays.filter(
      (day) => dayIndex(day.date) >= t.recentDays && dayIndex(day.date) < t.recentDays + t.baselineDays,
    );
    const measure = baseline.some((day) => day.reach !== null) ? 'reach' : 'impressions';
    const figures = (window: readonly ChannelDay[]) =>
      window.flatMap((day) => (day[measure] === null ? [] : [day[measure]]));
    const [recentFigures, baselineFigures] = [figures(recent), figures(baseline)];
    if (recentFigures.length < t.minRecentDays || baselineFigures.length < t.minBaselineDays) continue;
    const [recentMedian, baselineMedian] = [median(recentFigures), median(baselineFigures)];
    if (baselineMedian <= 0) continue;
    const change = recentMedian / baselineMedian - 1;
    const logs = baselineFigures.map((value) => Math.log1p(value));
    const score = Math.abs(Math.log1p(recentMedian) - median(logs)) / robustSpread(logs, 0.05);
    if (Math.abs(change) < t.minRelativeChange || score < t.minRobustScore) continue;
    const perWeek = (window: readonly ChannelDay[], length: number) =>
      (window.reduce((sum, day) => sum + day.posts, 0) / length) * 7;
    const recentPostsPerWeek = perWeek(recent, t.recentDays);
    const baselinePostsPerWeek = perWeek(baseline, t.baselineDays);
    const direction = change < 0 ? 'drop' : 'rise';
    const frequencyUnchanged =
      direction === 'drop'
        ? recentPostsPerWeek >= baselinePostsPerWeek * 0.8
        : recentPostsPerWeek <= baselinePostsPerWeek * 1.25;
    const dates = (window: readonly ChannelDay[]) => window.map((day) => day.date).sort();
    insights.push({
      kind: 'reach_change',
      channelId,
      network: channelDays[0]!.network,
      measure,
      direction,
      recentDays: { from: dates(recent)[0]!, to: dates(recent).at(-1)!, count: recentFigures.length },
      baselineDays: { from: dates(baseline)[0]!, to: dates(baseline).at(-1)!, count: baselineFigures.length },
      recentMedian,
      baselineMedian,
      change,
      recentPostsPerWeek,
      baselinePostsPerWeek,
      frequencyUnchanged,
    });
  }
  return insights;
}

/**
 * Per channel, the format whose posts had the best engagement rate by impressions, when it beats the channel's
 * rate by 20% or more with at least 3 posts (and 5 in the channel).
 */
export function bestFormats(posts: readonly InsightPost[]): Insight[] {
  const t = insightThresholds;
  const insights: Insight[] = [];
  for (const [channelId, channelPosts] of groupBy(rated(posts), (post) => post.channelId)) {
    if (channelPosts.length < t.minChannelPosts) continue;
    const channelRate = rateOf(channelPosts);
    const formats = [...groupBy(channelPosts, (post) => post.format)]
      .map(([format, group]) => ({ format, posts: group.length, engagementRate: rateOf(group) }))
      .sort((a, b) => b.engagementRate - a.engagementRate);
    const best = formats.find((format) => format.posts >= t.minGroupPosts);
    if (!best || formats.length < 2) continue;
    if (channelRate <= 0 || best.engagementRate < channelRate * t.minLift) continue;
    insights.push({
      kind: 'best_format',
      channelId,
      network: channelPosts[0]!.network,
      format: best.format,
      posts: best.posts,
      engagementRate: best.engagementRate,
      channelRate,
      otherFormats: formats.filter((format) => format !== best),
    });
  }
  return insights;
}

/**
 * Per channel, the 3-hour block of publication (on weekdays or at the weekend) with the best engagement rate by
 * impressions, under the same conditions as formats.
 */
export function bestTimes(posts: readonly InsightPost[]): Insight[] {
  const t = insightThresholds;
  const insights: Insight[] = [];
  for (const [channelId, channelPosts] of groupBy(rated(posts), (post) => post.channelId)) {
    if (channelPosts.length < t.minChannelPosts) continue;
    const channelRate = rateOf(channelPosts);
    const blocks = [
      ...groupBy(
        channelPosts,
        (post) => `${post.weekday >= 6 ? 'weekend' : 'weekdays'}:${Math.floor(post.hour / 3) * 3}`,
      ),
    ]
      .map(([key, group]) => ({ key, posts: group.length, engagementRate: rateOf(group) }))
      .filter((block) => block.posts >= t.minGroupPosts)
      .sort((a, b) => b.engagementRate - a.engagementRate);
    const best = blocks[0];
    if (!best || channelRate <= 0 || best.engagementRate < channelRate * t.minLift) continue;
    const [weekdays, fromHour] = best.key.split(':') as ['weekdays' | 'weekend', string];
    insights.push({
      kind: 'best_time',
      channelId,
      network: channelPosts[0]!.network,
      fromHour: Number(fromHour),
      weekdays,
      posts: best.posts,
      engagementRate: best.engagementRate,
      channelRate,
    });
  }
  return insights;
}

/**
 * Posts far above or below what their channel's median engagement rate predicts for their impressions: at most
 * 3 each way per channel, the strongest first, when the channel has at least 8 posts with both figures.
 */
export function postOutliers(posts: readonly InsightPost[]): Insight[] {
  const t = insightThresholds;
  const insights: Insight[] = [];
  for (const [channelId, channelPosts] of groupBy(rated(posts), (post) => post.channelId)) {
    if (channelPosts.length < t.minOutlierChannelPosts) continue;
    const typicalRate = median(channelPosts.map((post) => post.engagements / post.impressions));
    if (typicalRate <= 0) continue;
    const scored = channelPosts.map((post) => {
      const expected = post.impressions * typicalRate;
      return { post, expected, logRatio: Math.log((post.engagements + 1) / (expected + 1)) };
    });
    const center = median(scored.map((item) => item.logRatio));
    const spread = robustSpread(
      scored.map((item) => item.logRatio),
      0.1,
    );
    for (const direction of ['above', 'below'] as const) {
      const sign = direction === 'above' ? 1 : -1;
      scored
        .filter((item) => (sign * (item.logRatio - center)) / spread >= t.outlierScore)
        .sort((a, b) => sign * (b.logRatio - a.logRatio))
        .slice(0, t.maxOutliersPerDirection)
        .forEach((item) =>
          insights.push({
            kind: 'post_outlier',
            channelId,
            network: item.post.network,
            postId: item.post.postId,
            publicationId: item.post.publicationId,
            direction,
            engagements: item.post.engagements,
            expectedEngagements: item.expected,
            ratio: item.expected > 0 ? item.post.engagements / item.expected : 0,
            channelPosts: channelPosts.length,
          }),
        );
    }
  }
  return insights;
}
