import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { Transient } from '../errors.ts';
import { linkedinError, linkedinVersion } from './linkedin.mapper.ts';

/**
 * Organization share statistics (platforms.md §5.6), organic and lifetime: impressions, unique impressions
 * (our reach), likes, comments, reshares and clicks. LinkedIn's `clickCount` counts every click on the post
 * (link, "see more", the page's name), not only link clicks. LinkedIn reports no saves here, and video views
 * come from a separate `videoAnalytics` read that Sillage does not make.
 */
const reported: readonly PostMetricName[] = ['impressions', 'reach', 'reactions', 'comments', 'shares', 'link_clicks'];
const batch = 20;
const requestTimeoutMs = 60_000;
/** The list parameter that takes each kind of post URN. */
const listParams = { share: 'shares', ugcPost: 'ugcPosts' } as const;

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;

/**
 * One element of the statistics answer as post figures.
 * @example linkedinShareMetrics({ share: 'urn:li:share:1', totalShareStatistics: { impressionCount: 90 } })?.figures.impressions // 90
 */
export function linkedinShareMetrics(element: Record<string, unknown>): PostMetrics | null {
  const urn = element.share ?? element.ugcPost;
  if (typeof urn !== 'string') return null;
  const totals = (element.totalShareStatistics ?? {}) as Record<string, unknown>;
  return {
    networkPostId: urn,
    figures: {
      impressions: count(totals.impressionCount),
      reach: count(totals.uniqueImpressionsCount),
      reactions: count(totals.likeCount),
      comments: count(totals.commentCount),
      shares: count(totals.shareCount),
      saves: null,
      link_clicks: count(totals.clickCount),
      video_views: null,
    },
  };
}

/** The Rest.li 2.0 query for one kind of URN: URNs encoded inside `List(…)`, the list syntax itself not. */
export function linkedinShareStatisticsQuery(organization: string, param: string, urns: readonly string[]): string {
  return `q=organizationalEntity&organizationalEntity=${encodeURIComponent(organization)}&${param}=List(${urns.map(encodeURIComponent).join(',')})`;
}

async function readStatistics(context: ConnectorContext, query: string): Promise<unknown> {
  let response: Response;
  let body: unknown;
  try {
    response = await context.fetch(new URL(`/rest/organizationalEntityShareStatistics?${query}`, context.baseUrl), {
      headers: {
        authorization: `Bearer ${context.credentials.accessToken}`,
        'linkedin-version': linkedinVersion,
        'x-restli-protocol-version': '2.0.0',
      },
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    body = await response.json().catch(() => ({}));
  } catch (error) {
    throw new Transient(`GET /rest/organizationalEntityShareStatistics: ${(error as Error).message}`);
  }
  if (response.status >= 400)
    throw linkedinError(
      { status: response.status, headers: response.headers, body },
      { sent: false, now: context.now() },
    );
  return body;
}

/**
 * Share URNs (`urn:li:share`, what the Posts API gives) go in `shares=List(…)`, posts made in LinkedIn's app
 * (`urn:li:ugcPost`) in `ugcPosts=List(…)`: one call per kind present. A deleted post has no element; a URN of
 * another kind cannot be measured here and is left out too.
 */
async function fetchPostMetrics(context: ConnectorContext, urns: readonly string[]): Promise<readonly PostMetrics[]> {
  const organization = context.credentials.accountId;
  const byId = new Map<string, PostMetrics>();
  for (const [kind, param] of Object.entries(listParams)) {
    const wanted = urns.filter((urn) => urn.startsWith(`urn:li:${kind}:`));
    if (wanted.length === 0) continue;
    const body = await readStatistics(context, linkedinShareStatisticsQuery(organization, param, wanted));
    const elements = (body as { elements?: unknown } | null)?.elements;
    for (const element of Array.isArray(elements) ? (elements as Record<string, unknown>[]) : []) {
      const metrics = linkedinShareMetrics(element);
      if (metrics && wanted.includes(metrics.networkPostId)) byId.set(metrics.networkPostId, metrics);
    }
  }
  return urns.flatMap((urn) => byId.get(urn) ?? []);
}

export const linkedinMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
