import { z } from 'zod';

/** A window of local days with how many of them had a figure. */
const DayWindow = z.object({ from: z.string(), to: z.string(), count: z.number().int() });

/**
 * An insight of the analytics overview, with its evidence (packages/domain/src/analytics/insights.ts; the
 * definitions are in docs/metrics.md, "Insights").
 */
export const AnalyticsInsight = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('reach_change'),
      channelId: z.string(),
      network: z.string(),
      measure: z.enum(['reach', 'impressions']),
      direction: z.enum(['drop', 'rise']),
      recentDays: DayWindow,
      baselineDays: DayWindow,
      recentMedian: z.number(),
      baselineMedian: z.number(),
      change: z.number(),
      recentPostsPerWeek: z.number(),
      baselinePostsPerWeek: z.number(),
      frequencyUnchanged: z.boolean(),
    }),
    z.object({
      kind: z.literal('best_format'),
      channelId: z.string(),
      network: z.string(),
      format: z.string(),
      posts: z.number().int(),
      engagementRate: z.number(),
      channelRate: z.number(),
      otherFormats: z.array(z.object({ format: z.string(), posts: z.number().int(), engagementRate: z.number() })),
    }),
    z.object({
      kind: z.literal('best_time'),
      channelId: z.string(),
      network: z.string(),
      fromHour: z.number().int(),
      weekdays: z.enum(['weekdays', 'weekend']),
      posts: z.number().int(),
      engagementRate: z.number(),
      channelRate: z.number(),
    }),
    z.object({
      kind: z.literal('post_outlier'),
      channelId: z.string(),
      network: z.string(),
      postId: z.string(),
      publicationId: z.string(),
      direction: z.enum(['above', 'below']),
      engagements: z.number(),
      expectedEngagements: z.number(),
      ratio: z.number(),
      channelPosts: z.number().int(),
    }),
  ])
  .meta({ id: 'AnalyticsInsight' });
export type AnalyticsInsight = z.infer<typeof AnalyticsInsight>;
