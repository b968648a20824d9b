/**
 * A loopback TikTok Content Posting API: creator info, video init (FILE_UPLOAD with sequential chunk PUTs, or
 * PULL_FROM_URL), photo init, status fetch, the video list, Login Kit OAuth with rotating refresh tokens, the
 * 6-per-minute init limit and a per-creator daily posting cap.
 */
import { randomBytes } from 'node:crypto';
import { numericId, startSimulatorServer, type SimRequest, type SimResponse } from '../kit/index.ts';
import { createOAuthStore, stringField } from '../youtube/oauth-store.ts';
import { envelope, fail, tiktokErrorStyle, tiktokOAuthRoutes } from './tiktok-wire.ts';

export type TikTokSimPost = {
  id: string;
  publishId: string;
  openId: string;
  kind: 'video' | 'photo';
  title: string;
  description: string;
  privacyLevel: string;
  source: string;
  byteLength?: number;
  imageUrls?: string[];
  createTime: number;
};

/** A post's public counters, as the Display API's video objects carry them. */
export type TikTokSimCounters = { views: number; likes: number; comments: number; shares: number };

/** The video object fields the Display API knows (an unknown field is refused). */
const videoFields = new Set([
  'id',
  'create_time',
  'cover_image_url',
  'share_url',
  'video_description',
  'duration',
  'height',
  'width',
  'title',
  'embed_html',
  'embed_link',
  'like_count',
  'comment_count',
  'share_count',
  'view_count',
]);

type Creator = { openId: string; username: string; privacyLevelOptions: string[]; maxVideoPostDurationSec: number };
type Publish = {
  id: string;
  openId: string;
  kind: 'video' | 'photo';
  postInfo: Record<string, unknown>;
  source: string;
  total: number;
  received: number;
  fetches: number;
  post?: TikTokSimPost;
  imageUrls?: string[];
};

/**
 * Starts the TikTok simulator on loopback.
 * @example const tiktok = await startTikTokSimulator(); const { accessToken } = tiktok.createAccount();
 */
