import {
  compileQueries,
  parseQuery,
  type ListeningMention,
  type QueryMatcher,
  type TextAnalysis,
  type TextAnalyzer,
} from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';
import type { ListeningQueriesRepository } from './listening-queries.repository.ts';
import type { MatchRow, MentionRow, MentionsRepository } from './mentions.repository.ts';
import { nearDuplicateKey } from './near-duplicate-key.ts';

/** A mention as a source hands it over, before enrichment. */
export type IncomingMention = {
  /** x, bluesky, mastodon, reddit, youtube, rss, reviews... */
  source: string;
  /** The item's id on its source: the same item collected twice is stored once. */
  networkId: string;
  text: string;
  author?: string | null | undefined;
  /** What the source says the language is; the analyzer's detection wins when it recognizes the text. */
  language?: string | null | undefined;
  url?: string | null | undefined;
  /** ISO 3166-1 alpha-2. */
  country?: string | null | undefined;
  publishedAt: Date;
  /** The author's followers as the source reports them; null or absent when it does not. */
  reach?: number | null | undefined;
};

/** A match that was stored: what spike detection and other listeners count. */
export type StoredMatch = { queryId: string; publishedAt: Date; sentiment: MatchRow['sentiment'] };

export type IngestionReport = {
  received: number;
  /** Rows whose (source, network id) repeated an earlier row of the same batch. */
  repeatedInBatch: number;
  /** New mentions written. */
  stored: number;
  /** Mentions already stored by an earlier batch (skipped with their matches). */
  alreadyStored: number;
  /** Query matches written for the new mentions. */
  matches: number;
  storedMatches: StoredMatch[];
};

const MAX_BATCH = 20_000;
const MAX_TEXT = 40_000;
const sources = /^[a-z][a-z0-9_-]{0,39}$/;
const countries = /^[A-Za-z]{2}$/;

/** Checks every row before anything is written: the first bad row names its index, field and the fix. */
function validateBatch(batch: readonly IncomingMention[]): void {
  if (batch.length > MAX_BATCH)
    throw badRequest('batch_too_large', `A batch holds at most ${MAX_BATCH} mentions (got ${batch.length}): split it.`);
  batch.forEach((mention, index) => {
    const fail = (field: string, reason: string) => {
      throw badRequest('invalid_mention', `Mention ${index}: ${field} ${reason}.`, { index, field, reason });
    };
    if (!sources.test(mention.source)) fail('source', 'must be a lower-case source name such as "x" or "rss"');
    if (!mention.networkId || mention.networkId.length > 500) fail('networkId', 'must be 1 to 500 characters');
    if (typeof mention.text !== 'string' || mention.text.length > MAX_TEXT)
      fail('text', `must be a string of at most ${MAX_TEXT} characters`);
    if (!(mention.publishedAt instanceof Date) || Number.isNaN(mention.publishedAt.getTime()))
      fail('publishedAt', 'must be a valid instant');
    if (
      mention.reach !== undefined &&
      mention.reach !== null &&
      !(Number.isInteger(mention.reach) && mention.reach >= 0 && mention.reach <= 2_147_483_647)
    )
      fail('reach', 'must be a whole number of followers, or null when the source does not report it');
    if (mention.country && !countries.test(mention.country)) fail('country', 'must be an ISO 3166-1 alpha-2 code');
    if (mention.author && mention.author.length > 300) fail('author', 'must be at most 300 characters');
    if (mention.url && mention.url.length > 2_000) fail('url', 'must be at most 2,000 characters');
  });
}

// PostgreSQL text cannot hold U+0000; feeds and APIs sometimes carry it.
const withoutNul = (text: string) => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);
const optionalText = (text: string | null | undefined) => (text ? withoutNul(text) : null);

