import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { graphCall } from '../meta-graph/graph-request.ts';
import { insightCount as count, isGoneFromGraph, readGraphInsights } from '../meta-graph/insights.ts';
import { facebookTransport } from './facebook.client.ts';

/**
 * Page post figures (platforms.md §2.4). Meta retired `post_impressions*` in 2025: views
 * (`post_media_view`) are our impressions and unique views (`post_total_media_view_unique`) our reach. Reactions
 * are the sum over types; link clicks come from `post_clicks_by_type`; comments and shares are fields of the
 * post, not insights. Facebook reports no saves.
 */
const insights = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_reactions_by_type_total',
  'post_clicks_by_type',
  'post_video_views',
] as const;
const reported: readonly PostMetricName[] = [
  'impressions',
  'reach',
  'reactions',
  'comments',
  'shares',
  'link_clicks',
  'video_views',
];

/**
 * A post's insights answer and its fields (`shares`, `comments.summary`) as post figures.
 * @example facebookPostMetrics('1_2', new Map([['post_media_view', 40]]), {}).figures.impressions // 40
 */
export function facebookPostMetrics(
  postId: string,
  insightValues: ReadonlyMap<string, unknown>,
  fields: Record<string, unknown>,
): PostMetrics {
  const value = (name: (typeof insights)[number]) => insightValues.get(name);
  const byType = (name: (typeof insights)[number]) => {
    const raw = value(name);
    return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
  };
  const reactions = byType('post_reactions_by_type_total');
  const clicks = byType('post_clicks_by_type');
  const comments = (fields.comments as { summary?: { total_count?: unknown } } | undefined)?.summary?.total_count;
  const shares = (fields.shares as { count?: unknown } | undefined)?.count;
  return {
    networkPostId: postId,
    figures: {
      impressions: count(value('post_media_view')),
      reach: count(value('post_total_media_view_unique')),
      reactions: reactions ? Object.values(reactions).reduce<number>((sum, one) => sum + (count(one) ?? 0), 0) : null,
      comments: count(comments),
      // Graph leaves `shares` out of a post nobody shared.
      shares: shares === undefined ? 0 : count(shares),
      saves: null,
      link_clicks: clicks ? (count(clicks['link clicks']) ?? 0) : null,
      video_views: count(value('post_video_views')),
    },
  };
}

/** Per post: `GET /{post-id}/insights?metric=…` and `GET /{post-id}?fields=shares,comments.summary(true).limit(0)`. */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  const transport = facebookTransport(context);
  const results: PostMetrics[] = [];
  for (const id of ids) {
    try {
      const insightValues = await readGraphInsights(transport, id, insights);
      const fields = await graphCall(
        transport,
        'GET',
        `/${id}`,
        { fields: 'shares,comments.summary(true).limit(0)' },
        'read',
      );
      results.push(facebookPostMetrics(id, insightValues, fields));
    } catch (error) {
      if (!isGoneFromGraph(error)) throw error;
    }
  }
  return results;
}

export const facebookMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 25 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
