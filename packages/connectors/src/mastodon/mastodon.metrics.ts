import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { getStatus } from './mastodon.client.ts';

/** What a Status carries (platforms.md §11.3): no impressions, reach, saves, clicks or views on Mastodon. */
const reported: readonly PostMetricName[] = ['reactions', 'comments', 'shares'];

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

/**
 * A Status's counters as post figures: favourites are reactions, reblogs shares, replies comments (the
 * instance's own count: replies from other instances it has not seen are not in it).
 * @example mastodonStatusMetrics({ id: '1', favourites_count: 3, reblogs_count: 1, replies_count: 0 }).figures.reactions // 3
 */
export function mastodonStatusMetrics(status: Record<string, unknown>): PostMetrics {
  return {
    networkPostId: String(status.id),
    figures: {
      impressions: null,
      reach: null,
      reactions: count(status.favourites_count),
      comments: count(status.replies_count),
      shares: count(status.reblogs_count),
      saves: null,
      link_clicks: null,
      video_views: null,
    },
  };
}

/** Mastodon has no batch lookup on every instance version: one `GET /api/v1/statuses/:id` per post. */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  const instanceUrl = context.credentials.instanceUrl ?? context.baseUrl;
  const results: PostMetrics[] = [];
  for (const id of ids) {
    const response = await getStatus(
      { instanceUrl, fetch: context.fetch, now: context.now, accessToken: context.credentials.accessToken },
      id,
    );
    if (response) results.push(mastodonStatusMetrics((response.body ?? {}) as Record<string, unknown>));
  }
  return results;
}

export const mastodonMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 20 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