/** The primary subtag of a reported language ("fr-CA" -> "fr"), or undefined. */
function reportedLanguage(language: string | null | undefined): string | undefined {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/** What enrichment and matching make of one mention. */
export type EnrichedMention = {
  analysis: TextAnalysis;
  /** The detected language, else the one the source reported, else 'other'. */
  lang: string;
  country: string | null;
  author: string | null;
  /** Ids of the active queries the mention matches. */
  matched: string[];
};

/**
 * Enriches one mention (language, sentiment) and matches it against the compiled queries: the per-mention
 * work of ingestion before the near-duplicate key and the database (bench/listening.bench.ts measures it).
 */
export function enrichAndMatch(
  analyzer: TextAnalyzer,
  matcher: QueryMatcher,
  mention: IncomingMention,
): EnrichedMention {
  const analysis = analyzer.analyze(mention.text);
  const lang = analysis.language !== 'other' ? analysis.language : (reportedLanguage(mention.language) ?? 'other');
  const country = mention.country ? mention.country.toUpperCase() : null;
  const author = mention.author ? mention.author : null;
  if (matcher.size === 0) return { analysis, lang, country, author, matched: [] };
  const candidate: ListeningMention = {
    id: mention.networkId,
    text: mention.text,
    language: lang,
    source: mention.source,
  };
  if (author) candidate.author = author;
  if (country) candidate.country = country;
  return { analysis, lang, country, author, matched: matcher.match(candidate) };
}

type CachedMatcher = { fingerprint: string; matcher: QueryMatcher };

/**
 * The ingestion pipeline: enrich (language, sentiment, near-duplicate key), match against the workspace's
 * active queries (one compiled matcher per workspace, rebuilt when a query changes), and store the batch with
 * its matches in one transaction, one statement per table, duplicates skipped.
 */
export function createMentionIngestion(deps: {
  db: Kysely<DB>;
  queries: ListeningQueriesRepository;
  mentions: MentionsRepository;
  analyzer: TextAnalyzer;
  now: () => Date;
  /** Called after each committed batch with its new matches (spike detection listens here). */
  onStored?: (workspaceId: string, matches: readonly StoredMatch[]) => void;
}) {
  const { db, queries, mentions, analyzer, now } = deps;
  const matchers = new Map<string, CachedMatcher>();

  /**
   * The workspace's compiled matcher. The cache key is the list of active queries with their last change, read
   * at each batch, so a change made by another process is seen too; `invalidate` drops it at once in this one.
   */
  async function matcherFor(workspaceId: string): Promise<QueryMatcher> {
    const active = await queries.listActive(workspaceId);
    const fingerprint = active.map((query) => `${query.id}@${query.updatedAt.getTime()}`).join(',');
    const cached = matchers.get(workspaceId);
    if (cached && cached.fingerprint === fingerprint) return cached.matcher;
    // Queries are checked when written; one that no longer parses (stricter limits) is left out, not fatal.
    const definitions = active.flatMap((query) => {
      const parsed = parseQuery(query.text);
      return parsed.ok ? [{ id: query.id, query: parsed.query }] : [];
    });
    const matcher = compileQueries(definitions);
    matchers.set(workspaceId, { fingerprint, matcher });
    return matcher;
  }

  return {
    /** Forgets the workspace's compiled matcher (called when its queries change). */
    invalidate(workspaceId: string): void {
      matchers.delete(workspaceId);
    },

    async ingestMentions(workspaceId: string, batch: readonly IncomingMention[]): Promise<IngestionReport> {
      validateBatch(batch);
      const collectedAt = now();
      const seen = new Set<string>();
      const unique: IncomingMention[] = [];
      for (const mention of batch) {
        const key = `${mention.source}\u0000${mention.networkId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        unique.push({
          ...mention,
          networkId: withoutNul(mention.networkId),
          text: withoutNul(mention.text),
          author: optionalText(mention.author),
          url: optionalText(mention.url),
        });
      }

      const matcher = await matcherFor(workspaceId);
      const rows: MentionRow[] = [];
      const matchedQueries: string[][] = [];
      for (const mention of unique) {
        const { analysis, lang, country, author, matched } = enrichAndMatch(analyzer, matcher, mention);
        matchedQueries.push(matched);
        rows.push({
          source: mention.source,
          networkId: mention.networkId,
          author,
          text: mention.text,
          lang,
          sentiment: analysis.sentiment.label,
          sentimentScore: analysis.sentiment.score,
          url: mention.url ?? null,
          country,
          publishedAt: mention.publishedAt,
          collectedAt,
          reach: mention.reach ?? null,
          clusterKey: nearDuplicateKey(mention.text),
        });
      }

      const { inserted, matchRows } = await db.transaction().execute(async (trx) => {
        const inserted = await mentions.insertBatch(workspaceId, rows, trx);
        const positions = new Map(rows.map((row, index) => [`${row.source}\u0000${row.networkId}`, index]));
        const matchRows: MatchRow[] = [];
        for (const stored of inserted) {
          const index = positions.get(`${stored.source}\u0000${stored.networkId}`)!;
          const row = rows[index]!;
          for (const queryId of matchedQueries[index]!)
            matchRows.push({ queryId, mentionId: stored.id, publishedAt: row.publishedAt, sentiment: row.sentiment });
        }
        await mentions.insertMatches(workspaceId, matchRows, trx);
        return { inserted, matchRows };
      });

      const storedMatches = matchRows.map(({ queryId, publishedAt, sentiment }) => ({
        queryId,
        publishedAt,
        sentiment,
      }));
      if (storedMatches.length > 0) deps.onStored?.(workspaceId, storedMatches);
      return {
        received: batch.length,
        repeatedInBatch: batch.length - unique.length,
        stored: inserted.length,
        alreadyStored: unique.length - inserted.length,
        matches: matchRows.length,
        storedMatches,
      };
    },
  };
}

export type MentionIngestion = ReturnType<typeof createMentionIngestion>;
