import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { insightCount, isGoneFromGraph, readGraphInsights } from '../meta-graph/insights.ts';
import { instagramTransport } from './instagram.client.ts';

/**
 * Media insights read for feed posts and reels (platforms.md §3.5). Meta replaced impressions and plays by
 * "views" in 2025: views are our impressions. Instagram posts carry no link, so no link clicks; video views
 * are not reported apart from views.
 */
const asked = ['views', 'reach', 'likes', 'comments', 'shares', 'saved'] as const;
const reported: readonly PostMetricName[] = ['impressions', 'reach', 'reactions', 'comments', 'shares', 'saves'];

/**
 * One media's insights as post figures; a metric missing from the answer is not reported.
 * @example instagramInsightsMetrics('1', new Map([['likes', 3]])).figures.reactions // 3
 */
export function instagramInsightsMetrics(mediaId: string, insights: ReadonlyMap<string, unknown>): PostMetrics {
  const value = (name: (typeof asked)[number]) => insightCount(insights.get(name));
  return {
    networkPostId: mediaId,
    figures: {
      impressions: value('views'),
      reach: value('reach'),
      reactions: value('likes'),
      comments: value('comments'),
      shares: value('shares'),
      saves: value('saved'),
      link_clicks: null,
      video_views: null,
    },
  };
}

/** `GET /{ig-media-id}/insights?metric=…` for each media (the Graph API has no batch insights read). */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  const transport = instagramTransport(context);
  const results: PostMetrics[] = [];
  for (const id of ids) {
    try {
      results.push(instagramInsightsMetrics(id, await readGraphInsights(transport, id, asked)));
    } catch (error) {
      if (!isGoneFromGraph(error)) throw error;
    }
  }
  return results;
}

export const instagramMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 25 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
