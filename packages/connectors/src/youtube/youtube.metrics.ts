import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { googleSend, mapGoogleError, type GoogleContext } from './google-api.ts';

/**
 * What `videos.list?part=statistics` carries (platforms.md §8.4): views, likes and comments. YouTube's public
 * counters have no impressions, reach, shares or saves (`favoriteCount` is deprecated and always 0), and no
 * link clicks.
 */
const reported: readonly PostMetricName[] = ['reactions', 'comments', 'video_views'];

/** YouTube sends its counters as decimal strings ("1234"); a counter left out (hidden likes, comments off) is null. */
const count = (value: unknown): number | null => {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : null;
};

/**
 * A video resource's `statistics` as post figures: likes are reactions, views video views.
 * @example youtubeVideoMetrics({ id: 'a', statistics: { viewCount: '90', likeCount: '4', commentCount: '1' } }).figures.video_views // 90
 */
export function youtubeVideoMetrics(video: Record<string, unknown>): PostMetrics {
  const statistics = (video.statistics ?? {}) as Record<string, unknown>;
  return {
    networkPostId: String(video.id),
    figures: {
      impressions: null,
      reach: null,
      reactions: count(statistics.likeCount),
      comments: count(statistics.commentCount),
      shares: null,
      saves: null,
      link_clicks: null,
      video_views: count(statistics.viewCount),
    },
  };
}

/** One `GET /youtube/v3/videos?part=statistics&id=a,b,…` (1 quota unit) for up to 50 videos; missing ids are absent. */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  if (ids.length === 0) return [];
  const google: GoogleContext = {
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    now: context.now,
    accessToken: context.credentials.accessToken,
  };
  // No maxResults: videos.list refuses it together with `id`.
  const query = new URLSearchParams({ part: 'statistics', id: ids.join(',') });
  const response = await googleSend(
    google,
    {
      method: 'GET',
      url: `/youtube/v3/videos?${query.toString()}`,
    },
    'read',
  );
  if (response.status >= 400) throw mapGoogleError(response, 'read', context.now());
  const items = Array.isArray(response.body.items) ? (response.body.items as Record<string, unknown>[]) : [];
  const asked = new Set(ids);
  return items.filter((item) => asked.has(String(item.id))).map(youtubeVideoMetrics);
}

export const youtubeMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 50 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
