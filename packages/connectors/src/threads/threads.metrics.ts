import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { insightCount, isGoneFromGraph, readGraphInsights } from '../meta-graph/insights.ts';
import { threadsTransport } from './threads.client.ts';

/**
 * Threads post insights (platforms.md §4.4): views are impressions, likes reactions, replies comments (nested
 * replies are not counted by Threads), reposts + quotes + shares are shares. No reach, saves, clicks or video views.
 */
const asked = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;
const reported: readonly PostMetricName[] = ['impressions', 'reactions', 'comments', 'shares'];

/**
 * One post's insights as post figures; shares are null only when none of the three share figures came back.
 * @example threadsInsightsMetrics('1', new Map([['reposts', 2], ['quotes', 1], ['shares', 0]])).figures.shares // 3
 */
export function threadsInsightsMetrics(mediaId: string, insights: ReadonlyMap<string, unknown>): PostMetrics {
  const value = (name: (typeof asked)[number]) => insightCount(insights.get(name));
  const shareParts = [value('reposts'), value('quotes'), value('shares')].filter((part) => part !== null);
  return {
    networkPostId: mediaId,
    figures: {
      impressions: value('views'),
      reach: null,
      reactions: value('likes'),
      comments: value('replies'),
      shares: shareParts.length ? shareParts.reduce((sum, part) => sum + part, 0) : null,
      saves: null,
      link_clicks: null,
      video_views: null,
    },
  };
}

/** `GET /{threads-media-id}/insights?metric=…` for each post. */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  const transport = threadsTransport(context);
  const results: PostMetrics[] = [];
  for (const id of ids) {
    try {
      results.push(threadsInsightsMetrics(id, await readGraphInsights(transport, id, asked)));
    } catch (error) {
      if (!isGoneFromGraph(error)) throw error;
    }
  }
  return results;
}

export const threadsMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 25 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
