/**
 * `GET /rest/organizationalEntityShareStatistics?q=organizationalEntity` (platforms.md §5.6): lifetime organic
 * figures of an organization's posts, asked by `shares=List(…)` (urn:li:share) or `ugcPosts=List(…)`
 * (urn:li:ugcPost), one element per post found (a deleted post has none), or the organization's total without
 * either list. Time-bound statistics (`timeIntervals`) are not simulated.
 */
import type { SimRequest, SimResponse } from '../kit/index.ts';
import { restliError } from './linkedin-restli.ts';

/** A post's counters as LinkedIn totals them. */
export type LinkedinShareStatistics = {
  impressions: number;
  uniqueImpressions: number;
  clicks: number;
  likes: number;
  comments: number;
  shares: number;
};

const zero: LinkedinShareStatistics = {
  impressions: 0,
  uniqueImpressions: 0,
  clicks: 0,
  likes: 0,
  comments: 0,
  shares: 0,
};

function totals(figures: LinkedinShareStatistics) {
  const engaged = figures.clicks + figures.likes + figures.comments + figures.shares;
  return {
    uniqueImpressionsCount: figures.uniqueImpressions,
    shareCount: figures.shares,
    engagement: figures.impressions > 0 ? engaged / figures.impressions : 0,
    clickCount: figures.clicks,
    likeCount: figures.likes,
    impressionCount: figures.impressions,
    commentCount: figures.comments,
  };
}

const badRequest = (message: string): SimResponse => ({ status: 400, body: restliError(400, 'BAD_REQUEST', message) });

/** The statistics state and handler; `postsOf` lists the URNs of an organization's live posts. */
export function createLinkedinStatistics(postsOf: (organization: string) => readonly string[]) {
  const statistics = new Map<string, LinkedinShareStatistics>();

  function handle(request: SimRequest, orgs: readonly string[]): SimResponse {
    if (request.query.get('q') !== 'organizationalEntity') return badRequest('q=organizationalEntity is required');
    const organization = request.query.get('organizationalEntity') ?? '';
    if (!orgs.includes(organization))
      return {
        status: 403,
        body: restliError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${organization}`),
      };
    const live = new Set(postsOf(organization));
    const lists = (['shares', 'ugcPosts'] as const).flatMap((param) => {
      const raw = request.query.get(param);
      if (raw === null) return [];
      const urns = /^List\((.*)\)$/.exec(raw)?.[1]?.split(',').filter(Boolean);
      return [{ param, urns }];
    });
    if (lists.length === 0) {
      const sum = { ...zero };
      for (const urn of live)
        for (const key of Object.keys(sum) as (keyof LinkedinShareStatistics)[])
          sum[key] += statistics.get(urn)?.[key] ?? 0;
      const elements = [{ organizationalEntity: organization, totalShareStatistics: totals(sum) }];
      return { status: 200, body: { paging: { start: 0, count: 10, links: [] }, elements } };
    }
    const elements = [];
    for (const { param, urns } of lists) {
      const kind = param === 'shares' ? 'share' : 'ugcPost';
      if (!urns?.length) return badRequest(`${param}=List(...) must hold at least one URN`);
      if (urns.some((urn) => !urn.startsWith(`urn:li:${kind}:`)))
        return badRequest(`${param} takes urn:li:${kind} URNs only`);
      for (const urn of urns.filter((candidate) => live.has(candidate)))
        elements.push({
          organizationalEntity: organization,
          [kind]: urn,
          totalShareStatistics: totals(statistics.get(urn) ?? zero),
        });
    }
    return { status: 200, body: { paging: { start: 0, count: 10, links: [] }, elements } };
  }

  return {
    handle,
    /** Test hook: a post's lifetime counters. */
    setShareStatistics: (urn: string, figures: Partial<LinkedinShareStatistics>): void => {
      statistics.set(urn, { ...zero, ...statistics.get(urn), ...figures });
    },
  };
}
