import { sql } from 'kysely';
import { utcToZoned } from '@sillage/domain';
import type { Executor } from '../db/database.ts';

/**
 * The figures of docs/metrics.md as the networks report them. Additive ones are summed per day in the
 * rollup; `reach` and `followers` are not (a day's reach or follower count is the source's own figure).
 */
export const metricNames = [
  'impressions',
  'reach',
  'reactions',
  'comments',
  'shares',
  'saves',
  'link_clicks',
  'video_views',
  'followers',
] as const;
export type MetricName = (typeof metricNames)[number];

/** Figures that are never summed over hours, posts or days (the rollup keeps the day's own figure). */
export const nonAdditiveMetrics: readonly MetricName[] = ['reach', 'followers'];

export type Delivery = 'organic' | 'paid';

/** One figure from a source: for a channel (publicationId null) or one publication; value null = not reported. */
export type MetricObservation = {
  channelId: string;
  publicationId: string | null;
  metric: MetricName;
  granularity: 'hour' | 'day' | 'lifetime';
  bucketStart: Date;
  value: number | null;
  delivery: Delivery;
  source: string;
  collectedAt: Date;
};

/** A daily rollup row summed over publications and deliveries for one channel (or one publication). */
export type DailyTotal = {
  localDate: string;
  channelId: string;
  /** account: the channel's own figures (followers, daily reach); post: summed over its publications. */
  level: 'account' | 'post';
  metric: string;
  delivery: Delivery;
  /** null when no observation of the day reported it. */
  value: number | null;
  reportedCount: number;
  notReportedCount: number;
  sources: string[];
};

/** A publication's additive totals over days of a period, or its lifetime figures. */
export type PublicationTotal = {
  publicationId: string;
  metric: string;
  value: number | null;
  reportedCount: number;
  notReportedCount: number;
  sources: string[];
};

/** A published publication with what the analytics pages show about it. */
export type PublicationSummary = {
  publicationId: string;
  postId: string;
  channelId: string;
  channelName: string;
  network: string;
  format: string | null;
  text: string;
  url: string | null;
  publishedAt: Date;
};

const BATCH = 1_000;

const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));

/** Sources are identifiers without commas (the migration checks it): joined by SQL, split and deduplicated here. */
const splitSources = (joined: string | null) =>
  joined === null ? [] : [...new Set(joined.split(',').filter((part) => part !== ''))].sort();

