import type { Capabilities, MediaItem, PublishRequest, PublishResult } from '../connector.ts';
import { OutcomeUnknown, Rejected } from '../errors.ts';
import { parseGraphTime } from '../meta-graph/graph-request.ts';

/** What Instagram allows through its API (platforms.md §3; Meta changes these, so they live in one place). */
export const instagramLimits = {
  captionLength: 2200,
  hashtags: 30,
  mentions: 20,
  carouselMin: 2,
  carouselMax: 10,
  imageBytes: 8 * 1024 * 1024,
  reelSeconds: { min: 3, max: 900 },
  reelBytes: 300 * 1024 * 1024,
  storyVideoSeconds: 60,
  /** The figure; the connector reads the live `quota_total` from content_publishing_limit. */
  dailyPosts: 25,
} as const;

/** Instagram's capabilities: feed image, carousel, reel and story, with a first comment. */
export const instagramCapabilities: Capabilities = {
  formats: ['image', 'carousel', 'reel', 'story'],
  maxTextLength: instagramLimits.captionLength,
  textCounting: 'utf16',
  maxMediaPerPost: instagramLimits.carouselMax,
  threads: false,
  firstComment: true,
  analytics: true,
  inbox: { comments: true, mentions: true, directMessages: true, reviews: false },
  auth: 'oauth2',
  dailyPostQuota: instagramLimits.dailyPosts,
};

export type ContainerParams = Record<string, string>;

const isVideo = (item: MediaItem): boolean => item.mimeType.startsWith('video/');
const isJpeg = (item: MediaItem): boolean => item.mimeType === 'image/jpeg' || item.mimeType === 'image/jpg';

