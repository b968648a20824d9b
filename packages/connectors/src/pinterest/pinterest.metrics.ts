import type { Connector, ConnectorContext, PostMetricName, PostMetrics } from '../connector.ts';
import { Transient } from '../errors.ts';
import { pinterestError } from './pinterest.mapper.ts';

/**
 * Pin analytics (platforms.md §9.3): impressions, saves, outbound clicks, comments and reactions. Pinterest
 * reports no reach and no shares for a Pin; video views (`VIDEO_MRC_VIEW`) exist for video Pins only, which
 * Sillage does not publish.
 */
const reported: readonly PostMetricName[] = ['impressions', 'reactions', 'comments', 'saves', 'link_clicks'];
const dailyTypes = ['IMPRESSION', 'SAVE', 'OUTBOUND_CLICK'] as const;
const lifetimeTypes = ['TOTAL_COMMENTS', 'TOTAL_REACTIONS'] as const;
/** The furthest back Pinterest's analytics go (days before today, UTC). */
const maxDaysBack = 90;
const requestTimeoutMs = 60_000;

type Period = { daily_metrics?: unknown; summary_metrics?: unknown; lifetime_metrics?: unknown };

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * One Pin's analytics answer as post figures. Daily metrics are summed over the period asked (days before the
 * Pin existed carry none); lifetime counters are read as they are.
 * @example pinterestPinMetrics('1', { all: { daily_metrics: [{ date: '2026-04-30', data_status: 'READY', metrics: { IMPRESSION: 5 } }] } }).figures.impressions // 5
 */
export function pinterestPinMetrics(pinId: string, body: Record<string, unknown>): PostMetrics {
  const period = record(body.all ?? Object.values(body)[0]) as Period;
  const days = Array.isArray(period.daily_metrics) ? (period.daily_metrics as Record<string, unknown>[]) : [];
  const summary = record(period.summary_metrics);
  const lifetime = record(period.lifetime_metrics);
  const summed = (type: (typeof dailyTypes)[number]): number | null => {
    let total: number | null = null;
    for (const day of days) {
      const value = count(record(day.metrics)[type]);
      if (value !== null) total = (total ?? 0) + value;
    }
    return total ?? count(summary[type]);
  };
  const total = (type: (typeof lifetimeTypes)[number]) => count(lifetime[type]) ?? count(summary[type]);
  return {
    networkPostId: pinId,
    figures: {
      impressions: summed('IMPRESSION'),
      reach: null,
      reactions: total('TOTAL_REACTIONS'),
      comments: total('TOTAL_COMMENTS'),
      shares: null,
      saves: summed('SAVE'),
      link_clicks: summed('OUTBOUND_CLICK'),
      video_views: null,
    },
  };
}

/** The query of a lifetime read: from 90 days back (the API's limit) to today, UTC. */
export function pinterestLifetimeQuery(now: Date): URLSearchParams {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return new URLSearchParams({
    start_date: day(now.getTime() - maxDaysBack * 86_400_000),
    end_date: day(now.getTime()),
    metric_types: [...dailyTypes, ...lifetimeTypes].join(','),
    app_types: 'ALL',
  });
}

/** `GET /v5/pins/{pin_id}/analytics`: the answer's body, or null when the Pin no longer exists (404). */
async function readPinAnalytics(context: ConnectorContext, pinId: string): Promise<Record<string, unknown> | null> {
  const url = new URL(`/v5/pins/${encodeURIComponent(pinId)}/analytics`, context.baseUrl);
  url.search = pinterestLifetimeQuery(context.now()).toString();
  let response: Response;
  let body: Record<string, unknown>;
  try {
    response = await context.fetch(url, {
      headers: { authorization: `Bearer ${context.credentials.accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    body = record(await response.json().catch(() => ({})));
  } catch (error) {
    throw new Transient(`GET /v5/pins/{pin_id}/analytics: ${(error as Error).message}`);
  }
  if (response.status === 404) return null;
  if (response.status >= 400)
    throw pinterestError({ status: response.status, headers: response.headers, body }, 'read', context.now());
  return body;
}

/** Pin ids are decimal (the spec's Pin `id` pattern `^\d+$`): any other id is not a Pin and is not sent. */
const pinId = /^\d{1,32}$/;

/**
 * One analytics call per Pin (the bulk `GET /v5/pins/analytics` is a beta not open to every app); a deleted Pin,
 * or an id that is not a Pin id, is left out.
 */
async function fetchPostMetrics(context: ConnectorContext, ids: readonly string[]): Promise<readonly PostMetrics[]> {
  const results: PostMetrics[] = [];
  for (const id of ids.filter((candidate) => pinId.test(candidate))) {
    const body = await readPinAnalytics(context, id);
    if (body) results.push(pinterestPinMetrics(id, body));
  }
  return results;
}

export const pinterestMetrics = {
  fetchPostMetrics,
  postMetrics: { reported, batch: 25 },
} satisfies Pick<Connector, 'fetchPostMetrics' | 'postMetrics'>;
