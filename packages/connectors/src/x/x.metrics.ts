import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { lookupTweets } from './x.client.ts';

/**
 * What a post lookup carries (platforms.md §6.5): `public_metrics` (likes, replies, reposts, quotes, bookmarks,
 * impressions) and, for the author's own posts up to 30 days old, `non_public_metrics` (impressions, link
 * clicks). X reports no reach, and no video views on the post itself.
 */
const reported: readonly PostMetricName[] = ['impressions', 'reactions', 'comments', 'shares', 'saves', 'link_clicks'];

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;

const sum = (...values: (number | null)[]): number | null =>
  values.every((value) => value === null) ? null : values.reduce<number>((total, value) => total + (value ?? 0), 0);

/**
 * A post's metrics as post figures: likes are reactions, replies comments, reposts plus quotes shares,
 * bookmarks saves; impressions and link clicks from the non-public metrics when X gives them.
 * @example xTweetMetrics({ id: '1', public_metrics: { like_count: 3, retweet_count: 1, quote_count: 1 } }).figures.shares // 2
 */
export function xTweetMetrics(tweet: Record<string, unknown>): PostMetrics {
  const open = (tweet.public_metrics ?? {}) as Record<string, unknown>;
  const owner = (tweet.non_public_metrics ?? {}) as Record<string, unknown>;
  // X renamed retweet_count to repost_count in parts of its API; either may come.
  const reposts = count(open.repost_count) ?? count(open.retweet_count);
  return {
    networkPostId: String(tweet.id),
    figures: {
      impressions: count(owner.impression_count) ?? count(open.impression_count),
      reach: null,
      reactions: count(open.like_count),
      comments: count(open.reply_count),
      shares: sum(reposts, count(open.quote_count)),
      saves: count(open.bookmark_count),
      link_clicks: count(owner.url_link_clicks),
      video_views: null,
    },
  };
}

/** One `GET /2/tweets?ids=a,b,…` for up to 100 posts; ids X no longer has come back in `errors` and are left out. */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  if (ids.length === 0) return [];
  const response = await lookupTweets(
    { baseUrl: context.baseUrl, fetch: context.fetch, now: context.now, accessToken: context.credentials.accessToken },
    ids,
    ['public_metrics', 'non_public_metrics'],
  );
  const data = (response.body as { data?: unknown }).data;
  const tweets = Array.isArray(data) ? (data as Record<string, unknown>[]) : [];
  const asked = new Set(ids);
  return tweets.filter((tweet) => asked.has(String(tweet.id))).map(xTweetMetrics);
}

export const xMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 100 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
