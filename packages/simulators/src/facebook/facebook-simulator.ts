import { startSimulatorServer, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';
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
import { createFacebookInbox } from './facebook-inbox.ts';

/** A post on a simulated Facebook Page (text, link, photo, multi-photo or video). */
export type FacebookPost = {
  id: string;
  pageId: string;
  kind: 'status' | 'link' | 'photo' | 'multi_photo' | 'video';
  message: string;
  link?: string;
  media: { id: string; url: string; type: 'photo' | 'video' }[];
  createdAt: Date;
  permalink: string;
  comments: { id: string; message: string }[];
  deleted: boolean;
  /** What people did with the post (`setEngagement`): its insights, share count and comment count. */
  engagement?: FacebookEngagement;
};

/** A post's lifetime figures as the Graph API reports them (platforms.md §2.4). */
export type FacebookEngagement = {
  views?: number;
  uniqueViews?: number;
  reactions?: Partial<Record<'like' | 'love' | 'wow' | 'haha' | 'sorry' | 'anger', number>>;
  linkClicks?: number;
  otherClicks?: number;
  videoViews?: number;
  shares?: number;
  comments?: number;
};

/** Post insights metrics the simulator knows (deprecated impressions metrics answer error 100 as on Graph). */
const postInsights = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_reactions_by_type_total',
  'post_clicks_by_type',
  'post_video_views',
] as const;

type Page = { id: string; name: string; userId: string; token: string; tasks: string[] };
type Photo = { id: string; pageId: string; url: string; postId?: string };
type Video = { id: string; pageId: string; url: string; postId: string };

const shortLivedSeconds = 3600;
const longLivedSeconds = 5_184_000;

/**
 * Starts a loopback Graph API for Facebook Pages (`graph.facebook.com/v26.0`): feed, photos (published or
 * not, for multi-photo posts), videos, comments, deletes, Facebook Login (dialog, code exchange,
 * fb_exchange_token) and `/me/accounts` for Page tokens.
 * @example const sim = await startFacebookSimulator(); const { pageId, pageAccessToken } = sim.createAccount();
 */
