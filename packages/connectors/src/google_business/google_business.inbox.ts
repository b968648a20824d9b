import type { Connector, ConnectorContext, InboxItem, InboxItemRef, InboxPage } from '../connector.ts';
import { Rejected } from '../errors.ts';
import { googleSend, mapGoogleError } from '../youtube/google-api.ts';

const stars: Record<string, 1 | 2 | 3 | 4 | 5> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };
const maxPages = 40;

type Review = {
  name?: string;
  reviewer?: { displayName?: string; isAnonymous?: boolean };
  starRating?: string;
  comment?: string;
  createTime?: string;
  updateTime?: string;
};

const googleContext = (context: ConnectorContext) => ({
  baseUrl: context.baseUrl,
  fetch: context.fetch,
  now: context.now,
  accessToken: context.credentials.accessToken,
});

/**
 * A review as an inbox item (its own thread); `STAR_RATING_UNSPECIFIED` leaves the rating out, never 0.
 * @example googleReviewItem({ name: 'accounts/1/locations/2/reviews/3', starRating: 'FOUR', ... })?.rating // 4
 */
export function googleReviewItem(review: Review): InboxItem | null {
  if (!review.name || !review.createTime) return null;
  const rating = stars[review.starRating ?? ''];
  const name = review.reviewer?.isAnonymous ? 'Anonymous' : (review.reviewer?.displayName ?? 'Anonymous');
  return {
    networkItemId: review.name,
    kind: 'review',
    threadKey: `review:${review.name}`,
    author: { networkId: `reviewer:${review.name}`, name },
    text: review.comment ?? '',
    ...(rating ? { rating } : {}),
    createdAt: new Date(review.createTime),
  };
}

/**
 * Reviews updated at or after the cursor's instant, oldest first: pages `orderBy=updateTime desc` back until
 * it passes the cursor (inclusive; the caller's unique key absorbs the overlap).
 */
async function listInboxItems(context: ConnectorContext, cursor: string | null): Promise<InboxPage> {
  const since = cursor ? Date.parse((JSON.parse(cursor) as { updateTime?: string }).updateTime ?? '') : Number.NaN;
  const location = context.credentials.accountId;
  const collected: Review[] = [];
  let pageToken: string | undefined;
  for (let read = 0; read < maxPages; read += 1) {
    const query = new URLSearchParams({ pageSize: '50', orderBy: 'updateTime desc' });
    if (pageToken) query.set('pageToken', pageToken);
    const response = await googleSend(
      googleContext(context),
      { method: 'GET', url: `/v4/${location}/reviews?${query.toString()}` },
      'read',
    );
    if (response.status >= 400) throw mapGoogleError(response, 'read', context.now());
    const reviews = (Array.isArray(response.body.reviews) ? response.body.reviews : []) as Review[];
    const fresh = reviews.filter((review) => Number.isNaN(since) || Date.parse(review.updateTime ?? '') >= since);
    collected.push(...fresh);
    const next = response.body.nextPageToken;
    if (fresh.length < reviews.length || typeof next !== 'string' || reviews.length === 0) break;
    pageToken = next;
  }
  collected.sort((a, b) => Date.parse(a.updateTime ?? '') - Date.parse(b.updateTime ?? ''));
  const newest = collected.at(-1)?.updateTime;
  return {
    items: collected.map(googleReviewItem).filter((item): item is InboxItem => item !== null),
    cursor: newest ? JSON.stringify({ updateTime: newest }) : cursor,
    hasMore: false,
  };
}

/** `PUT {review}/reply`: the owner's public answer (one per review; a new one replaces it). */
async function replyToItem(context: ConnectorContext, item: InboxItemRef, text: string) {
  if (item.kind !== 'review')
    throw new Rejected('Only reviews can be answered on Google Business Profile.', 'not_review');
  const response = await googleSend(
    googleContext(context),
    { method: 'PUT', url: `/v4/${item.networkItemId}/reply`, json: { comment: text } },
    'read',
  );
  if (response.status >= 400) throw mapGoogleError(response, 'read', context.now());
  return { networkId: `${item.networkItemId}/reply` };
}

/** The Google Business Profile inbox: reviews with their star rating, answered with the owner's reply. */
export const googleBusinessInbox = { listInboxItems, replyToItem } satisfies Partial<Connector>;
