import { startSimulatorServer, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';
import { createContainers, type Container } from '../meta-graph/containers.ts';
import {
  createMetaTokens,
  createOAuthCodes,
  graphError,
  graphId,
  graphTime,
  isResponse,
  metaErrorStyle,
  paramsOf,
} from '../meta-graph/meta-graph-sim.ts';
import { graphInsightsAnswer } from '../meta-graph/insights.ts';
import { createInstagramInbox } from './instagram-inbox.ts';

/** A post published on the simulated Instagram (feed image, carousel, reel or story). */
export type InstagramPost = {
  id: string;
  accountId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS' | 'STORY';
  caption: string;
  media: { url: string; type: 'IMAGE' | 'VIDEO'; altText?: string }[];
  timestamp: Date;
  permalink: string;
  comments: { id: string; text: string }[];
  /** The lifetime figures `GET /{media-id}/insights` answers (set by `setInsights`; 0 until then). */
  insights?: Partial<Record<InstagramInsight, number>>;
};

/** Media insights of feed posts and reels (platforms.md §3.5). */
export const instagramInsights = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
] as const;
export type InstagramInsight = (typeof instagramInsights)[number];

type Account = { id: string; username: string; publishedAt: Date[] };

const dayMs = 86_400_000;
const shortLivedSeconds = 3600;
const longLivedSeconds = 5_184_000;

/**
 * Starts a loopback Instagram Graph API (Instagram Login flavour, `graph.instagram.com`): containers, status
 * polls, media_publish with the content_publishing_limit quota (25 per rolling 24 h by default), comments,
 * and the Instagram Login token endpoints.
 * @example const sim = await startInstagramSimulator(); const { igUserId, accessToken } = sim.createAccount();
 */