function checkMedia(item: MediaItem, where: string, problems: Rejected[]): void {
  if (!/^https?:\/\//.test(item.url))
    problems.push(new Rejected(`${where}: Instagram fetches media from a public http(s) URL; ${item.url} is not one`));
  if (!isVideo(item) && !isJpeg(item))
    problems.push(new Rejected(`${where}: Instagram's API takes JPEG images only; convert ${item.mimeType} to JPEG`));
  if (!isVideo(item) && item.byteLength !== undefined && item.byteLength > instagramLimits.imageBytes)
    problems.push(new Rejected(`${where}: images are limited to 8 MB; compress it below 8 MB`));
}

/**
 * Instagram's own rules for a request, each with what to change; empty when publishable.
 * @example validateInstagram({ format: 'image', text: 'Hi', media: [jpeg], idempotencyKey: 'p1' }) // []
 */
export function validateInstagram(request: PublishRequest): Rejected[] {
  const problems: Rejected[] = [];
  const { format, media, text } = request;
  if (!instagramCapabilities.formats.includes(format))
    return [new Rejected(`Instagram publishes image, carousel, reel or story, not ${format}`)];
  if (text.length > instagramLimits.captionLength)
    problems.push(
      new Rejected(
        `Instagram captions are limited to ${instagramLimits.captionLength} characters; shorten it by ${text.length - instagramLimits.captionLength}`,
      ),
    );
  const hashtags = text.match(/(^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (hashtags > instagramLimits.hashtags)
    problems.push(new Rejected(`Instagram allows ${instagramLimits.hashtags} hashtags; remove ${hashtags - 30}`));
  const mentions = text.match(/(^|\s)@[\w.]+/g)?.length ?? 0;
  if (mentions > instagramLimits.mentions)
    problems.push(new Rejected(`Instagram allows ${instagramLimits.mentions} @mentions; remove ${mentions - 20}`));
  if (request.threadParts?.length) problems.push(new Rejected('Instagram has no threads; publish one post'));
  if (format === 'carousel') {
    if (media.length < instagramLimits.carouselMin || media.length > instagramLimits.carouselMax)
      problems.push(new Rejected(`An Instagram carousel takes 2 to 10 images or videos; it has ${media.length}`));
  } else if (media.length !== 1) {
    problems.push(new Rejected(`An Instagram ${format} takes exactly one media item; it has ${media.length}`));
  }
  media.forEach((item, index) => checkMedia(item, `Media ${index + 1}`, problems));
  const first = media[0];
  if (format === 'image' && first && isVideo(first))
    problems.push(new Rejected('Instagram publishes single videos as reels: choose the reel format'));
  if (format === 'reel' && first) {
    if (!isVideo(first)) problems.push(new Rejected('A reel needs a video (MP4 or MOV)'));
    const seconds = first.durationSeconds;
    if (
      seconds !== undefined &&
      (seconds < instagramLimits.reelSeconds.min || seconds > instagramLimits.reelSeconds.max)
    )
      problems.push(new Rejected('Reels last 3 seconds to 15 minutes; trim the video'));
    if (first.byteLength !== undefined && first.byteLength > instagramLimits.reelBytes)
      problems.push(new Rejected('Reels are limited to 300 MB; compress the video'));
  }
  if (format === 'story' && first && isVideo(first) && (first.durationSeconds ?? 0) > instagramLimits.storyVideoSeconds)
    problems.push(new Rejected('Story videos last at most 60 seconds; trim the video'));
  return problems;
}

function mediaParams(item: MediaItem): ContainerParams {
  if (isVideo(item)) return { video_url: item.url };
  return item.altText ? { image_url: item.url, alt_text: item.altText } : { image_url: item.url };
}

/**
 * The containers to create: carousel children first (the parent then lists their ids in `children`), else
 * one container. Caption goes on the parent; stories take none.
 * @example instagramContainers({ format: 'reel', text: 'Hi', media: [mp4], idempotencyKey: 'p' }).parent // { media_type: 'REELS', video_url, caption: 'Hi', share_to_feed: 'true' }
 */
export function instagramContainers(request: PublishRequest): { children: ContainerParams[]; parent: ContainerParams } {
  const caption: ContainerParams = request.text ? { caption: request.text } : {};
  const first = request.media[0];
  if (request.format === 'carousel') {
    const children = request.media.map((item) => ({
      is_carousel_item: 'true',
      ...(isVideo(item) ? { media_type: 'VIDEO' } : {}),
      ...mediaParams(item),
    }));
    return { children, parent: { media_type: 'CAROUSEL', ...caption } };
  }
  if (!first) throw new Rejected(`An Instagram ${request.format} needs a media item`);
  if (request.format === 'reel') {
    const cover = request.options?.coverUrl;
    return {
      children: [],
      parent: {
        media_type: 'REELS',
        ...mediaParams(first),
        ...caption,
        share_to_feed: String(request.options?.shareToFeed ?? true),
        ...(typeof cover === 'string' ? { cover_url: cover } : {}),
      },
    };
  }
  if (request.format === 'story') return { children: [], parent: { media_type: 'STORIES', ...mediaParams(first) } };
  return { children: [], parent: { ...mediaParams(first), ...caption } };
}

/**
 * The answer of media_publish as our result: no id means we cannot know what happened.
 * @example instagramPublishResult({ id: '17920238422030506' }, 'https://www.instagram.com/p/abc/') // { networkPostId: '17920238422030506', url }
 */
export function instagramPublishResult(body: Record<string, unknown>, permalink: string | null): PublishResult {
  const id = body.id;
  if (typeof id !== 'string' || !id) throw new OutcomeUnknown('media_publish answered without a media id');
  return { networkPostId: id, url: permalink };
}

export type InstagramMediaRow = { id?: string; caption?: string; timestamp?: string; permalink?: string };

/**
 * Our post among the account's media: the same caption, published at or after `notBefore`.
 * @example findOwnMedia(rows, 'Hello', new Date('2026-01-01T00:00:00Z'))
 */
export function findOwnMedia(rows: readonly InstagramMediaRow[], text: string, notBefore: Date): PublishResult | null {
  for (const row of rows) {
    const at = parseGraphTime(row.timestamp);
    if (row.id && (row.caption ?? '') === text && at && at.getTime() >= notBefore.getTime() - 1000)
      return { networkPostId: row.id, url: row.permalink ?? null };
  }
  return null;
}

/**
 * When the publishing quota frees a place: the `quotaTotal`-th newest post of the window leaves it
 * `durationSeconds` after it was published. Counting every recent post (also those made in the app) can only
 * make this later than the truth, never earlier.
 * @example quotaRetryAt(timestamps, 25, 86400, now) // oldest of the last 25 + 24 h
 */
export function quotaRetryAt(
  timestamps: readonly Date[],
  quotaTotal: number,
  durationSeconds: number,
  now: Date,
): Date {
  const windowStart = now.getTime() - durationSeconds * 1000;
  const recent = timestamps
    .map((at) => at.getTime())
    .filter((at) => at > windowStart)
    .sort((a, b) => b - a);
  const oldestCounted = recent[Math.min(quotaTotal, recent.length) - 1];
  return new Date((oldestCounted ?? now.getTime()) + durationSeconds * 1000);
}
