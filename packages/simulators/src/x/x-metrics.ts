/**
 * X's post lookup with metrics (platforms.md §6.5): `GET /2/tweets?ids=a,b,…&tweet.fields=public_metrics,
 * non_public_metrics`. Up to 100 ids; ids X does not have come back in `errors` with a 200. The
 * non-public figures are given to the author only (user-context auth as the post's author).
 */
import type { SimRequest, SimResponse } from '../kit/index.ts';

/** A post's counters as a test sets them; missing ones are 0 (public) or left out (non-public). */
export type XSimMetrics = {
  impressions?: number;
  likes?: number;
  replies?: number;
  reposts?: number;
  quotes?: number;
  bookmarks?: number;
  /** Non-public (author only): impressions counted by X's organic analytics, link clicks, profile clicks. */
  nonPublicImpressions?: number;
  urlLinkClicks?: number;
  userProfileClicks?: number;
};

const maxIds = 100;

/** The metrics X keeps per post, and the lookup route that reads them; `postOf` finds a live post. */
export function createXMetrics(postOf: (id: string) => { id: string; text: string; authorId: string } | undefined) {
  const metrics = new Map<string, XSimMetrics>();

  function lookup(request: SimRequest, userId: string): SimResponse {
    const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length < 1 || ids.length > maxIds)
      return {
        status: 400,
        body: {
          errors: [
            {
              parameters: { ids: [request.query.get('ids') ?? ''] },
              message: `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and ${maxIds}`,
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      };
    const fields = (request.query.get('tweet.fields') ?? '').split(',');
    const data: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const id of ids) {
      const post = postOf(id);
      if (!post) {
        errors.push({
          value: id,
          detail: `Could not find tweet with ids: [${id}].`,
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: id,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        });
        continue;
      }
      const set = metrics.get(id) ?? {};
      const item: Record<string, unknown> = { id, text: post.text, edit_history_tweet_ids: [id] };
      if (fields.includes('public_metrics'))
        item.public_metrics = {
          retweet_count: set.reposts ?? 0,
          reply_count: set.replies ?? 0,
          like_count: set.likes ?? 0,
          quote_count: set.quotes ?? 0,
          bookmark_count: set.bookmarks ?? 0,
          impression_count: set.impressions ?? 0,
        };
      if (fields.includes('non_public_metrics') && post.authorId === userId)
        item.non_public_metrics = {
          impression_count: set.nonPublicImpressions ?? set.impressions ?? 0,
          ...(set.urlLinkClicks !== undefined ? { url_link_clicks: set.urlLinkClicks } : {}),
          user_profile_clicks: set.userProfileClicks ?? 0,
        };
      data.push(item);
    }
    // X leaves `data` out when no id was found.
    return { status: 200, body: { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) } };
  }

  return {
    lookup,
    /** Sets (merges) a post's counters. */
    setMetrics: (postId: string, figures: XSimMetrics) => {
      metrics.set(postId, { ...metrics.get(postId), ...figures });
    },
  };
}
