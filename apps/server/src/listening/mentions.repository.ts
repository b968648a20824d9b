import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

type Sentiment = 'negative' | 'neutral' | 'positive';

/** A mention ready to store: enriched, with its near-duplicate key. */
export type MentionRow = {
  source: string;
  networkId: string;
  author: string | null;
  text: string;
  lang: string;
  sentiment: Sentiment;
  sentimentScore: number;
  url: string | null;
  country: string | null;
  publishedAt: Date;
  collectedAt: Date;
  reach: number | null;
  clusterKey: string;
};

export type MatchRow = { queryId: string; mentionId: string; publishedAt: Date; sentiment: Sentiment };

export type MentionRecord = MentionRow & { id: string; queryIds: string[] };

export type MentionFilters = {
  queryId?: string | undefined;
  sentiment?: Sentiment | undefined;
  lang?: string | undefined;
  source?: string | undefined;
  from: Date;
  to: Date;
  search?: string | undefined;
  /** Older than this (published_at, id). */
  before?: { publishedAt: Date; id: string } | undefined;
  limit: number;
};

const iso = (date: Date) => date.toISOString();
/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Mentions and their query matches. Writes are bulk: one INSERT ... SELECT FROM unnest(arrays) per table per
 * batch (a fixed number of parameters whatever the batch size), duplicates skipped by the unique key.
 */
