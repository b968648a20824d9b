import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { Transient } from '../errors.ts';
import { xrpcError } from './bluesky.mapper.ts';

/**
 * What a postView carries (platforms.md §10.5): likes, replies, reposts and quotes. Bluesky has no
 * impressions, reach, link clicks or views; bookmarks are private to whoever made them and are not our saves.
 */
const reported: readonly PostMetricName[] = ['reactions', 'comments', 'shares'];

/** The AppView's limit on `uris` per `app.bsky.feed.getPosts`. */
const batch = 25;

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;

/**
 * A postView's counters as post figures: likes are reactions, replies comments, reposts plus quotes shares.
 * @example blueskyPostMetrics({ uri: 'at://did:plc:a/app.bsky.feed.post/3k', likeCount: 4, replyCount: 1, repostCount: 2, quoteCount: 1 }).figures.shares // 3
 */
export function blueskyPostMetrics(post: Record<string, unknown>): PostMetrics {
  const reposts = count(post.repostCount);
  const quotes = count(post.quoteCount);
  return {
    networkPostId: String(post.uri),
    figures: {
      impressions: null,
      reach: null,
      reactions: count(post.likeCount),
      comments: count(post.replyCount),
      // An AppView older than quote counts sends no quoteCount: reposts alone are then the shares.
      shares: reposts === null ? null : reposts + (quotes ?? 0),
      saves: null,
      link_clicks: null,
      video_views: null,
    },
  };
}

/** A post's AT URI; anything else would make the AppView refuse the whole call (400 InvalidRequest). */
const postUri = /^at:\/\/[^/\s]+\/app\.bsky\.feed\.post\/[^/\s]+$/;

/**
 * One `GET /xrpc/app.bsky.feed.getPosts?uris=…&uris=…` through the account's PDS (which proxies it to the
 * AppView) for up to 25 posts; a deleted post is absent from `posts`, an id that is not a post URI is not sent.
 */
async function fetchPostMetrics(
  context: ConnectorContext,
  networkPostIds: readonly string[],
): Promise<readonly PostMetrics[]> {
  const uris = networkPostIds.filter((id) => postUri.test(id));
  if (uris.length === 0) return [];
  const url = new URL('/xrpc/app.bsky.feed.getPosts', context.credentials.instanceUrl ?? context.baseUrl);
  for (const uri of uris) url.searchParams.append('uris', uri);
  let status: number;
  let headers: Headers;
  let body: unknown;
  try {
    const response = await context.fetch(url, {
      headers: { authorization: `Bearer ${context.credentials.accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
    status = response.status;
    headers = response.headers;
    body = await response.json().catch(() => ({}));
  } catch (error) {
    throw new Transient(`app.bsky.feed.getPosts: ${(error as Error).message}`);
  }
  if (status >= 500) throw new Transient(`Bluesky answered ${status} to app.bsky.feed.getPosts`);
  if (status >= 400) throw xrpcError({ status, headers, body }, context.now());
  const posts = (body as { posts?: unknown } | null)?.posts;
  const asked = new Set(uris);
  return (Array.isArray(posts) ? (posts as Record<string, unknown>[]) : [])
    .filter((post) => asked.has(String(post.uri)))
    .map(blueskyPostMetrics);
}

export const blueskyMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