export async function startFacebookSimulator(options: { now?: () => Date; host?: string } = {}) {
  const now = options.now ?? (() => new Date());
  const pages = new Map<string, Page>();
  const users = new Set<string>();
  const posts: FacebookPost[] = [];
  const photos = new Map<string, Photo>();
  const videos = new Map<string, Video>();
  const tokens = createMetaTokens(now);
  const codes = createOAuthCodes();
  const inbox = createFacebookInbox({
    now,
    tokens,
    postOwner: (postId) => posts.find((post) => post.id === postId && !post.deleted)?.pageId,
  });

  const withPage = (request: SimRequest): Page | SimResponse => {
    const auth = tokens.authenticate(request);
    if (isResponse(auth)) return auth;
    const page = pages.get(request.params.id ?? '');
    if (!page) return graphError(400, 100, `Object with ID '${request.params.id}' does not exist`, 33);
    if (auth.accountId !== page.id)
      return graphError(
        403,
        200,
        '(#200) The permission(s) pages_manage_posts are not available: use a Page access token',
      );
    return page;
  };

  const addPost = (
    page: Page,
    fields: Omit<FacebookPost, 'id' | 'pageId' | 'createdAt' | 'permalink' | 'comments' | 'deleted'>,
  ) => {
    const postId = graphId();
    const post: FacebookPost = {
      ...fields,
      id: `${page.id}_${postId}`,
      pageId: page.id,
      createdAt: now(),
      permalink: `https://www.facebook.com/${page.id}/posts/${postId}`,
      comments: [],
      deleted: false,
    };
    posts.push(post);
    return post;
  };

  const feed = (page: Page, params: Record<string, string>): SimResponse => {
    const attached = Object.keys(params)
      .filter((key) => /^attached_media\[\d+\]$/.test(key))
      .map((key) => {
        const value = JSON.parse(params[key] ?? '{}') as { media_fbid?: string };
        return photos.get(value.media_fbid ?? '');
      });
    if (attached.some((photo) => !photo || photo.pageId !== page.id || photo.postId))
      return graphError(400, 100, '(#100) attached_media: invalid or already used media_fbid');
    const message = params.message ?? '';
    if (!message && !params.link && attached.length === 0)
      return graphError(400, 100, '(#100) Missing message or attachment');
    if (message.length > 63206) return graphError(400, 100, '(#100) The message is too long');
    const kind = attached.length ? 'multi_photo' : params.link ? 'link' : 'status';
    const media = attached.map((photo) => ({ id: photo!.id, url: photo!.url, type: 'photo' as const }));
    const post = addPost(page, { kind, message, link: params.link, media });
    for (const photo of attached) photo!.postId = post.id;
    return { status: 200, body: { id: post.id } };
  };

  const photo = (page: Page, params: Record<string, string>): SimResponse => {
    if (!/^https?:\/\//.test(params.url ?? '')) return graphError(400, 324, '(#324) Requires upload file');
    const record: Photo = { id: graphId(), pageId: page.id, url: params.url ?? '' };
    photos.set(record.id, record);
    if (params.published === 'false') return { status: 200, body: { id: record.id } };
    const post = addPost(page, {
      kind: 'photo',
      message: params.caption ?? params.message ?? '',
      media: [{ id: record.id, url: record.url, type: 'photo' }],
    });
    record.postId = post.id;
    return { status: 200, body: { id: record.id, post_id: post.id } };
  };

  const video = (page: Page, params: Record<string, string>): SimResponse => {
    if (!/^https?:\/\//.test(params.file_url ?? ''))
      return graphError(400, 390, '(#390) There was a problem uploading your video file');
    const id = graphId();
    const post = addPost(page, {
      kind: 'video',
      message: params.description ?? '',
      media: [{ id, url: params.file_url ?? '', type: 'video' }],
    });
    videos.set(id, { id, pageId: page.id, url: params.file_url ?? '', postId: post.id });
    return { status: 200, body: { id } };
  };

  const present = (post: FacebookPost, fields: readonly string[] = []) => ({
    id: post.id,
    message: post.message,
    created_time: graphTime(post.createdAt),
    permalink_url: post.permalink,
    // `fields=shares,comments.summary(true).limit(0)`: Graph leaves `shares` out when nobody shared.
    ...(fields.includes('shares') && post.engagement?.shares ? { shares: { count: post.engagement.shares } } : {}),
    ...(fields.some((field) => field.startsWith('comments'))
      ? {
          comments: {
            data: [],
            summary: { order: 'ranked', total_count: post.engagement?.comments ?? post.comments.length },
          },
        }
      : {}),
  });

  const insightValue = (post: FacebookPost, name: (typeof postInsights)[number]): unknown => {
    const engagement = post.engagement ?? {};
    if (name === 'post_media_view') return engagement.views ?? 0;
    if (name === 'post_total_media_view_unique') return engagement.uniqueViews ?? 0;
    if (name === 'post_reactions_by_type_total') return { ...engagement.reactions };
    if (name === 'post_clicks_by_type')
      return { 'link clicks': engagement.linkClicks ?? 0, 'other clicks': engagement.otherClicks ?? 0 };
    return post.kind === 'video' ? (engagement.videoViews ?? 0) : 0;
  };

  const setup = (router: Router): void => {
    inbox.setup(router);
    router.route('GET', '/:version/dialog/oauth', (request) => codes.authorize(request, users.values().next().value));
    router.route('GET', '/:version/oauth/access_token', (request) => {
      const params = paramsOf(request);
      if (params.grant_type === 'fb_exchange_token') {
        if (!params.client_id || !params.client_secret)
          return graphError(400, 101, 'Missing client_id or client_secret');
        const auth = tokens.check(params.fb_exchange_token);
        if (isResponse(auth)) return auth;
        const token = tokens.issue(auth.accountId, longLivedSeconds);
        return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: longLivedSeconds } };
      }
      const redeemed = codes.redeem(params);
      if (isResponse(redeemed)) return redeemed;
      const token = tokens.issue(redeemed.accountId, shortLivedSeconds);
      return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: shortLivedSeconds } };
    });
    router.route('GET', '/:version/me/accounts', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const mine = [...pages.values()].filter((page) => page.userId === auth.accountId);
      const data = mine.map((page) => ({
        id: page.id,
        name: page.name,
        access_token: page.token,
        category: 'Brand',
        tasks: page.tasks,
        picture: {
          data: { height: 50, is_silhouette: false, url: `https://scontent.example/${page.id}.jpg`, width: 50 },
        },
      }));
      return { status: 200, body: { data, paging: { cursors: { before: 'QVFIUm', after: 'QVFIUn' } } } };
    });
    router.route('POST', '/:version/:id/feed', (request) => {
      const page = withPage(request);
      return isResponse(page) ? page : feed(page, paramsOf(request));
    });
    router.route('GET', '/:version/:id/feed', (request) => {
      const page = withPage(request);
      if (isResponse(page)) return page;
      const since = Number(request.query.get('since') ?? 0) * 1000;
      const mine = posts
        .filter((post) => post.pageId === page.id && !post.deleted && post.createdAt.getTime() >= since)
        .reverse();
      return {
        status: 200,
        body: {
          data: mine.slice(0, Number(request.query.get('limit') ?? 25)).map((post) => present(post)),
          paging: {},
        },
      };
    });
    router.route('POST', '/:version/:id/photos', (request) => {
      const page = withPage(request);
      return isResponse(page) ? page : photo(page, paramsOf(request));
    });
    router.route('POST', '/:version/:id/videos', (request) => {
      const page = withPage(request);
      return isResponse(page) ? page : video(page, paramsOf(request));
    });
    router.route('POST', '/:version/:id/comments', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      if (inbox.isComment(request.params.id)) return inbox.replyToComment(request);
      const post = posts.find((one) => one.id === request.params.id && one.pageId === auth.accountId && !one.deleted);
      if (!post) return graphError(400, 100, 'Object does not exist', 33);
      const comment = { id: `${post.id.split('_')[1]}_${graphId()}`, message: paramsOf(request).message ?? '' };
      post.comments.push(comment);
      return { status: 200, body: { id: comment.id } };
    });
    router.route('GET', '/:version/:id/insights', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const post = posts.find((one) => one.id === request.params.id && one.pageId === auth.accountId && !one.deleted);
      if (!post) return graphError(400, 100, `Object with ID '${request.params.id}' does not exist`, 33);
      return graphInsightsAnswer(post.id, request.query.get('metric'), postInsights, (name) =>
        insightValue(post, name as (typeof postInsights)[number]),
      );
    });
    router.route('GET', '/:version/:id', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const id = request.params.id ?? '';
      const videoRecord = videos.get(id);
      if (videoRecord && videoRecord.pageId === auth.accountId) {
        const post = posts.find((one) => one.id === videoRecord.postId);
        return { status: 200, body: { id, post_id: videoRecord.postId, permalink_url: post?.permalink } };
      }
      const post = posts.find((one) => one.id === id && one.pageId === auth.accountId && !one.deleted);
      const fields = (request.query.get('fields') ?? '').split(',');
      return post ? { status: 200, body: present(post, fields) } : graphError(400, 100, 'Object does not exist', 33);
    });
    router.route('DELETE', '/:version/:id', (request) => {
      const auth = tokens.authenticate(request);
      if (isResponse(auth)) return auth;
      const post = posts.find((one) => one.id === request.params.id && one.pageId === auth.accountId && !one.deleted);
      if (!post) return graphError(400, 100, 'Object does not exist', 33);
      post.deleted = true;
      return { status: 200, body: { success: true } };
    });
  };

  function addPage(
    userId: string,
    name?: string,
    tasks = ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'],
  ) {
    const pageId = graphId().slice(0, 15);
    const pageAccessToken = tokens.issue(pageId);
    pages.set(pageId, { id: pageId, name: name ?? `Page ${pages.size + 1}`, userId, token: pageAccessToken, tasks });
    return { pageId, pageAccessToken };
  }

  const server = await startSimulatorServer({
    network: 'facebook',
    host: options.host,
    now,
    errorStyle: metaErrorStyle({
      rateLimitCode: 32,
      useCaseType: 'pages',
      businessId: () => pages.keys().next().value ?? '0',
    }),
    setup,
  });

  return {
    ...server,
    /** Page posts, oldest first (deleted ones flagged). */
    posts: (): readonly FacebookPost[] => posts,
    /** Incoming comments and messages, replies, hiding and webhooks (see facebook-inbox.ts). */
    inbox,
    /**
     * A user who manages one Page: the user's long-lived token (what refreshes) and the Page token (what
     * publishes; Page tokens from a long-lived user token do not expire).
     */
    createAccount(input: { pageName?: string } = {}) {
      const userId = graphId();
      users.add(userId);
      const { pageId, pageAccessToken } = addPage(userId, input.pageName);
      return { userId, userAccessToken: tokens.issue(userId, longLivedSeconds), pageId, pageAccessToken };
    },
    /** One more Page for an existing user; `tasks` without CREATE_CONTENT is a Page the user may not post to. */
    addPage: (userId: string, input: { pageName?: string; tasks?: string[] } = {}) =>
      addPage(userId, input.pageName, input.tasks),
    revokeRefreshToken: (token: string): void => tokens.revoke(token),
    /** People saw, reacted to, clicked, shared or commented the post: its insights report it from now on. */
    setEngagement(postId: string, engagement: FacebookEngagement) {
      const post = posts.find((one) => one.id === postId);
      if (!post) throw new Error(`No post ${postId} on the simulator`);
      post.engagement = { ...post.engagement, ...engagement };
    },
    expireAccessToken: (token: string): void => tokens.expire(token),
  };
}

export type FacebookSimulator = Awaited<ReturnType<typeof startFacebookSimulator>>;