export async function startTikTokSimulator(options: { now?: () => Date; host?: string; dailyPostCap?: number } = {}) {
  const now = options.now ?? (() => new Date());
  const dailyPostCap = options.dailyPostCap ?? 15;
  const oauth = createOAuthStore({
    now,
    accessPrefix: 'act.',
    refreshPrefix: 'rft.',
    accessTtlSeconds: 7200,
    rotateRefreshTokens: true,
  });
  const creators = new Map<string, Creator>();
  const publishes = new Map<string, Publish>();
  const posts: TikTokSimPost[] = [];
  const initCalls = new Map<string, number[]>();
  const counters = new Map<string, TikTokSimCounters>();
  let baseUrl = '';

  function createAccount(input: Partial<Omit<Creator, 'openId'>> = {}) {
    const openId = `-000${randomBytes(16).toString('hex')}`;
    creators.set(openId, {
      openId,
      username: input.username ?? `creator_${numericId(6)}`,
      privacyLevelOptions: input.privacyLevelOptions ?? [
        'PUBLIC_TO_EVERYONE',
        'MUTUAL_FOLLOW_FRIENDS',
        'FOLLOWER_OF_CREATOR',
        'SELF_ONLY',
      ],
      maxVideoPostDurationSec: input.maxVideoPostDurationSec ?? 600,
    });
    return { ...oauth.issue(openId), accountId: openId };
  }

  function creatorOf(request: SimRequest): Creator | SimResponse {
    const check = oauth.check(request.headers.authorization);
    if (!check.ok) return fail(401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
    return creators.get(check.accountId) ?? fail(401, 'access_token_invalid', 'Unknown user.');
  }

  /** The init endpoints' 6 calls per minute per token, and the creator's daily cap. */
  function initAllowed(request: SimRequest, creator: Creator): SimResponse | undefined {
    const token = String(request.headers.authorization);
    const recent = (initCalls.get(token) ?? []).filter((at) => at > now().getTime() - 60_000);
    if (recent.length >= 6) return fail(429, 'rate_limit_exceeded', 'API rate limit exceeded.');
    initCalls.set(token, [...recent, now().getTime()]);
    const today = posts.filter(
      (post) => post.openId === creator.openId && post.createTime * 1000 > now().getTime() - 86_400_000,
    );
    if (today.length >= dailyPostCap)
      return fail(400, 'spam_risk_too_many_posts', 'The daily post cap has been reached.');
    return undefined;
  }

  function checkPostInfo(
    postInfo: Record<string, unknown>,
    creator: Creator,
    kind: 'video' | 'photo',
  ): SimResponse | undefined {
    if (!creator.privacyLevelOptions.includes(String(postInfo.privacy_level)))
      return fail(400, 'privacy_level_option_mismatch', "privacy_level is not among the creator's options.");
    if (kind === 'video' && stringField(postInfo.title).length > 2200)
      return fail(400, 'invalid_params', 'title is too long.');
    if (kind === 'photo' && [...stringField(postInfo.title)].length > 90)
      return fail(400, 'invalid_params', 'title is too long.');
    if (kind === 'photo' && [...stringField(postInfo.description)].length > 4000)
      return fail(400, 'invalid_params', 'description is too long.');
    return undefined;
  }

  function publish(entry: Publish): void {
    const isVideo = entry.kind === 'video';
    entry.post = {
      id: numericId(19),
      publishId: entry.id,
      openId: entry.openId,
      kind: entry.kind,
      title: stringField(entry.postInfo.title),
      description: stringField(isVideo ? entry.postInfo.title : entry.postInfo.description),
      privacyLevel: String(entry.postInfo.privacy_level),
      source: entry.source,
      ...(isVideo ? { byteLength: entry.total } : { imageUrls: entry.imageUrls }),
      createTime: Math.floor(now().getTime() / 1000),
    };
    posts.push(entry.post);
  }

  function newPublish(
    openId: string,
    kind: 'video' | 'photo',
    postInfo: Record<string, unknown>,
    source: string,
  ): Publish {
    const entry: Publish = {
      id: `${kind === 'video' ? 'v' : 'p'}_pub_${source === 'FILE_UPLOAD' ? 'file' : 'url'}~v2-1.${numericId(19)}`,
      openId,
      kind,
      postInfo,
      source,
      total: 0,
      received: 0,
      fetches: 0,
    };
    publishes.set(entry.id, entry);
    return entry;
  }

  const server = await startSimulatorServer({
    network: 'tiktok',
    host: options.host,
    now,
    errorStyle: tiktokErrorStyle,
    setup(router) {
      tiktokOAuthRoutes(router, oauth, () => [...creators.keys()][0] ?? createAccount().accountId);

      // Display API: only the fields asked for, as TikTok does (`username` needs user.info.profile).
      router.route('GET', '/v2/user/info/', (request) => {
        const creator = creatorOf(request);
        if ('status' in creator) return creator;
        const all: Record<string, string> = {
          open_id: creator.openId,
          union_id: `union-${creator.openId.slice(4, 20)}`,
          avatar_url: `https://p16.tiktokcdn.test/${creator.openId}.jpeg`,
          display_name: creator.username,
          username: creator.username,
        };
        const asked = (request.query.get('fields') ?? '').split(',').filter((field) => field in all);
        if (asked.length === 0)
          return {
            status: 400,
            body: { data: {}, error: { code: 'invalid_params', message: 'fields is required', log_id: 'sim' } },
          };
        return { status: 200, body: envelope({ user: Object.fromEntries(asked.map((field) => [field, all[field]])) }) };
      });

      router.route('POST', '/v2/post/publish/creator_info/query/', (request) => {
        const creator = creatorOf(request);
        if ('status' in creator) return creator;
        return {
          status: 200,
          body: envelope({
            creator_avatar_url: `https://p16.tiktokcdn.test/${creator.openId}.jpeg`,
            creator_username: creator.username,
            creator_nickname: creator.username,
            privacy_level_options: creator.privacyLevelOptions,
            comment_disabled: false,
            duet_disabled: false,
            stitch_disabled: false,
            max_video_post_duration_sec: creator.maxVideoPostDurationSec,
          }),
        };
      });

      router.route('POST', '/v2/post/publish/video/init/', (request) => {
        const creator = creatorOf(request);
        if ('status' in creator) return creator;
        const limited = initAllowed(request, creator);
        if (limited) return limited;
        const postInfo = (request.body.post_info ?? {}) as Record<string, unknown>;
        const sourceInfo = (request.body.source_info ?? {}) as Record<string, unknown>;
        const invalid = checkPostInfo(postInfo, creator, 'video');
        if (invalid) return invalid;
        if (sourceInfo.source === 'PULL_FROM_URL') {
          if (!/^https?:\/\//.test(stringField(sourceInfo.video_url)))
            return fail(400, 'url_ownership_unverified', 'video_url is not on a verified domain.');
          const entry = newPublish(creator.openId, 'video', postInfo, 'PULL_FROM_URL');
          publish(entry);
          return { status: 200, body: envelope({ publish_id: entry.id }) };
        }
        if (sourceInfo.source !== 'FILE_UPLOAD') return fail(400, 'invalid_params', 'source_info.source is invalid.');
        const size = Number(sourceInfo.video_size);
        const chunk = Number(sourceInfo.chunk_size);
        const count = Number(sourceInfo.total_chunk_count);
        const expected = size <= chunk ? 1 : Math.floor(size / chunk);
        if (!(size > 0) || !(chunk > 0) || count !== expected || count > 1000)
          return fail(400, 'invalid_params', 'video_size, chunk_size and total_chunk_count do not agree.');
        const entry = newPublish(creator.openId, 'video', postInfo, 'FILE_UPLOAD');
        entry.total = size;
        const uploadUrl = `${baseUrl}/video/?upload_id=${numericId(19)}&upload_token=${encodeURIComponent(entry.id)}`;
        return { status: 200, body: envelope({ publish_id: entry.id, upload_url: uploadUrl }) };
      });

      router.route('PUT', '/video/', (request) => {
        const entry = publishes.get(request.query.get('upload_token') ?? '');
        if (!entry) return fail(404, 'invalid_file_upload', 'Unknown upload.');
        const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(stringField(request.headers['content-range']));
        if (!match || Number(match[3]) !== entry.total || Number(match[1]) !== entry.received)
          return fail(400, 'invalid_file_upload', 'Content-Range is not the next chunk.');
        if (Number(match[2]) - Number(match[1]) + 1 !== request.raw.length)
          return fail(400, 'invalid_file_upload', 'Content-Range does not match the body.');
        entry.received += request.raw.length;
        if (entry.received < entry.total) return { status: 206 };
        publish(entry);
        return { status: 201 };
      });

      router.route('POST', '/v2/post/publish/content/init/', (request) => {
        const creator = creatorOf(request);
        if ('status' in creator) return creator;
        const limited = initAllowed(request, creator);
        if (limited) return limited;
        const postInfo = (request.body.post_info ?? {}) as Record<string, unknown>;
        const sourceInfo = (request.body.source_info ?? {}) as Record<string, unknown>;
        if (request.body.media_type !== 'PHOTO' || request.body.post_mode !== 'DIRECT_POST')
          return fail(400, 'invalid_params', 'Only PHOTO with DIRECT_POST is simulated.');
        const invalid = checkPostInfo(postInfo, creator, 'photo');
        if (invalid) return invalid;
        const images = Array.isArray(sourceInfo.photo_images) ? sourceInfo.photo_images.map(String) : [];
        if (images.length < 1 || images.length > 35 || images.some((url) => /\.png($|\?)/i.test(url)))
          return fail(400, 'invalid_params', 'photo_images must hold 1 to 35 JPEG or WEBP URLs.');
        const entry = newPublish(creator.openId, 'photo', postInfo, 'PULL_FROM_URL');
        entry.imageUrls = images;
        publish(entry);
        return { status: 200, body: envelope({ publish_id: entry.id }) };
      });

      router.route('POST', '/v2/post/publish/status/fetch/', (request) => {
        const creator = creatorOf(request);
        if ('status' in creator) return creator;
        const entry = publishes.get(stringField(request.body.publish_id));
        if (!entry || entry.openId !== creator.openId) return fail(400, 'invalid_params', 'Unknown publish_id.');
        entry.fetches += 1;
        // The first fetch sees the upload or download still processing, as TikTok's usually do.
        if (!entry.post || entry.fetches === 1)
          return {
            status: 200,
            body: envelope({
              status: entry.source === 'FILE_UPLOAD' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD',
              uploaded_bytes: entry.received,
            }),
          };
        const isPublic = entry.post.privacyLevel !== 'SELF_ONLY';
        return {
          status: 200,
          body: envelope({ status: 'PUBLISH_COMPLETE', publicaly_available_post_id: isPublic ? [entry.post.id] : [] }),
        };
      });

      router.route('POST', '/v2/video/list/', (request) => {
        const creator = creatorOf(request);
        if ('status' in creator) return creator;
        const max = Math.min(Number(request.body.max_count ?? 10), 20);
        const videos = posts
          .filter((post) => post.openId === creator.openId)
          .reverse()
          .slice(0, max)
          .map((post) => ({
            id: post.id,
            title: post.title,
            video_description: post.description,
            create_time: post.createTime,
            share_url: `https://www.tiktok.com/@${creator.username}/${post.kind}/${post.id}`,
          }));
        return { status: 200, body: envelope({ videos, cursor: 0, has_more: false }) };
      });

      router.route('POST', '/v2/video/query/', (request) => {
        const creator = creatorOf(request);
        if ('status' in creator) return creator;
        const fields = (request.query.get('fields') ?? '').split(',').filter(Boolean);
        if (fields.length === 0 || fields.some((field) => !videoFields.has(field)))
          return fail(400, 'invalid_params', `Invalid fields: ${request.query.get('fields') ?? ''}`);
        const ids = (request.body.filters as { video_ids?: unknown } | undefined)?.video_ids;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20)
          return fail(400, 'invalid_params', 'filters.video_ids must hold 1 to 20 video ids.');
        // Only the creator's own public posts are found; an unknown or removed id is simply absent.
        const videos = ids
          .map((id) => posts.find((post) => post.id === String(id) && post.openId === creator.openId))
          .filter((post): post is TikTokSimPost => post !== undefined)
          .map((post) => {
            const count = counters.get(post.id) ?? { views: 0, likes: 0, comments: 0, shares: 0 };
            const all: Record<string, unknown> = {
              id: post.id,
              create_time: post.createTime,
              title: post.title,
              video_description: post.description,
              share_url: `https://www.tiktok.com/@${creator.username}/${post.kind}/${post.id}`,
              like_count: count.likes,
              comment_count: count.comments,
              share_count: count.shares,
              view_count: count.views,
            };
            return Object.fromEntries(fields.filter((field) => field in all).map((field) => [field, all[field]]));
          });
        return { status: 200, body: envelope({ videos, cursor: 0, has_more: false }) };
      });
    },
  });
  baseUrl = server.baseUrl;

  return {
    ...server,
    createAccount,
    /** Every post published, oldest first. */
    posts: (): readonly TikTokSimPost[] => posts.slice(),
    /** Test hook: a post's view, like, comment and share counts. */
    setCounters: (postId: string, figures: TikTokSimCounters) => {
      counters.set(postId, { ...figures });
    },
    /** Test hook: the creator deletes a post in the app (the API has no delete). */
    removePost: (postId: string) => {
      const index = posts.findIndex((post) => post.id === postId);
      if (index >= 0) posts.splice(index, 1);
    },
    revokeRefreshToken: oauth.revokeRefreshToken,
    expireAccessToken: oauth.expireAccessToken,
  };
}

export type TikTokSimulator = Awaited<ReturnType<typeof startTikTokSimulator>>;