export async function startInstagramSimulator(options: { now?: () => Date; host?: string; quotaTotal?: number } = {}) {
  const now = options.now ?? (() => new Date());
  const quotaTotal = options.quotaTotal ?? 25;
  const accounts = new Map<string, Account>();
  const posts: InstagramPost[] = [];
  const tokens = createMetaTokens(now);
  const codes = createOAuthCodes();
  const containers = createContainers(now);
  const inbox = createInstagramInbox({
    now,
    tokens,
    mediaOwner: (mediaId) => posts.find((post) => post.id === mediaId)?.accountId,
    username: (accountId) => accounts.get(accountId)?.username ?? accountId,
  });

  const quotaUsage = (account: Account): number =>
    account.publishedAt.filter((at) => now().getTime() - at.getTime() < dayMs).length;

  const withAccount = (request: SimRequest, pathId: string): Account | SimResponse => {
    const auth = tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const account = accounts.get(pathId === 'me' ? auth.accountId : pathId);
    if (!account || account.id !== auth.accountId)
      return graphError(400, 100, `Unsupported request: object with ID '${pathId}' does not exist or is not yours`, 33);
    return account;
  };

  const createContainer = (account: Account, params: Record<string, string>): SimResponse => {
    const type = params.media_type;
    const caption = params.caption ?? '';
    if (caption.length > 2200) return graphError(400, 100, 'The caption is longer than 2,200 characters', 2207008);
    if (type === 'CAROUSEL') {
      const children = (params.children ?? '').split(',').filter(Boolean);
      if (children.length < 2 || children.length > 10)
        return graphError(400, 100, 'A carousel takes 2 to 10 children', 2207028);
      for (const childId of children) {
        const child = containers.get(childId);
        if (!child || child.accountId !== account.id || child.params.is_carousel_item !== 'true')
          return graphError(400, 100, `Invalid carousel child ${childId}`, 2207028);
        if (child.status !== 'FINISHED') return graphError(400, 9007, 'Media ID is not available', 2207027);
      }
      return { status: 200, body: { id: containers.create(account.id, params, 0).id } };
    }
    const isVideo = type === 'REELS' || type === 'VIDEO' || (type === 'STORIES' && Boolean(params.video_url));
    const url = isVideo ? params.video_url : params.image_url;
    if (!url || !/^https?:\/\//.test(url))
      return graphError(400, 9004, `Only photo or video can be accepted as media type: missing a public URL`, 2207052);
    if (type && !['REELS', 'VIDEO', 'STORIES'].includes(type))
      return graphError(400, 100, `Invalid media_type ${type}`);
    return { status: 200, body: { id: containers.create(account.id, params, isVideo ? 1 : 0).id } };
  };

  const mediaOf = (container: Container): InstagramPost['media'] => {
    const one = (params: Record<string, string>): InstagramPost['media'][number] =>
      params.video_url
        ? { url: params.video_url, type: 'VIDEO' }
        : { url: params.image_url ?? '', type: 'IMAGE', altText: params.alt_text };
    if (container.params.media_type !== 'CAROUSEL') return [one(container.params)];
    return (container.params.children ?? '')
      .split(',')
      .map((id) => containers.get(id))
      .filter((child): child is Container => Boolean(child))
      .map((child) => one(child.params));
  };

  const publish = (account: Account, params: Record<string, string>): SimResponse => {
    const container = containers.get(params.creation_id ?? '');
    if (!container || container.accountId !== account.id)
      return graphError(400, 100, 'Unsupported post request: creation_id does not exist', 33);
    if (container.status !== 'FINISHED') return graphError(400, 9007, 'Media ID is not available', 2207027);
    if (quotaUsage(account) >= quotaTotal)
      return graphError(400, 9, 'Application request limit reached: content publishing limit', 2207042);
    const type = container.params.media_type;
    const post: InstagramPost = {
      id: graphId(),
      accountId: account.id,
      mediaType: type === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : container.params.video_url ? 'VIDEO' : 'IMAGE',
      productType: type === 'STORIES' ? 'STORY' : type === 'REELS' ? 'REELS' : 'FEED',
      caption: container.params.caption ?? '',
      media: mediaOf(container),
      timestamp: now(),
      permalink: '',
      comments: [],
    };
    post.permalink = `https://www.instagram.com/${type === 'REELS' ? 'reel' : 'p'}/${post.id}/`;
    container.status = 'PUBLISHED';
    account.publishedAt.push(post.timestamp);
    posts.push(post);
    return { status: 200, body: { id: post.id } };
  };

  const present = (post: InstagramPost) => ({
    id: post.id,
    caption: post.caption,
    media_type: post.mediaType,
    media_product_type: post.productType,
    media_url: post.media[0]?.url,
    permalink: post.permalink,
    timestamp: graphTime(post.timestamp),
  });

  const setup = (router: Router): void => {
    router.route('GET', '/oauth/authorize', (request) => codes.authorize(request, accounts.keys().next().value));
    router.route('POST', '/oauth/access_token', (request) => {
      const redeemed = codes.redeem(request.body);
      if (isResponse(redeemed)) return redeemed;
      const token = tokens.issue(redeemed.accountId, shortLivedSeconds);
      const permissions = 'instagram_business_basic,instagram_business_content_publish';
      return { status: 200, body: { data: [{ access_token: token, user_id: redeemed.accountId, permissions }] } };
    });
    router.route('GET', '/access_token', (request) => {
      if (request.query.get('grant_type') !== 'ig_exchange_token' || !request.query.get('client_secret'))
        return graphError(400, 100, 'grant_type=ig_exchange_token and client_secret are required');
      const auth = tokens.check(request.query.get('access_token') ?? undefined);
      if (isResponse(auth)) return auth;
      const token = tokens.issue(auth.accountId, longLivedSeconds);
      return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: longLivedSeconds } };
    });
    router.route('GET', '/refresh_access_token', (request) => {
      if (request.query.get('grant_type') !== 'ig_refresh_token')
        return graphError(400, 100, 'grant_type=ig_refresh_token is required');
      const auth = tokens.check(request.query.get('access_token') ?? undefined);
      if (isResponse(auth)) return auth;
      const token = tokens.issue(auth.accountId, longLivedSeconds);
      return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: longLivedSeconds } };
    });
    router.route('GET', '/:version/me', (request) => {
      const account = withAccount(request, 'me');
      if (isResponse(account)) return account;
      return {
        status: 200,
        body: {
          id: account.id,
          user_id: account.id,
          username: account.username,
          name: account.username,
          profile_picture_url: `https://scontent.cdninstagram.example/${account.id}.jpg`,
        },
      };
    });
    router.route('POST', '/:version/:id/media', (request) => {
      const account = withAccount(request, request.params.id ?? '');
      return isResponse(account) ? account : createContainer(account, paramsOf(request));
    });
    router.route('POST', '/:version/:id/media_publish', (request) => {
      const account = withAccount(request, request.params.id ?? '');
      return isResponse(account) ? account : publish(account, paramsOf(request));
    });
    router.route('GET', '/:version/:id/media', (request) => {
      const account = withAccount(request, request.params.id ?? '');
      if (isResponse(account)) return account;
      const limit = Number(request.query.get('limit') ?? 25);
      const mine = posts.filter((post) => post.accountId === account.id && post.productType !== 'STORY').reverse();
      return { status: 200, body: { data: mine.slice(0, limit).map(present), paging: {} } };
    });
    router.route('GET', '/:version/:id/content_publishing_limit', (request) => {
      const account = withAccount(request, request.params.id ?? '');
      if (isResponse(account)) return account;
      const config = { quota_total: quotaTotal, quota_duration: dayMs / 1000 };
      return { status: 200, body: { data: [{ quota_usage: quotaUsage(account), config }] } };
    });
    router.route('POST', '/:version/:id/comments', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const post = posts.find(
        (candidate) => candidate.id === request.params.id && candidate.accountId === auth.accountId,
      );
      if (!post) return graphError(400, 100, 'Unsupported post request: media not found', 33);
      const comment = { id: graphId(), text: paramsOf(request).message ?? '' };
      post.comments.push(comment);
      return { status: 200, body: { id: comment.id } };
    });
    router.route('GET', '/:version/:id/insights', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const post = posts.find(
        (candidate) => candidate.id === request.params.id && candidate.accountId === auth.accountId,
      );
      if (!post)
        return graphError(
          400,
          100,
          `Unsupported get request. Object with ID '${request.params.id}' does not exist`,
          33,
        );
      const figure = (name: string) =>
        name === 'comments'
          ? (post.insights?.comments ?? post.comments.length)
          : (post.insights?.[name as InstagramInsight] ?? 0);
      return graphInsightsAnswer(post.id, request.query.get('metric'), instagramInsights, figure);
    });
    router.route('GET', '/:version/:id', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const container = containers.poll(request.params.id ?? '');
      if (container && container.accountId === auth.accountId)
        return {
          status: 200,
          body: { id: container.id, status_code: container.status, status: container.errorMessage ?? container.status },
        };
      const post = posts.find(
        (candidate) => candidate.id === request.params.id && candidate.accountId === auth.accountId,
      );
      return post ? { status: 200, body: present(post) } : graphError(400, 100, 'Object does not exist', 33);
    });
    inbox.setup(router);
  };

  const server = await startSimulatorServer({
    network: 'instagram',
    host: options.host,
    now,
    errorStyle: metaErrorStyle({
      rateLimitCode: 80002,
      useCaseType: 'instagram',
      businessId: () => accounts.keys().next().value ?? '0',
    }),
    setup,
  });

  return {
    ...server,
    /** What was published, oldest first. */
    posts: (): readonly InstagramPost[] => posts,
    /** Incoming comments, replies, hiding and webhooks (see instagram-inbox.ts). */
    inbox,
    /** Creates a professional account with a long-lived token. */
    createAccount(input: { username?: string } = {}): { igUserId: string; username: string; accessToken: string } {
      const id = `1784${graphId().slice(4)}`;
      const username = input.username ?? `account_${accounts.size + 1}`;
      accounts.set(id, { id, username, publishedAt: [] });
      return { igUserId: id, username, accessToken: tokens.issue(id, longLivedSeconds) };
    },
    /** The media's lifetime figures as its insights will report them (people saw, liked, saved it...). */
    setInsights(mediaId: string, figures: Partial<Record<InstagramInsight, number>>) {
      const post = posts.find((candidate) => candidate.id === mediaId);
      if (!post) throw new Error(`No media ${mediaId} on the simulator`);
      post.insights = { ...post.insights, ...figures };
    },
    /** Meta has no separate refresh token: revoking the long-lived token is what a user's "remove app" does. */
    revokeRefreshToken: (token: string): void => tokens.revoke(token),
    expireAccessToken: (token: string): void => tokens.expire(token),
  };
}

export type InstagramSimulator = Awaited<ReturnType<typeof startInstagramSimulator>>;
