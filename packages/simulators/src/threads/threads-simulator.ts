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

/** A post (or reply) published on the simulated Threads. */
export type ThreadsPost = {
  id: string;
  accountId: string;
  mediaType: 'TEXT_POST' | 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  text: string;
  media: { url: string; type: 'IMAGE' | 'VIDEO' }[];
  replyToId?: string;
  timestamp: Date;
  permalink: string;
  deleted: boolean;
  /** Lifetime figures `GET /{media-id}/insights` answers (set by `setInsights`; 0 until then). */
  insights?: Partial<Record<ThreadsInsight, number>>;
};

/** Post insights of Threads (platforms.md §4.4). */
export const threadsInsights = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;
export type ThreadsInsight = (typeof threadsInsights)[number];

type Account = { id: string; username: string; posts: Date[]; replies: Date[] };

const dayMs = 86_400_000;
const longLivedSeconds = 5_184_000;
const limits = { text: 500, posts: 250, replies: 1000, carouselMin: 2, carouselMax: 20 };

// Threads counts an emoji as its UTF-8 byte length and any other character as one.
function threadsLength(text: string): number {
  let length = 0;
  for (const char of text)
    length += /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f/u.test(char)
      ? Buffer.byteLength(char)
      : 1;
  return length;
}

/**
 * Starts a loopback Threads API (`graph.threads.net/v1.0`): containers, status polls, threads_publish with
 * replies (`reply_to_id`), the 250 posts / 1,000 replies per 24 h quotas, and the Threads token endpoints.
 * @example const sim = await startThreadsSimulator(); const { userId, accessToken } = sim.createAccount();
 */
