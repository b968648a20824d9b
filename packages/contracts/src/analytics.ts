import { z } from 'zod';
import { AnalyticsInsight } from './analytics-insights.ts';
import { Id, Instant } from './common.ts';

const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      message: 'Use a real calendar date (YYYY-MM-DD)',
    },
  );

/** A period of whole local days in the workspace's zone; `end` is exclusive. Defaults: the last 28 days. */
export const AnalyticsQuery = z
  .object({
    start: LocalDate.optional().meta({ description: 'First local day (YYYY-MM-DD), inclusive' }),
    end: LocalDate.optional().meta({ description: 'Local day after the last one (YYYY-MM-DD), exclusive' }),
  })
  .meta({ id: 'AnalyticsQuery' });
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

export const analyticsTables = ['kpis', 'series', 'channels', 'formats', 'posts', 'best_hours'] as const;
export const AnalyticsTable = z.enum(analyticsTables);
export type AnalyticsTable = z.infer<typeof AnalyticsTable>;

export const AnalyticsExportQuery = AnalyticsQuery.extend({
  table: AnalyticsTable.default('kpis').meta({ description: 'Which table of the overview to export (default: kpis)' }),
}).meta({ id: 'AnalyticsExportQuery' });

export const AnalyticsPostParams = z.object({ workspaceId: Id, postId: Id });

const MetricNoteView = z.union([
  z.object({ code: z.literal('items_excluded_not_reported'), count: z.number() }),
  z.object({ code: z.literal('components_not_reported'), components: z.array(z.string()) }),
  z.object({ code: z.literal('upper_bound') }),
  z.object({ code: z.literal('includes_inconsistent_source'), count: z.number() }),
]);

/** A figure of the KPI engine: a value, "not reported" (with why) or undefined (e.g. a division by zero). */
export const MetricResultView = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('value'), value: z.number(), notes: z.array(MetricNoteView).optional() }),
    z.object({
      kind: z.literal('not_reported'),
      reason: z.enum(['network_does_not_report', 'reach_not_additive', 'no_reported_items']),
    }),
    z.object({
      kind: z.literal('undefined'),
      reason: z.enum(['zero_denominator', 'missing_exchange_rate', 'no_data']),
      currencies: z.array(z.string()).optional(),
    }),
  ])
  .meta({ id: 'MetricResult' });
export type MetricResultView = z.infer<typeof MetricResultView>;

export const kpiKeys = [
  'impressions',
  'reach',
  'engagements',
  'engagement_rate_by_reach',
  'engagement_rate_by_impressions',
  'link_clicks',
  'click_through_rate',
  'video_views',
  'follower_growth',
  'follower_growth_rate',
] as const;
export const KpiKey = z.enum(kpiKeys);
export type KpiKey = z.infer<typeof KpiKey>;

export const AnalyticsPeriod = z.object({ start: z.string(), end: z.string(), timeZone: z.string() });

/** One KPI card: the period's figure, the previous period's, the change, its definition and its sources. */
export const KpiView = z
  .object({
    key: KpiKey,
    unit: z.enum(['count', 'ratio']),
    current: MetricResultView,
    previous: MetricResultView,
    absoluteChange: MetricResultView,
    relativeChange: MetricResultView,
    /** The KPI's entry in docs/metrics.md (its anchor there). */
    definition: z.string(),
    sources: z.array(z.string()),
  })
  .meta({ id: 'KpiView' });
export type KpiView = z.infer<typeof KpiView>;

export const SeriesPoint = z.object({
  start: z.string(),
  impressions: MetricResultView,
  engagements: MetricResultView,
  linkClicks: MetricResultView,
});

export const BreakdownRow = z
  .object({
    key: z.string(),
    label: z.string(),
    network: z.string().nullable(),
    posts: z.number().int(),
    impressions: MetricResultView,
    engagements: MetricResultView,
    engagementRateByImpressions: MetricResultView,
    linkClicks: MetricResultView,
    clickThroughRate: MetricResultView,
  })
  .meta({ id: 'AnalyticsBreakdownRow' });
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const BestHourCell = z.object({
  /** ISO weekday in the workspace's zone, 1 = Monday. */
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  posts: z.number().int(),
  engagementRateByImpressions: MetricResultView,
});

