import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { Transient } from '../errors.ts';
import { tiktokError } from './tiktok.mapper.ts';

/**
 * What the Display API's video object carries (platforms.md §7.4): views, likes, comments and shares. TikTok
 * gives no impressions, reach, saves or link clicks outside its separate Business API.
 */
const reported: readonly PostMetricName[] = ['reactions', 'comments', 'shares', 'video_views'];
/** `video/query` takes at most 20 ids. */
const batch = 20;
const fields = 'id,like_count,comment_count,share_count,view_count';
const requestTimeoutMs = 60_000;

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;

/**
 * A Display API video object as post figures: likes are reactions, views video views.
 * @example tiktokVideoMetrics({ id: '73', like_count: 5, comment_count: 1, share_count: 0, view_count: 90 }).figures.video_views // 90
 */
export function tiktokVideoMetrics(video: Record<string, unknown>): PostMetrics {
  return {
    networkPostId: String(video.id),
    figures: {
      impressions: null,
      reach: null,
      reactions: count(video.like_count),
      comments: count(video.comment_count),
      shares: count(video.share_count),
      saves: null,
      link_clicks: null,
      video_views: count(video.view_count),
    },
  };
}

/** TikTok video ids are decimal; a private post is known by its publish id (`v_pub_…`), which has no figures. */
const videoId = /^\d{1,32}$/;

/**
 * One `POST /v2/video/query/?fields=…` with `{"filters":{"video_ids":[…]}}` (scope video.list) for up to 20
 * posts; a post the creator deleted is absent from `videos`. Publish ids of private posts are not sent (a
 * malformed id could make TikTok refuse the whole batch) and are left out.
 */
async function fetchPostMetrics(
  context: ConnectorContext,
  networkPostIds: readonly string[],
): Promise<readonly PostMetrics[]> {
  const ids = networkPostIds.filter((id) => videoId.test(id));
  if (ids.length === 0) return [];
  let response: Response;
  let body: Record<string, unknown>;
  try {
    response = await context.fetch(new URL(`/v2/video/query/?fields=${fields}`, context.baseUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${context.credentials.accessToken}`,
        'content-type': 'application/json; charset=UTF-8',
      },
      body: JSON.stringify({ filters: { video_ids: ids } }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const parsed: unknown = await response.json().catch(() => ({}));
    body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    throw new Transient(`POST /v2/video/query/: ${(error as Error).message}`);
  }
  const code = (body.error as { code?: unknown } | undefined)?.code;
  if (response.status >= 400 || (code !== undefined && code !== 'ok'))
    throw tiktokError({ status: response.status, headers: response.headers, body }, 'read', context.now());
  const videos = (body.data as { videos?: unknown } | undefined)?.videos;
  const asked = new Set(ids);
  return (Array.isArray(videos) ? (videos as Record<string, unknown>[]) : [])
    .filter((video) => asked.has(String(video.id)))
    .map(tiktokVideoMetrics);
}

export const tiktokMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
