import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type SentimentCounts = { total: number; negative: number; neutral: number; positive: number };

const counts = (row: { total: unknown; negative: unknown; neutral: unknown; positive: unknown }): SentimentCounts => ({
  total: Number(row.total),
  negative: Number(row.negative),
  neutral: Number(row.neutral),
  positive: Number(row.positive),
});

/** Aggregates over the matches table (the mention's instant and sentiment are copied there for these reads). */
export function createListeningAnalyticsRepository(db: Executor) {
  return {
    /**
     * Matches of one query per bucket of the workspace's zone, [from, to): only buckets that have some; the
     * service lays them on the full grid from `bucketStarts`.
     */
    async series(
      workspaceId: string,
      options: { queryId: string; from: Date; to: Date; interval: 'hour' | 'day'; timeZone: string },
      executor: Executor = db,
    ): Promise<(SentimentCounts & { start: Date })[]> {
      const result = await sql<{ start: Date; total: string; negative: string; neutral: string; positive: string }>`
        select date_trunc(${options.interval}, published_at, ${options.timeZone}) as start,
          count(*) as total,
          count(*) filter (where sentiment = 'negative') as negative,
          count(*) filter (where sentiment = 'neutral') as neutral,
          count(*) filter (where sentiment = 'positive') as positive
        from mention_matches
        where query_id = ${options.queryId} and workspace_id = ${workspaceId}
          and published_at >= ${options.from} and published_at < ${options.to}
        group by 1 order by 1`.execute(executor);
      return result.rows.map((row) => ({ start: new Date(row.start), ...counts(row) }));
    },

    /** Every bucket start of [from, to) on the zone's hours or days (days follow the zone's midnights across DST). */
    async bucketStarts(
      options: { from: Date; to: Date; interval: 'hour' | 'day'; timeZone: string },
      executor: Executor = db,
    ): Promise<Date[]> {
      const result =
        options.interval === 'hour'
          ? await sql<{ start: Date }>`
              select generate_series(date_trunc('hour', ${options.from}::timestamptz, ${options.timeZone}),
                ${options.to}::timestamptz - interval '1 microsecond', interval '1 hour') as start`.execute(executor)
          : await sql<{ start: Date }>`
              select (local_day at time zone ${options.timeZone}) as start
              from generate_series(
                date_trunc('day', ${options.from}::timestamptz at time zone ${options.timeZone}),
                (${options.to}::timestamptz - interval '1 microsecond') at time zone ${options.timeZone},
                interval '1 day') as local_day`.execute(executor);
      return result.rows.map((row) => new Date(row.start));
    },

    /** Mentions per brand and competitor query in [from, to), with their negative and positive counts. */
    async shareOfVoice(
      workspaceId: string,
      options: { from: Date; to: Date },
      executor: Executor = db,
    ): Promise<(SentimentCounts & { queryId: string; name: string; kind: 'brand' | 'competitor' })[]> {
      const result = await sql<{
        query_id: string;
        name: string;
        kind: 'brand' | 'competitor';
        total: string;
        negative: string;
        neutral: string;
        positive: string;
      }>`
        select q.id as query_id, q.name, q.kind,
          count(m.mention_id) as total,
          count(m.mention_id) filter (where m.sentiment = 'negative') as negative,
          count(m.mention_id) filter (where m.sentiment = 'neutral') as neutral,
          count(m.mention_id) filter (where m.sentiment = 'positive') as positive
        from listening_queries q
        left join mention_matches m on m.query_id = q.id and m.workspace_id = q.workspace_id
          and m.published_at >= ${options.from} and m.published_at < ${options.to}
        where q.workspace_id = ${workspaceId} and q.kind in ('brand', 'competitor')
        group by q.id, q.name, q.kind, q.created_at
        order by q.kind, q.created_at, q.id`.execute(executor);
      return result.rows.map((row) => ({ queryId: row.query_id, name: row.name, kind: row.kind, ...counts(row) }));
    },

    /** Matches per query and per bucket of `stepMinutes` in [from, to): what spike detection warms up on. */
    async bucketCounts(
      workspaceId: string,
      options: { from: Date; to: Date; stepMinutes: number },
      executor: Executor = db,
    ): Promise<{ queryId: string; start: Date; total: number; negative: number }[]> {
      const stepSeconds = Math.round(options.stepMinutes * 60);
      const result = await sql<{ query_id: string; start_epoch: string; total: string; negative: string }>`
        select query_id,
          floor(extract(epoch from published_at) / ${stepSeconds}) * ${stepSeconds} as start_epoch,
          count(*) as total,
          count(*) filter (where sentiment = 'negative') as negative
        from mention_matches
        where workspace_id = ${workspaceId} and published_at >= ${options.from} and published_at < ${options.to}
        group by 1, 2 order by 2, 1`.execute(executor);
      return result.rows.map((row) => ({
        queryId: row.query_id,
        start: new Date(Number(row.start_epoch) * 1000),
        total: Number(row.total),
        negative: Number(row.negative),
      }));
    },
  };
}

export type ListeningAnalyticsRepository = ReturnType<typeof createListeningAnalyticsRepository>;