export function createMentionsRepository(db: Executor) {
  return {
    /** Inserts the rows that are new for (workspace, source, network id); returns the ids of those inserted. */
    async insertBatch(
      workspaceId: string,
      rows: readonly MentionRow[],
      executor: Executor = db,
    ): Promise<{ id: string; source: string; networkId: string }[]> {
      if (rows.length === 0) return [];
      const column = <T>(pick: (row: MentionRow) => T) => rows.map(pick);
      const result = await sql<{ id: string; source: string; network_id: string }>`
        insert into mentions (workspace_id, source, network_id, author, text, lang, sentiment, sentiment_score,
          url, country, published_at, collected_at, reach, cluster_key)
        select ${workspaceId}::uuid, t.* from unnest(
          ${column((row) => row.source)}::text[], ${column((row) => row.networkId)}::text[],
          ${column((row) => row.author)}::text[], ${column((row) => row.text)}::text[],
          ${column((row) => row.lang)}::text[], ${column((row) => row.sentiment)}::text[],
          ${column((row) => row.sentimentScore)}::real[], ${column((row) => row.url)}::text[],
          ${column((row) => row.country)}::text[], ${column((row) => iso(row.publishedAt))}::timestamptz[],
          ${column((row) => iso(row.collectedAt))}::timestamptz[], ${column((row) => row.reach)}::integer[],
          ${column((row) => row.clusterKey)}::text[]
        ) as t(source, network_id, author, text, lang, sentiment, sentiment_score, url, country, published_at,
          collected_at, reach, cluster_key)
        on conflict (workspace_id, source, network_id) do nothing
        returning id, source, network_id`.execute(executor);
      return result.rows.map((row) => ({ id: row.id, source: row.source, networkId: row.network_id }));
    },

    async insertMatches(workspaceId: string, matches: readonly MatchRow[], executor: Executor = db): Promise<number> {
      if (matches.length === 0) return 0;
      const result = await sql`
        insert into mention_matches (workspace_id, query_id, mention_id, published_at, sentiment)
        select ${workspaceId}::uuid, t.* from unnest(
          ${matches.map((match) => match.queryId)}::uuid[], ${matches.map((match) => match.mentionId)}::uuid[],
          ${matches.map((match) => iso(match.publishedAt))}::timestamptz[],
          ${matches.map((match) => match.sentiment)}::text[]
        ) as t(query_id, mention_id, published_at, sentiment)
        on conflict do nothing`.execute(executor);
      return Number(result.numAffectedRows ?? 0n);
    },

    /** One page of mentions, newest first, with the ids of the queries each matched. */
    async list(workspaceId: string, filters: MentionFilters, executor: Executor = db): Promise<MentionRecord[]> {
      let query = executor
        .selectFrom('mentions')
        .select([
          'mentions.id',
          'source',
          'network_id as networkId',
          'author',
          'text',
          'lang',
          'sentiment',
          'sentiment_score as sentimentScore',
          'url',
          'country',
          'published_at as publishedAt',
          'collected_at as collectedAt',
          'reach',
          'cluster_key as clusterKey',
          sql<string[]>`array(select query_id::text from mention_matches mm
            where mm.mention_id = mentions.id order by mm.query_id)`.as('queryIds'),
        ])
        .where('mentions.workspace_id', '=', workspaceId)
        .where('published_at', '>=', filters.from)
        .where('published_at', '<', filters.to);
      if (filters.queryId !== undefined) {
        const queryId = filters.queryId;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('mention_matches')
              .select(sql`1`.as('one'))
              .whereRef('mention_matches.mention_id', '=', 'mentions.id')
              .where('mention_matches.query_id', '=', queryId)
              .where('mention_matches.workspace_id', '=', workspaceId),
          ),
        );
      }
      if (filters.sentiment !== undefined) query = query.where('sentiment', '=', filters.sentiment);
      if (filters.lang !== undefined) query = query.where('lang', '=', filters.lang);
      if (filters.source !== undefined) query = query.where('source', '=', filters.source);
      if (filters.search !== undefined)
        query = query.where(sql<boolean>`text ilike ${`%${likeLiteral(filters.search)}%`}`);
      if (filters.before !== undefined)
        query = query.where(
          sql<boolean>`(published_at, mentions.id) < (${filters.before.publishedAt}, ${filters.before.id}::uuid)`,
        );
      const rows = await query
        .orderBy('published_at', 'desc')
        .orderBy('mentions.id', 'desc')
        .limit(filters.limit)
        .execute();
      return rows.map((row) => ({ ...row, sentimentScore: Number(row.sentimentScore) }));
    },

    /** The latest texts of the period (optionally of one query), for counting terms and hashtags. */
    async latestTexts(
      workspaceId: string,
      options: { queryId?: string | undefined; from: Date; to: Date; limit: number },
      executor: Executor = db,
    ): Promise<string[]> {
      let query = executor
        .selectFrom('mentions')
        .select('text')
        .where('workspace_id', '=', workspaceId)
        .where('published_at', '>=', options.from)
        .where('published_at', '<', options.to);
      if (options.queryId !== undefined) {
        const queryId = options.queryId;
        query = query.where('id', 'in', (sub) =>
          sub
            .selectFrom('mention_matches')
            .select('mention_id')
            .where('query_id', '=', queryId)
            .where('workspace_id', '=', workspaceId)
            .where('published_at', '>=', options.from)
            .where('published_at', '<', options.to),
        );
      }
      const rows = await query.orderBy('published_at', 'desc').limit(options.limit).execute();
      return rows.map((row) => row.text);
    },

    /** Authors with the most mentions in the period, with the largest reach their source reported. */
    async topAuthors(
      workspaceId: string,
      options: { queryId?: string | undefined; from: Date; to: Date; limit: number },
      executor: Executor = db,
    ): Promise<{ author: string; source: string; mentions: number; reach: number | null; negative: number }[]> {
      let query = executor
        .selectFrom('mentions')
        .select([
          'author',
          'source',
          sql<string>`count(*)`.as('mentions'),
          sql<number | null>`max(reach)`.as('reach'),
          sql<string>`count(*) filter (where sentiment = 'negative')`.as('negative'),
        ])
        .where('workspace_id', '=', workspaceId)
        .where('author', 'is not', null)
        .where('published_at', '>=', options.from)
        .where('published_at', '<', options.to);
      if (options.queryId !== undefined) {
        const queryId = options.queryId;
        query = query.where('id', 'in', (sub) =>
          sub
            .selectFrom('mention_matches')
            .select('mention_id')
            .where('query_id', '=', queryId)
            .where('workspace_id', '=', workspaceId)
            .where('published_at', '>=', options.from)
            .where('published_at', '<', options.to),
        );
      }
      const rows = await query
        .groupBy(['author', 'source'])
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('author')
        .limit(options.limit)
        .execute();
      return rows.map((row) => ({
        author: row.author ?? '',
        source: row.source,
        mentions: Number(row.mentions),
        reach: row.reach === null ? null : Number(row.reach),
        negative: Number(row.negative),
      }));
    },
  };
}

export type MentionsRepository = ReturnType<typeof createMentionsRepository>;