export const AnalyticsPostRow = z
  .object({
    postId: Id,
    publicationId: Id,
    channelId: Id,
    channelName: z.string(),
    network: z.string(),
    format: z.string().nullable(),
    text: z.string(),
    url: z.string().nullable(),
    publishedAt: Instant,
    /** In the period (overview) or since publication (detail), like the other additive figures. */
    impressions: MetricResultView,
    /** The network's lifetime reach of the publication (never a sum). */
    lifetimeReach: MetricResultView,
    engagements: MetricResultView,
    engagementRateByImpressions: MetricResultView,
    linkClicks: MetricResultView,
    videoViews: MetricResultView,
  })
  .meta({ id: 'AnalyticsPostRow' });
export type AnalyticsPostRow = z.infer<typeof AnalyticsPostRow>;

export const AnalyticsOverview = z
  .object({
    period: AnalyticsPeriod,
    previousPeriod: AnalyticsPeriod,
    granularity: z.enum(['day', 'week', 'month']),
    kpis: z.array(KpiView),
    series: z.array(SeriesPoint),
    byChannel: z.array(BreakdownRow),
    byFormat: z.array(BreakdownRow),
    bestHours: z.array(BestHourCell),
    posts: z.array(AnalyticsPostRow),
    /** What changed, what works and what stood out, with the evidence (docs/metrics.md, "Insights"). */
    insights: z.array(AnalyticsInsight),
    /** When the workers last read each channel's post figures from its network (absent: never), and its last failure. */
    freshness: z.array(
      z.object({
        channelId: Id,
        lastSuccessAt: Instant.nullable(),
        lastFailureAt: Instant.nullable(),
        lastFailure: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'AnalyticsOverview' });
export type AnalyticsOverview = z.infer<typeof AnalyticsOverview>;

/** A post's figures per publication since it was published: lifetime totals, components and its days. */
export const AnalyticsPostDetail = z
  .object({
    postId: Id,
    timeZone: z.string(),
    publications: z.array(
      AnalyticsPostRow.extend({
        components: z.object({
          reactions: MetricResultView,
          comments: MetricResultView,
          shares: MetricResultView,
          saves: MetricResultView,
        }),
        clickThroughRate: MetricResultView,
        /** Lifetime engagements / lifetime reach of the publication. */
        engagementRateByReach: MetricResultView,
        sources: z.array(z.string()),
        days: z.array(
          z.object({
            date: z.string(),
            impressions: MetricResultView,
            engagements: MetricResultView,
            linkClicks: MetricResultView,
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'AnalyticsPostDetail' });
export type AnalyticsPostDetail = z.infer<typeof AnalyticsPostDetail>;

/** A scheduled report's content: which KPIs, over how many days before today, in which language, to whom. */
export const AnalyticsReportDefinition = z
  .object({
    kpis: z.array(KpiKey).min(1, 'Choose at least one KPI').max(kpiKeys.length),
    periodDays: z.number().int().min(1, 'At least 1 day').max(366, 'At most 366 days'),
    language: z.enum(['fr', 'en']),
    recipients: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.email({ message: 'Enter a valid e-mail address' })),
      )
      .min(1, 'Give at least one recipient')
      .max(20, 'At most 20 recipients'),
  })
  .meta({ id: 'AnalyticsReportDefinition' });
export type AnalyticsReportDefinition = z.infer<typeof AnalyticsReportDefinition>;

export const AnalyticsReportSent = z
  .object({
    period: AnalyticsPeriod,
    recipients: z.array(z.string()),
    attachments: z.array(z.string()),
    delivered: z.boolean().meta({ description: 'false when SMTP is not configured: the report was not sent' }),
  })
  .meta({ id: 'AnalyticsReportSent' });

/** "Send me this report now": the definition in the query, the caller as the only recipient. */
export const AnalyticsReportQuery = z
  .object({
    kpis: z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined || value.trim() === '') return [...kpiKeys];
        const keys = value.split(',').map((key) => key.trim());
        const unknown = keys.filter((key) => !(kpiKeys as readonly string[]).includes(key));
        if (unknown.length > 0)
          context.addIssue({
            code: 'custom',
            message: `Unknown KPI ${unknown.join(', ')}; use a comma-separated list of ${kpiKeys.join(', ')}`,
          });
        return keys as KpiKey[];
      })
      .meta({ description: 'Comma-separated KPI keys (default: all)' }),
    periodDays: z.coerce.number().int().min(1).max(366).default(28),
    language: z.enum(['fr', 'en']).optional().meta({ description: 'Default: the workspace’s language' }),
  })
  .meta({ id: 'AnalyticsReportQuery' });