export async function startThreadsSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const accounts = new Map<string, Account>();
  const posts: ThreadsPost[] = [];
  const tokens = createMetaTokens(now);
  const codes = createOAuthCodes();
  const containers = createContainers(now);
  const inWindow = (times: Date[]): number => times.filter((at) => now().getTime() - at.getTime() < dayMs).length;

  const withAccount = (request: SimRequest): Account | SimResponse => {
    const auth = tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const pathId = request.params.id ?? 'me';
    const account = accounts.get(pathId === 'me' ? auth.accountId : pathId);
    if (!account || account.id !== auth.accountId)
      return graphError(400, 100, `Object with ID '${pathId}' does not exist or is not yours`, 33);
    return account;
  };

  const createContainer = (account: Account, params: Record<string, string>): SimResponse => {
    const type = params.media_type ?? 'TEXT';
    if (threadsLength(params.text ?? '') > limits.text)
      return graphError(400, 100, `The text is longer than ${limits.text} characters`, 4279009);
    if (params.reply_to_id && !posts.some((post) => post.id === params.reply_to_id && !post.deleted))
      return graphError(400, 100, `reply_to_id ${params.reply_to_id} does not exist`, 4279012);
    if (type === 'CAROUSEL') {
      const children = (params.children ?? '').split(',').filter(Boolean);
      if (children.length < limits.carouselMin || children.length > limits.carouselMax)
        return graphError(400, 100, 'A carousel takes 2 to 20 items', 4279013);
      for (const childId of children) {
        const child = containers.get(childId);
        if (!child || child.accountId !== account.id || child.params.is_carousel_item !== 'true')
          return graphError(400, 100, `Invalid carousel item ${childId}`, 4279013);
      }
      return { status: 200, body: { id: containers.create(account.id, params, 0).id } };
    }
    if (type === 'IMAGE' && !/^https?:\/\//.test(params.image_url ?? ''))
      return graphError(400, 100, 'image_url must be a public URL', 4279014);
    if (type === 'VIDEO' && !/^https?:\/\//.test(params.video_url ?? ''))
      return graphError(400, 100, 'video_url must be a public URL', 4279014);
    if (!['TEXT', 'IMAGE', 'VIDEO'].includes(type)) return graphError(400, 100, `Invalid media_type ${type}`);
    if (type === 'TEXT' && !params.text) return graphError(400, 100, 'A text post needs text');
    return { status: 200, body: { id: containers.create(account.id, params, type === 'VIDEO' ? 1 : 0).id } };
  };

  const mediaOf = (container: Container): ThreadsPost['media'] => {
    const one = (params: Record<string, string>): ThreadsPost['media'] =>
      params.video_url
        ? [{ url: params.video_url, type: 'VIDEO' }]
        : params.image_url
          ? [{ url: params.image_url, type: 'IMAGE' }]
          : [];
    if (container.params.media_type !== 'CAROUSEL') return one(container.params);
    return (container.params.children ?? '').split(',').flatMap((id) => {
      const child = containers.get(id);
      return child ? one(child.params) : [];
    });
  };

  const publish = (account: Account, params: Record<string, string>): SimResponse => {
    const container = containers.get(params.creation_id ?? '');
    if (!container || container.accountId !== account.id) return graphError(400, 100, 'creation_id does not exist', 33);
    if (container.status !== 'FINISHED') return graphError(400, 24, 'The media is not ready to be published', 4279001);
    const isReply = Boolean(container.params.reply_to_id);
    if (isReply ? inWindow(account.replies) >= limits.replies : inWindow(account.posts) >= limits.posts)
      return graphError(400, 4, 'Application request limit reached: publishing limit', 2207042);
    const type = container.params.media_type ?? 'TEXT';
    const post: ThreadsPost = {
      id: graphId(),
      accountId: account.id,
      mediaType: type === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : type === 'TEXT' ? 'TEXT_POST' : (type as 'IMAGE' | 'VIDEO'),
      text: container.params.text ?? '',
      media: mediaOf(container),
      replyToId: container.params.reply_to_id,
      timestamp: now(),
      permalink: '',
      deleted: false,
    };
    post.permalink = `https://www.threads.net/@${account.username}/post/${post.id}`;
    container.status = 'PUBLISHED';
    (isReply ? account.replies : account.posts).push(post.timestamp);
    posts.push(post);
    return { status: 200, body: { id: post.id } };
  };

  const present = (post: ThreadsPost) => ({
    id: post.id,
    media_type: post.mediaType,
    text: post.text,
    permalink: post.permalink,
    timestamp: graphTime(post.timestamp),
    is_reply: Boolean(post.replyToId),
  });

  const longLived = (accountId: string): SimResponse => ({
    status: 200,
    body: {
      access_token: tokens.issue(accountId, longLivedSeconds),
      token_type: 'bearer',
      expires_in: longLivedSeconds,
    },
  });

  const setup = (router: Router): void => {
    router.route('GET', '/oauth/authorize', (request) => codes.authorize(request, accounts.keys().next().value));
    router.route('POST', '/oauth/access_token', (request) => {
      const redeemed = codes.redeem(request.body);
      if (isResponse(redeemed)) return redeemed;
      return {
        status: 200,
        body: { access_token: tokens.issue(redeemed.accountId, 3600), user_id: redeemed.accountId },
      };
    });
    router.route('GET', '/access_token', (request) => {
      if (request.query.get('grant_type') !== 'th_exchange_token' || !request.query.get('client_secret'))
        return graphError(400, 100, 'grant_type=th_exchange_token and client_secret are required');
      const auth = tokens.check(request.query.get('access_token') ?? undefined);
      return isResponse(auth) ? auth : longLived(auth.accountId);
    });
    router.route('GET', '/refresh_access_token', (request) => {
      if (request.query.get('grant_type') !== 'th_refresh_token')
        return graphError(400, 100, 'grant_type=th_refresh_token is required');
      const auth = tokens.check(request.query.get('access_token') ?? undefined);
      return isResponse(auth) ? auth : longLived(auth.accountId);
    });
    router.route('GET', '/:version/me', (request) => {
      const account = withAccount(request);
      if (isResponse(account)) return account;
      const body = {
        id: account.id,
        username: account.username,
        name: account.username,
        threads_profile_picture_url: `https://scontent.cdninstagram.example/threads/${account.id}.jpg`,
      };
      return { status: 200, body };
    });
    router.route('POST', '/:version/:id/threads', (request) => {
      const account = withAccount(request);
      return isResponse(account) ? account : createContainer(account, paramsOf(request));
    });
    router.route('POST', '/:version/:id/threads_publish', (request) => {
      const account = withAccount(request);
      return isResponse(account) ? account : publish(account, paramsOf(request));
    });
    router.route('GET', '/:version/:id/threads', (request) => {
      const account = withAccount(request);
      if (isResponse(account)) return account;
      const since = Number(request.query.get('since') ?? 0) * 1000;
      const limit = Number(request.query.get('limit') ?? 25);
      const mine = posts
        .filter((post) => post.accountId === account.id && !post.deleted && !post.replyToId)
        .filter((post) => post.timestamp.getTime() >= since)
        .reverse();
      return { status: 200, body: { data: mine.slice(0, limit).map(present), paging: {} } };
    });
    router.route('GET', '/:version/:id/threads_publishing_limit', (request) => {
      const account = withAccount(request);
      if (isResponse(account)) return account;
      const config = { quota_total: limits.posts, quota_duration: dayMs / 1000 };
      const replyConfig = { quota_total: limits.replies, quota_duration: dayMs / 1000 };
      const row = {
        quota_usage: inWindow(account.posts),
        config,
        reply_quota_usage: inWindow(account.replies),
        reply_config: replyConfig,
      };
      return { status: 200, body: { data: [row] } };
    });
    router.route('GET', '/:version/:id/insights', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const post = posts.find(
        (one) => one.id === request.params.id && one.accountId === auth.accountId && !one.deleted,
      );
      if (!post) return graphError(400, 100, `Object with ID '${request.params.id}' does not exist`, 33);
      return graphInsightsAnswer(
        post.id,
        request.query.get('metric'),
        threadsInsights,
        (name) => post.insights?.[name as ThreadsInsight] ?? 0,
      );
    });
    router.route('GET', '/:version/:id', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const container = containers.poll(request.params.id ?? '');
      if (container && container.accountId === auth.accountId)
        return {
          status: 200,
          body: { id: container.id, status: container.status, error_message: container.errorMessage },
        };
      const post = posts.find(
        (one) => one.id === request.params.id && one.accountId === auth.accountId && !one.deleted,
      );
      return post ? { status: 200, body: present(post) } : graphError(400, 100, 'Object does not exist', 33);
    });
    router.route('DELETE', '/:version/:id', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const post = posts.find(
        (one) => one.id === request.params.id && one.accountId === auth.accountId && !one.deleted,
      );
      if (!post) return graphError(400, 100, 'Object does not exist', 33);
      post.deleted = true;
      return { status: 200, body: { success: true, deleted_id: post.id } };
    });
  };

  const server = await startSimulatorServer({
    network: 'threads',
    host: options.host,
    now,
    errorStyle: metaErrorStyle({
      rateLimitCode: 17,
      useCaseType: 'threads',
      businessId: () => accounts.keys().next().value ?? '0',
    }),
    setup,
  });

  return {
    ...server,
    /** What was published (posts and replies), oldest first; deleted ones are flagged. */
    posts: (): readonly ThreadsPost[] => posts,
    /** Creates a Threads profile with a long-lived token. */
    createAccount(input: { username?: string } = {}): { userId: string; username: string; accessToken: string } {
      const id = graphId();
      const username = input.username ?? `threads_user_${accounts.size + 1}`;
      accounts.set(id, { id, username, posts: [], replies: [] });
      return { userId: id, username, accessToken: tokens.issue(id, longLivedSeconds) };
    },
    /** Threads has no separate refresh token: revoking the long-lived token is what removing the app does. */
    revokeRefreshToken: (token: string): void => tokens.revoke(token),
    /** The post's lifetime figures as its insights will report them. */
    setInsights(mediaId: string, figures: Partial<Record<ThreadsInsight, number>>) {
      const post = posts.find((one) => one.id === mediaId);
      if (!post) throw new Error(`No post ${mediaId} on the simulator`);
      post.insights = { ...post.insights, ...figures };
    },
    expireAccessToken: (token: string): void => tokens.expire(token),
  };
}

export type ThreadsSimulator = Awaited<ReturnType<typeof startThreadsSimulator>>;
