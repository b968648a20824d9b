import { createHash } from 'node:crypto';
import type { IngestionReport, IncomingMention, MentionIngestion } from '../mention-ingestion.ts';
import { parseFeed } from './feed-parser.ts';

/** Where a feed was left: its validators for a conditional request, and the ids of the items already handed over. */
export type RssCursor = {
  etag: string | null;
  lastModified: string | null;
  /** Item ids seen, newest first, at most `SEEN_LIMIT`. */
  seen: string[];
};

export type RssPollResult = {
  /** not_modified: the server answered 304 to the conditional request; nothing was downloaded. */
  status: 'changed' | 'not_modified';
  /** Items not seen before, as mentions of the source "rss". */
  mentions: IncomingMention[];
  cursor: RssCursor;
};

/** A feed that cannot be read: `retryable` for a server or network failure, not for a 404 or a non-feed. */
export class RssFeedError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'RssFeedError';
  }
}

const SEEN_LIMIT = 1_000;
const MAX_BYTES = 5 * 1024 * 1024;

export const emptyRssCursor = (): RssCursor => ({ etag: null, lastModified: null, seen: [] });

/** The mention's id on the "rss" source: the item's URL-like id, or the feed and the item's id (hashed when long). */
function networkIdOf(feedUrl: string, itemId: string): string {
  const id = /^https?:\/\//i.test(itemId) ? itemId : `${feedUrl}#${itemId}`;
  return id.length <= 500 ? id : `sha1:${createHash('sha1').update(id).digest('hex')}`;
}

/**
 * Polls RSS and Atom feeds politely: a conditional GET (If-None-Match with the ETag, If-Modified-Since with the
 * Last-Modified the server gave), a size cap and a timeout; only items not in the cursor come back.
 */
export function createRssSource(deps: {
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs?: number;
  userAgent?: string;
}) {
  return {
    async poll(feedUrl: string, cursor: RssCursor = emptyRssCursor()): Promise<RssPollResult> {
      const headers: Record<string, string> = {
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
        'user-agent': deps.userAgent ?? 'Sillage listening (+https://github.com/sillage)',
      };
      if (cursor.etag) headers['if-none-match'] = cursor.etag;
      if (cursor.lastModified) headers['if-modified-since'] = cursor.lastModified;
      let response: Response;
      try {
        response = await deps.fetch(feedUrl, {
          headers,
          redirect: 'follow',
          signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw new RssFeedError(`The feed ${feedUrl} could not be reached: ${(error as Error).message}`, true);
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'not_modified', mentions: [], cursor };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new RssFeedError(
          `The feed ${feedUrl} answered HTTP ${response.status}.`,
          response.status >= 500 || response.status === 429,
        );
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > MAX_BYTES) {
        await response.body?.cancel();
        throw new RssFeedError(`The feed ${feedUrl} is larger than 5 MB.`, false);
      }
      const body = await response.text();
      if (body.length > MAX_BYTES) throw new RssFeedError(`The feed ${feedUrl} is larger than 5 MB.`, false);
      if (!/<(?:[\w.-]+:)?(rss|feed|RDF)[\s>]/i.test(body))
        throw new RssFeedError(`${feedUrl} is not an RSS or Atom feed.`, false);

      const feed = parseFeed(body);
      const seen = new Set(cursor.seen);
      const fresh = feed.items.filter((item) => !seen.has(item.id));
      const collectedAt = deps.now();
      const mentions: IncomingMention[] = fresh.map((item) => ({
        source: 'rss',
        networkId: networkIdOf(feedUrl, item.id),
        text: item.text,
        author: item.author,
        language: feed.language,
        url: item.link,
        // A news item's reach is not reported by feeds.
        reach: null,
        publishedAt: item.publishedAt ?? collectedAt,
      }));
      return {
        status: 'changed',
        mentions,
        cursor: {
          etag: response.headers.get('etag') ?? null,
          lastModified: response.headers.get('last-modified') ?? null,
          seen: [...fresh.map((item) => item.id), ...cursor.seen].slice(0, SEEN_LIMIT),
        },
      };
    },
  };
}

export type RssSource = ReturnType<typeof createRssSource>;

/** One poll of a feed into a workspace: new items are enriched, matched and stored; returns the next cursor. */
export async function ingestRssFeed(deps: {
  source: RssSource;
  ingestion: MentionIngestion;
  workspaceId: string;
  feedUrl: string;
  cursor?: RssCursor;
}): Promise<{ cursor: RssCursor; report: IngestionReport | null }> {
  const result = await deps.source.poll(deps.feedUrl, deps.cursor);
  if (result.mentions.length === 0) return { cursor: result.cursor, report: null };
  const report = await deps.ingestion.ingestMentions(deps.workspaceId, result.mentions);
  return { cursor: result.cursor, report };
}
