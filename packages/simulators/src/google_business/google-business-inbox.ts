import { numericId, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';
import { googleError, unauthenticated } from '../youtube/google-sim.ts';
import type { TokenCheck } from '../youtube/oauth-store.ts';
import { stringField } from '../youtube/oauth-store.ts';

const stars = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'] as const;

export type GoogleBusinessSimReview = {
  name: string;
  location: string;
  reviewer: { displayName: string; isAnonymous: boolean };
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string;
  createTime: string;
  updateTime: string;
  reply?: { comment: string; updateTime: string };
};

/**
 * The reviews of a simulated location (My Business API v4): `GET {location}/reviews` (pageSize, pageToken,
 * orderBy updateTime desc), `PUT {review}/reply` and `DELETE {review}/reply`, and reviews left by tests and
 * the demo.
 */
export function createGoogleBusinessInbox(deps: {
  now: () => Date;
  check: (authorization: string | undefined) => TokenCheck;
}) {
  const reviews: GoogleBusinessSimReview[] = [];

  const authorized = (request: SimRequest): SimResponse | undefined => {
    const check = deps.check(request.headers.authorization);
    if (!check.ok) return unauthenticated();
    if (`accounts/${request.params.account}` !== check.accountId)
      return googleError(403, 'The caller does not have permission', 'forbidden');
    return undefined;
  };
  const present = (review: GoogleBusinessSimReview) => ({
    name: review.name,
    reviewId: review.name.split('/').at(-1),
    reviewer: review.reviewer,
    starRating: stars[review.rating - 1],
    comment: review.comment,
    createTime: review.createTime,
    updateTime: review.updateTime,
    ...(review.reply ? { reviewReply: review.reply } : {}),
  });

  function list(request: SimRequest): SimResponse {
    const refused = authorized(request);
    if (refused) return refused;
    const location = `accounts/${request.params.account}/locations/${request.params.location}`;
    const pageSize = Math.min(Number(request.query.get('pageSize') ?? 50), 50);
    const offset = Number(request.query.get('pageToken') ?? 0);
    const mine = reviews
      .filter((review) => review.location === location)
      .sort((a, b) => b.updateTime.localeCompare(a.updateTime));
    const page = mine.slice(offset, offset + pageSize);
    const average = mine.length ? mine.reduce((sum, review) => sum + review.rating, 0) / mine.length : 0;
    return {
      status: 200,
      body: {
        reviews: page.map(present),
        averageRating: Math.round(average * 10) / 10,
        totalReviewCount: mine.length,
        ...(offset + pageSize < mine.length ? { nextPageToken: String(offset + pageSize) } : {}),
      },
    };
  }

  function reply(request: SimRequest): SimResponse {
    const refused = authorized(request);
    if (refused) return refused;
    const name = `accounts/${request.params.account}/locations/${request.params.location}/reviews/${request.params.review}`;
    const review = reviews.find((one) => one.name === name);
    if (!review) return googleError(404, 'Requested entity was not found.', 'notFound');
    const comment = stringField((request.body as { comment?: unknown }).comment);
    if (!comment || [...comment].length > 4096)
      return googleError(400, 'Request contains an invalid argument: comment.', 'badRequest');
    review.reply = { comment, updateTime: deps.now().toISOString() };
    return { status: 200, body: review.reply };
  }

  return {
    setup(router: Router): void {
      router.route('GET', '/v4/accounts/:account/locations/:location/reviews', list);
      router.route('PUT', '/v4/accounts/:account/locations/:location/reviews/:review/reply', reply);
    },
    reviews: (): readonly GoogleBusinessSimReview[] => reviews,
    /** A customer reviews `location` (`accounts/…/locations/…`). */
    addIncoming(input: {
      location: string;
      reviewer?: string;
      rating: 1 | 2 | 3 | 4 | 5;
      comment: string;
      createdAt?: Date;
    }) {
      const at = (input.createdAt ?? deps.now()).toISOString();
      const review: GoogleBusinessSimReview = {
        name: `${input.location}/reviews/${numericId(20)}`,
        location: input.location,
        reviewer: { displayName: input.reviewer ?? 'Client Google', isAnonymous: input.reviewer === undefined },
        rating: input.rating,
        comment: input.comment,
        createTime: at,
        updateTime: at,
      };
      reviews.push(review);
      return review;
    },
  };
}