export function createMetricsRepository(db: Executor) {
  /**
   * Recomputes the daily rollup of the workspace for the local dates [fromDate, toDate] from the observations,
   * in the workspace's time zone. Runs in the caller's transaction.
   */
  async function rebuildDaily(workspaceId: string, fromDate: string, toDate: string, executor: Executor) {
    const nonAdditive = sql.join(nonAdditiveMetrics.map((metric) => sql`${metric}`));
    await executor
      .deleteFrom('metric_daily')
      .where('workspace_id', '=', workspaceId)
      .where('local_date', '>=', fromDate)
      .where('local_date', '<=', toDate)
      .execute();
    await sql`
      insert into metric_daily
        (workspace_id, local_date, channel_id, publication_id, metric, delivery, value,
         reported_count, not_reported_count, sources)
      select o.workspace_id, day.local_date, o.channel_id, o.publication_id, o.metric, o.delivery,
        case when o.metric in (${nonAdditive})
          then (array_agg(o.value order by o.collected_at desc, o.id desc) filter (where o.granularity = 'day'))[1]
          else coalesce(sum(o.value) filter (where o.granularity = 'day'), sum(o.value) filter (where o.granularity = 'hour'))
        end,
        case when o.metric in (${nonAdditive})
          then count(o.value) filter (where o.granularity = 'day')
          else count(o.value) end::int,
        case when o.metric in (${nonAdditive})
          then count(*) filter (where o.granularity = 'day' and o.value is null)
          else count(*) filter (where o.value is null) end::int,
        array_agg(distinct o.source order by o.source)
      from metric_observations o
      join workspaces w on w.id = o.workspace_id
      cross join lateral (select (o.bucket_start at time zone w.time_zone)::date as local_date) day
      where o.workspace_id = ${workspaceId}
        and o.granularity <> 'lifetime'
        -- A local day lies within a day and a half of the UTC day of the same date, whatever the zone.
        and o.bucket_start >= ${fromDate}::date - interval '2 days'
        and o.bucket_start < ${toDate}::date + interval '3 days'
        and day.local_date between ${fromDate}::date and ${toDate}::date
      group by o.workspace_id, day.local_date, o.channel_id, o.publication_id, o.metric, o.delivery
      having not (o.metric in (${nonAdditive}) and count(*) filter (where o.granularity = 'day') = 0)`.execute(
      executor,
    );
  }

  return {
    /**
     * Stores observations of one workspace (a re-collected figure replaces the earlier one) and rebuilds the
     * daily rollup of the local days they touch. Channels and publications must belong to the workspace:
     * the insert checks it and throws naming the first one that does not (nothing is written then).
     */
    async record(workspaceId: string, observations: readonly MetricObservation[], executor: Executor = db) {
      if (observations.length === 0) return { recorded: 0 };
      const channelIds = [...new Set(observations.map((item) => item.channelId))];
      const publicationIds = [
        ...new Set(observations.flatMap((item) => (item.publicationId === null ? [] : [item.publicationId]))),
      ];
      const run = async (trx: Executor) => {
        const channels = await trx
          .selectFrom('channels')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', channelIds)
          .execute();
        const foreignChannel = channelIds.find((id) => !channels.some((row) => row.id === id));
        if (foreignChannel) throw new RangeError(`Channel ${foreignChannel} is not a channel of this workspace.`);
        const known = new Map<string, string>();
        for (let index = 0; index < publicationIds.length; index += BATCH) {
          const rows = await trx
            .selectFrom('publications')
            .select(['id', 'channel_id'])
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', publicationIds.slice(index, index + BATCH))
            .execute();
          for (const row of rows) known.set(row.id, row.channel_id);
        }
        for (const item of observations) {
          if (item.publicationId !== null && known.get(item.publicationId) !== item.channelId)
            throw new RangeError(
              `Publication ${item.publicationId} is not a publication of channel ${item.channelId} in this workspace.`,
            );
        }
        for (let index = 0; index < observations.length; index += BATCH) {
          await trx
            .insertInto('metric_observations')
            .values(
              observations.slice(index, index + BATCH).map((item) => ({
                workspace_id: workspaceId,
                channel_id: item.channelId,
                publication_id: item.publicationId,
                metric: item.metric,
                granularity: item.granularity,
                bucket_start: item.bucketStart,
                value: item.value,
                delivery: item.delivery,
                source: item.source,
                collected_at: item.collectedAt,
              })),
            )
            .onConflict((conflict) =>
              conflict.constraint('metric_observations_key').doUpdateSet((eb) => ({
                value: eb.ref('excluded.value'),
                collected_at: eb.ref('excluded.collected_at'),
              })),
            )
            .execute();
        }
        const workspace = await trx
          .selectFrom('workspaces')
          .select('time_zone')
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow();
        const days = observations
          .filter((item) => item.granularity !== 'lifetime')
          .map((item) => utcToZoned(item.bucketStart, workspace.time_zone).date)
          .sort();
        const [from, to] = [days[0], days.at(-1)];
        if (from !== undefined && to !== undefined) await rebuildDaily(workspaceId, from, to, trx);
      };
      if (executor.isTransaction) await run(executor);
      else await executor.transaction().execute(run);
      return { recorded: observations.length };
    },

    /** Recomputes the whole rollup of a workspace (after its time zone changed, for instance). */
    async rebuildAllDaily(workspaceId: string, executor: Executor = db) {
      await executor.transaction().execute(async (trx) => {
        const range = await sql<{ from: string | null; to: string | null }>`
          select min((o.bucket_start at time zone w.time_zone)::date)::text as "from",
                 max((o.bucket_start at time zone w.time_zone)::date)::text as "to"
          from metric_observations o join workspaces w on w.id = o.workspace_id
          where o.workspace_id = ${workspaceId} and o.granularity <> 'lifetime'`.execute(trx);
        const { from, to } = range.rows[0] ?? { from: null, to: null };
        await trx.deleteFrom('metric_daily').where('workspace_id', '=', workspaceId).execute();
        if (from !== null && to !== null) await rebuildDaily(workspaceId, from, to, trx);
      });
    },

    /** Whether the workspace has any observation (the demo seeds its history once). */
    async hasObservations(workspaceId: string, executor: Executor = db): Promise<boolean> {
      const row = await executor
        .selectFrom('metric_observations')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * The rollup of local dates [fromDate, toDate) per day, channel, level (account / posts summed), metric
     * and delivery: the inputs of the overview's KPIs, time series and channel breakdown.
     */
    async dailyTotals(workspaceId: string, fromDate: string, toDate: string): Promise<DailyTotal[]> {
      const rows = await db
        .selectFrom('metric_daily')
        .select((eb) => [
          sql<string>`local_date::text`.as('localDate'),
          'channel_id as channelId',
          sql<'account' | 'post'>`case when publication_id is null then 'account' else 'post' end`.as('level'),
          'metric',
          'delivery',
          sql<number | null>`sum(value)`.as('value'),
          sql<number>`sum(reported_count)::int`.as('reportedCount'),
          sql<number>`sum(not_reported_count)::int`.as('notReportedCount'),
          sql<string | null>`string_agg(array_to_string(${eb.ref('sources')}, ','), ',')`.as('sources'),
        ])
        .where('workspace_id', '=', workspaceId)
        .where('local_date', '>=', fromDate)
        .where('local_date', '<', toDate)
        .groupBy(['local_date', 'channel_id', sql`publication_id is null`, 'metric', 'delivery'])
        .execute();
      return rows.map((row) => ({ ...row, value: numberOrNull(row.value), sources: splitSources(row.sources) }));
    },

    /** Each publication's additive totals over local dates [fromDate, toDate), summed over deliveries. */
    async publicationTotals(
      workspaceId: string,
      fromDate: string,
      toDate: string,
      publicationIds?: readonly string[],
    ): Promise<PublicationTotal[]> {
      let query = db
        .selectFrom('metric_daily')
        .select([
          sql<string>`publication_id`.as('publicationId'),
          'metric',
          sql<number | null>`sum(value)`.as('value'),
          sql<number>`sum(reported_count)::int`.as('reportedCount'),
          sql<number>`sum(not_reported_count)::int`.as('notReportedCount'),
          sql<string | null>`string_agg(array_to_string(sources, ','), ',')`.as('sources'),
        ])
        .where('workspace_id', '=', workspaceId)
        .where('publication_id', 'is not', null)
        .where('local_date', '>=', fromDate)
        .where('local_date', '<', toDate)
        .where('metric', 'not in', nonAdditiveMetrics);
      if (publicationIds) {
        if (publicationIds.length === 0) return [];
        query = query.where('publication_id', 'in', publicationIds);
      }
      const rows = await query.groupBy(['publication_id', 'metric']).execute();
      return rows.map((row) => ({ ...row, value: numberOrNull(row.value), sources: splitSources(row.sources) }));
    },

    /** The latest lifetime figure (e.g. a post's deduplicated reach) of each metric of the publications. */
    async lifetimeFigures(workspaceId: string, publicationIds: readonly string[]): Promise<PublicationTotal[]> {
      if (publicationIds.length === 0) return [];
      const rows = await db
        .selectFrom('metric_observations')
        .distinctOn(['publication_id', 'metric'])
        .select([
          sql<string>`publication_id`.as('publicationId'),
          'metric',
          'value',
          sql<number>`case when value is null then 0 else 1 end`.as('reportedCount'),
          sql<number>`case when value is null then 1 else 0 end`.as('notReportedCount'),
          sql<string[]>`array[source]`.as('sources'),
        ])
        .where('workspace_id', '=', workspaceId)
        .where('granularity', '=', 'lifetime')
        .where('delivery', '=', 'organic')
        .where('publication_id', 'in', publicationIds)
        .orderBy('publication_id')
        .orderBy('metric')
        .orderBy('collected_at', 'desc')
        .execute();
      return rows.map((row) => ({
        ...row,
        value: numberOrNull(row.value),
        reportedCount: Number(row.reportedCount),
        notReportedCount: Number(row.notReportedCount),
      }));
    },

    /** When the workers last read each channel's post figures from its network, and its last failure. */
    async collectionFreshness(workspaceId: string) {
      const rows = await db
        .selectFrom('metric_collections')
        .select(['channel_id', 'last_success_at', 'last_failure_at', 'last_failure'])
        .where('workspace_id', '=', workspaceId)
        .execute();
      return rows.map((row) => ({
        channelId: row.channel_id,
        lastSuccessAt: row.last_success_at === null ? null : new Date(row.last_success_at),
        lastFailureAt: row.last_failure_at === null ? null : new Date(row.last_failure_at),
        lastFailure: row.last_failure,
      }));
    },

    /** How many publications each channel published on each local day of [fromDate, toDate) in `timeZone`. */
    async publicationsPerDay(workspaceId: string, fromDate: string, toDate: string, timeZone: string) {
      const rows = await sql<{ channelId: string; localDate: string; posts: number }>`
        select channel_id as "channelId", (published_at at time zone ${timeZone})::date::text as "localDate",
          count(*)::int as posts
        from publications
        where workspace_id = ${workspaceId} and state = 'published' and published_at is not null
          and published_at >= ${fromDate}::date - interval '2 days' and published_at < ${toDate}::date + interval '2 days'
          and (published_at at time zone ${timeZone})::date >= ${fromDate}::date
          and (published_at at time zone ${timeZone})::date < ${toDate}::date
        group by 1, 2`.execute(db);
      return rows.rows.map((row) => ({ ...row, posts: Number(row.posts) }));
    },

    /** One publication's daily rows (summed over deliveries), oldest first, for the post detail. */
    async publicationDays(workspaceId: string, publicationIds: readonly string[]) {
      if (publicationIds.length === 0) return [];
      const rows = await db
        .selectFrom('metric_daily')
        .select([
          sql<string>`publication_id`.as('publicationId'),
          sql<string>`local_date::text`.as('localDate'),
          'metric',
          sql<number | null>`sum(value)`.as('value'),
          sql<number>`sum(reported_count)::int`.as('reportedCount'),
          sql<number>`sum(not_reported_count)::int`.as('notReportedCount'),
        ])
        .where('workspace_id', '=', workspaceId)
        .where('publication_id', 'in', publicationIds)
        .groupBy(['publication_id', 'local_date', 'metric'])
        .orderBy('local_date')
        .execute();
      return rows.map((row) => ({ ...row, value: numberOrNull(row.value) }));
    },

    /** Published publications of the workspace: those published before `before`, or the ones named. */
    async publishedPublications(
      workspaceId: string,
      filter: { publicationIds?: readonly string[]; postId?: string },
    ): Promise<PublicationSummary[]> {
      let query = db
        .selectFrom('publications')
        .innerJoin('channels', 'channels.id', 'publications.channel_id')
        .innerJoin('posts', 'posts.id', 'publications.post_id')
        .select([
          'publications.id as publicationId',
          'publications.post_id as postId',
          'publications.channel_id as channelId',
          'channels.display_name as channelName',
          'channels.network',
          sql<string | null>`publications.content->>'format'`.as('format'),
          sql<string>`coalesce(publications.content->>'text', posts.text)`.as('text'),
          'publications.url',
          sql<Date>`publications.published_at`.as('publishedAt'),
        ])
        .where('publications.workspace_id', '=', workspaceId)
        .where('publications.state', '=', 'published')
        .where('publications.published_at', 'is not', null);
      if (filter.publicationIds) {
        if (filter.publicationIds.length === 0) return [];
        query = query.where('publications.id', 'in', filter.publicationIds);
      }
      if (filter.postId !== undefined) query = query.where('publications.post_id', '=', filter.postId);
      return query.orderBy('publications.published_at', 'desc').orderBy('publications.id').execute();
    },

    /** Whether the post exists in the workspace, whatever the state of its publications. */
    async postExists(workspaceId: string, postId: string): Promise<boolean> {
      const row = await db
        .selectFrom('posts')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', postId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The workspace's channels (for names and networks in breakdowns). */
    async channels(workspaceId: string) {
      return db
        .selectFrom('channels')
        .select(['id', 'display_name as name', 'network'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('network')
        .orderBy('display_name')
        .execute();
    },
  };
}

export type MetricsRepository = ReturnType<typeof createMetricsRepository>;
