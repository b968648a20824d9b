/**
 * Pure translations for TikTok's Content Posting API (platforms.md §7): our request -> the video and photo
 * init bodies, the chunk plan of a file upload, the `{data, error}` envelope -> our results and errors.
 */
import type { PublishRequest, PublishResult, TokenSet } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';

export const tiktokLimits = {
  /** Video caption (`post_info.title`), in UTF-16 code units. */
  maxCaptionLength: 2200,
  maxPhotoTitleLength: 90,
  maxPhotoDescriptionLength: 4000,
  maxPhotos: 35,
  minChunkBytes: 5 * 1024 * 1024,
  maxChunkBytes: 64 * 1024 * 1024,
  /** Our chunk size for files over it: inside TikTok's 5–64 MB window. */
  chunkBytes: 10_000_000,
  /** Init endpoints: 6 calls per minute per user token. */
  initWindowSeconds: 60,
} as const;

export const privacyLevels = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const;

export type TikTokResponse = { status: number; headers: Headers; body: Record<string, unknown> };
export type CallPhase = 'read' | 'create';
export type CreatorInfo = {
  username: string;
  privacyLevelOptions: string[];
  maxVideoPostDurationSec: number;
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
};
export type ChunkPlan = { chunkSize: number; totalChunkCount: number; ranges: { first: number; last: number }[] };

