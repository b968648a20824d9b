import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { Rejected } from '../errors.ts';
import { graphCall } from '../meta-graph/graph-request.ts';
import { instagramTransport } from './instagram.client.ts';

/**
 * Media insights read for feed posts and reels (platforms.md §3.5). Meta replaced impressions and plays by
 * "views" in 2025: views are our impressions. Instagram posts carry no link, so no link clicks; video views
 * are not reported apart from views.
 */
const asked = ['views', 'reach', 'likes', 'comments', 'shares', 'saved'] as const;
const reported: readonly PostMetricName[] = ['impressions', 'reach', 'reactions', 'comments', 'shares', 'saves'];

type InsightRow = { name?: unknown; values?: { value?: unknown }[]; total_value?: { value?: unknown } };

/**
 * One media's insights answer as post figures; a metric missing from the answer is not reported.
 * @example instagramInsightsMetrics('1', { data: [{ name: 'likes', values: [{ value: 3 }] }] }).figures.reactions // 3
 */
export function instagramInsightsMetrics(mediaId: string, body: Record<string, unknown>): PostMetrics {
  const rows = Array.isArray(body.data) ? (body.data as InsightRow[]) : [];
  const value = (name: (typeof asked)[number]): number | null => {
    const row = rows.find((candidate) => candidate.name === name);
    const raw = row?.values?.[0]?.value ?? row?.total_value?.value;
    return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? raw : null;
  };
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

/** A media Instagram no longer has (deleted, or an album child): Graph error 100 with "does not exist". */
const gone = (error: unknown) =>
  error instanceof Rejected && (error.networkCode ?? '').startsWith('100') && /does not exist/i.test(error.reason);

/** `GET /{ig-media-id}/insights?metric=…` for each media (the Graph API has no batch insights read). */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  const transport = instagramTransport(context);
  const results: PostMetrics[] = [];
  for (const id of ids) {
    try {
      const body = await graphCall(transport, 'GET', `/${id}/insights`, { metric: asked.join(',') }, 'read');
      results.push(instagramInsightsMetrics(id, body));
    } catch (error) {
      if (!gone(error)) throw error;
    }
  }
  return results;
}

export const instagramMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 25 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