function option(request: PublishRequest, name: string): string | undefined {
  const value = request.options?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function flag(request: PublishRequest, name: string): boolean {
  return request.options?.[name] === true;
}

const isVideo = (request: PublishRequest) => request.format === 'video' || request.format === 'short';

/** TikTok's own rules, each with what to change. */
export function validateTikTokRequest(request: PublishRequest): Rejected[] {
  const problems: Rejected[] = [];
  const photos = request.media.filter((item) => item.mimeType.startsWith('image/'));
  if (isVideo(request)) {
    if (request.media.length !== 1 || !request.media[0]!.mimeType.startsWith('video/'))
      problems.push(new Rejected('A TikTok video post needs exactly one video.', 'media'));
    if (request.text.length > tiktokLimits.maxCaptionLength)
      problems.push(
        new Rejected(
          `The TikTok caption is ${request.text.length} characters (UTF-16); the limit is ${tiktokLimits.maxCaptionLength}. Shorten it.`,
          'caption',
        ),
      );
  } else if (request.format === 'image' || request.format === 'multi_image' || request.format === 'carousel') {
    if (photos.length === 0 || photos.length !== request.media.length || photos.length > tiktokLimits.maxPhotos)
      problems.push(
        new Rejected(`A TikTok photo post needs 1 to ${tiktokLimits.maxPhotos} images and nothing else.`, 'media'),
      );
    for (const photo of photos)
      if (!/^image\/(jpeg|jpg|webp)$/.test(photo.mimeType))
        problems.push(
          new Rejected(`TikTok photo posts take JPEG or WEBP, not ${photo.mimeType}: convert it.`, 'photo_type'),
        );
    const title = option(request, 'title') ?? '';
    if ([...title].length > tiktokLimits.maxPhotoTitleLength)
      problems.push(
        new Rejected(`The TikTok photo title is limited to ${tiktokLimits.maxPhotoTitleLength} characters.`, 'title'),
      );
    if ([...request.text].length > tiktokLimits.maxPhotoDescriptionLength)
      problems.push(
        new Rejected(
          `The TikTok photo description is ${[...request.text].length} characters; the limit is ${tiktokLimits.maxPhotoDescriptionLength}.`,
          'description',
        ),
      );
  } else problems.push(new Rejected(`TikTok publishes videos and photo posts, not "${request.format}".`, 'format'));
  const privacy = option(request, 'privacyLevel');
  if (privacy && !(privacyLevels as readonly string[]).includes(privacy))
    problems.push(
      new Rejected(`The TikTok privacy level must be one of ${privacyLevels.join(', ')}.`, 'privacy_level'),
    );
  return problems;
}

/** The creator_info answer, which a direct post must honour (privacy options, duration cap). */
export function tiktokCreatorInfo(body: Record<string, unknown>): CreatorInfo {
  const data = (body.data ?? {}) as Record<string, unknown>;
  return {
    username: typeof data.creator_username === 'string' ? data.creator_username : '',
    privacyLevelOptions: Array.isArray(data.privacy_level_options) ? data.privacy_level_options.map(String) : [],
    maxVideoPostDurationSec:
      typeof data.max_video_post_duration_sec === 'number' ? data.max_video_post_duration_sec : 600,
    commentDisabled: data.comment_disabled === true,
    duetDisabled: data.duet_disabled === true,
    stitchDisabled: data.stitch_disabled === true,
  };
}

/** The privacy level to post with: the asked one (default public) if the creator allows it, else a refusal naming the choices. */
export function tiktokPrivacyLevel(request: PublishRequest, creator: CreatorInfo): string {
  const wanted = option(request, 'privacyLevel') ?? 'PUBLIC_TO_EVERYONE';
  if (!creator.privacyLevelOptions.includes(wanted))
    throw new Rejected(
      `This TikTok account cannot post as ${wanted}; choose one of ${creator.privacyLevelOptions.join(', ')} (unaudited apps can only post SELF_ONLY).`,
      'privacy_level_option_mismatch',
    );
  return wanted;
}

/** Chunking for FILE_UPLOAD: one chunk under the chunk size, else floor(size / chunk) chunks, the last taking the rest. */
export function tiktokChunkPlan(size: number, chunkBytes: number = tiktokLimits.chunkBytes): ChunkPlan {
  if (size <= chunkBytes) return { chunkSize: size, totalChunkCount: 1, ranges: [{ first: 0, last: size - 1 }] };
  const totalChunkCount = Math.floor(size / chunkBytes);
  const ranges = Array.from({ length: totalChunkCount }, (_, index) => ({
    first: index * chunkBytes,
    last: index === totalChunkCount - 1 ? size - 1 : (index + 1) * chunkBytes - 1,
  }));
  return { chunkSize: chunkBytes, totalChunkCount, ranges };
}

/** `POST /v2/post/publish/video/init/` body (direct post). */
export function tiktokVideoInitBody(
  request: PublishRequest,
  creator: CreatorInfo,
  source: { source: 'FILE_UPLOAD'; plan: ChunkPlan; size: number } | { source: 'PULL_FROM_URL'; url: string },
) {
  const cover = request.options?.videoCoverTimestampMs;
  return {
    post_info: {
      title: request.text,
      privacy_level: tiktokPrivacyLevel(request, creator),
      disable_duet: creator.duetDisabled || flag(request, 'disableDuet'),
      disable_comment: creator.commentDisabled || flag(request, 'disableComment'),
      disable_stitch: creator.stitchDisabled || flag(request, 'disableStitch'),
      ...(typeof cover === 'number' ? { video_cover_timestamp_ms: cover } : {}),
      brand_content_toggle: flag(request, 'brandContent'),
      brand_organic_toggle: flag(request, 'brandOrganic'),
      is_aigc: flag(request, 'isAigc'),
    },
    source_info:
      source.source === 'FILE_UPLOAD'
        ? {
            source: 'FILE_UPLOAD',
            video_size: source.size,
            chunk_size: source.plan.chunkSize,
            total_chunk_count: source.plan.totalChunkCount,
          }
        : { source: 'PULL_FROM_URL', video_url: source.url },
  };
}

/** `POST /v2/post/publish/content/init/` body for a photo post (photos are always pulled from their URLs). */
export function tiktokPhotoInitBody(request: PublishRequest, creator: CreatorInfo) {
  const title = option(request, 'title');
  const coverIndex = request.options?.photoCoverIndex;
  return {
    media_type: 'PHOTO',
    post_mode: 'DIRECT_POST',
    post_info: {
      ...(title ? { title } : {}),
      description: request.text,
      privacy_level: tiktokPrivacyLevel(request, creator),
      disable_comment: creator.commentDisabled || flag(request, 'disableComment'),
      auto_add_music: request.options?.autoAddMusic !== false,
    },
    source_info: {
      source: 'PULL_FROM_URL',
      photo_cover_index: typeof coverIndex === 'number' ? coverIndex : 0,
      photo_images: request.media.map((item) => item.url),
    },
  };
}

function dataOf(body: Record<string, unknown>): Record<string, unknown> {
  return typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : {};
}

/** The `publish_id` of an init answer; without it nothing can be followed. */
export function tiktokPublishId(body: Record<string, unknown>, phase: CallPhase): string {
  const id = dataOf(body).publish_id;
  if (typeof id === 'string' && id) return id;
  if (phase === 'create') throw new OutcomeUnknown('TikTok accepted the post without a publish_id.');
  throw new Transient('TikTok answered the init without a publish_id.');
}

export type TikTokStatus =
  { state: 'pending'; status: string } | { state: 'done'; result: PublishResult } | { state: 'failed'; reason: string };

/** One `status/fetch` answer: still processing, published (with the post id when public), or failed. */
export function tiktokStatus(
  body: Record<string, unknown>,
  publishId: string,
  username: string,
  kind: 'video' | 'photo',
): TikTokStatus {
  const data = dataOf(body);
  const status = typeof data.status === 'string' ? data.status : '';
  if (status === 'FAILED')
    return { state: 'failed', reason: typeof data.fail_reason === 'string' ? data.fail_reason : 'unknown' };
  if (status !== 'PUBLISH_COMPLETE') return { state: 'pending', status };
  // (sic) TikTok's field name; an array of ids, empty while the post is private.
  const ids = Array.isArray(data.publicaly_available_post_id) ? data.publicaly_available_post_id : [];
  const postId = ids.length > 0 ? String(ids[0]) : undefined;
  if (!postId) return { state: 'done', result: { networkPostId: publishId, url: null } };
  const url = username ? `https://www.tiktok.com/@${username}/${kind}/${postId}` : null;
  return { state: 'done', result: { networkPostId: postId, url } };
}

type Video = { id?: unknown; title?: unknown; video_description?: unknown; create_time?: unknown; share_url?: unknown };

/** Our post among `video/list`: same caption or description, created at or after notBefore. */
export function tiktokFindOwnPost(body: Record<string, unknown>, text: string, notBefore: Date): PublishResult | null {
  const videos = Array.isArray(dataOf(body).videos) ? (dataOf(body).videos as Video[]) : [];
  for (const video of videos) {
    const created = typeof video.create_time === 'number' ? video.create_time * 1000 : 0;
    const same = video.title === text || video.video_description === text;
    if (same && typeof video.id === 'string' && created >= Math.floor(notBefore.getTime() / 1000) * 1000)
      return { networkPostId: video.id, url: typeof video.share_url === 'string' ? video.share_url : null };
  }
  return null;
}

function retryAfter(headers: Headers, now: Date, fallbackSeconds: number): Date {
  const header = headers.get('retry-after');
  const seconds = header && /^\d+$/.test(header) ? Number(header) : fallbackSeconds;
  return new Date(now.getTime() + seconds * 1000);
}

/**
 * TikTok's error envelope as our types: `rate_limit_exceeded` waits out the 1-minute init window,
 * `spam_risk_too_many_posts` is the creator's daily cap, `access_token_invalid` is refreshable.
 */
export function tiktokError(response: TikTokResponse, phase: CallPhase, now: Date): Error {
  const error = (response.body.error ?? {}) as { code?: unknown; message?: unknown; log_id?: unknown };
  const code = typeof error.code === 'string' ? error.code : String(response.status);
  const message = `TikTok ${response.status} ${code}: ${typeof error.message === 'string' ? error.message : ''}`.trim();
  if (code === 'rate_limit_exceeded' || response.status === 429)
    return new RateLimited(message, retryAfter(response.headers, now, tiktokLimits.initWindowSeconds), 'account');
  if (code === 'spam_risk_too_many_posts')
    return new RateLimited(
      `${message} (the creator's daily posting cap)`,
      new Date(now.getTime() + 24 * 3600_000),
      'quota',
    );
  if (code === 'access_token_invalid' || (response.status === 401 && code !== 'scope_not_authorized'))
    return new AuthExpired(message, true);
  if (code === 'scope_not_authorized')
    return new AuthExpired(`${message}; reconnect TikTok and grant video.publish.`, false);
  if (response.status >= 500) return phase === 'create' ? new OutcomeUnknown(message) : new Transient(message);
  return new Rejected(message, code);
}

/** A token answer (`/v2/oauth/token/`) -> TokenSet; TikTok rotates refresh tokens, so keep the new one. */
export function tiktokTokenSet(body: Record<string, unknown>, now: Date): TokenSet {
  if (typeof body.access_token !== 'string') {
    const code = typeof body.error === 'string' ? body.error : 'invalid_response';
    const description = typeof body.error_description === 'string' ? body.error_description : '';
    if (code === 'invalid_grant')
      throw new AuthExpired(`TikTok refused the grant: ${description}; reconnect the account.`, false);
    throw new Rejected(`TikTok token endpoint: ${code} ${description}`.trim(), code);
  }
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresAt: typeof body.expires_in === 'number' ? new Date(now.getTime() + body.expires_in * 1000) : undefined,
    scopes: typeof body.scope === 'string' ? body.scope.split(',').filter(Boolean) : undefined,
  };
}
