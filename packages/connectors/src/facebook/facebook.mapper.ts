import type { Capabilities, MediaItem, PublishRequest, PublishResult } from '../connector.ts';
import { OutcomeUnknown, Rejected } from '../errors.ts';
import { parseGraphTime } from '../meta-graph/graph-request.ts';

/** Facebook Page publishing limits (platforms.md §0.2, §2.2; partly background knowledge, so kept together). */
export const facebookLimits = {
  textLength: 63_206,
  // Meta documents no cap for attached_media; 10 keeps posts within what the Page composer shows.
  multiPhotoMax: 10,
  imageBytes: 10 * 1024 * 1024,
} as const;

/** Facebook Pages' capabilities: text, link, photo, multi-photo and video posts on a Page. */
export const facebookCapabilities: Capabilities = {
  formats: ['text', 'link', 'image', 'multi_image', 'video'],
  maxTextLength: facebookLimits.textLength,
  textCounting: 'utf16',
  maxMediaPerPost: facebookLimits.multiPhotoMax,
  threads: false,
  firstComment: true,
  analytics: true,
  inbox: { comments: true, mentions: true, directMessages: true, reviews: false },
  auth: 'oauth2',
};

const isVideo = (item: MediaItem): boolean => item.mimeType.startsWith('video/');

/**
 * Facebook's own rules for a request, each with what to change; empty when publishable.
 * @example validateFacebook({ format: 'link', text: 'Read', media: [], idempotencyKey: 'p' })[0]?.reason // 'A link post needs a link URL'
 */
export function validateFacebook(request: PublishRequest): Rejected[] {
  const { format, media, text } = request;
  if (!facebookCapabilities.formats.includes(format))
    return [new Rejected(`Facebook Pages publish text, link, image, multi_image or video posts, not ${format}`)];
  const problems: Rejected[] = [];
  if (text.length > facebookLimits.textLength)
    problems.push(
      new Rejected(
        `Facebook posts are limited to ${facebookLimits.textLength} characters; shorten it by ${text.length - facebookLimits.textLength}`,
      ),
    );
  if (request.threadParts?.length) problems.push(new Rejected('Facebook has no threads; publish one post'));
  if ((format === 'text' || format === 'link') && media.length > 0)
    problems.push(new Rejected(`A ${format} post takes no media: choose image, multi_image or video`));
  if (format === 'text' && !text.trim()) problems.push(new Rejected('A text post needs text'));
  if (format === 'link' && !request.link?.url) problems.push(new Rejected('A link post needs a link URL'));
  if (format === 'image' && (media.length !== 1 || isVideo(media[0]!)))
    problems.push(new Rejected('A Facebook photo post takes exactly one image'));
  if (format === 'multi_image' && (media.length < 2 || media.length > facebookLimits.multiPhotoMax))
    problems.push(
      new Rejected(`A multi-photo post takes 2 to ${facebookLimits.multiPhotoMax} images; it has ${media.length}`),
    );
  if (format === 'multi_image' && media.some(isVideo))
    problems.push(new Rejected('A multi-photo post takes images only; publish the video separately'));
  if (format === 'video' && (media.length !== 1 || !isVideo(media[0]!)))
    problems.push(new Rejected('A Facebook video post takes exactly one video'));
  for (const item of media) {
    if (!/^https?:\/\//.test(item.url))
      problems.push(new Rejected(`Facebook fetches media from a public http(s) URL; ${item.url} is not one`));
    if (!isVideo(item) && (item.byteLength ?? 0) > facebookLimits.imageBytes)
      problems.push(new Rejected('Facebook photos are limited to 10 MB; compress it'));
  }
  return problems;
}

/**
 * `POST /{page-id}/feed` parameters: message, link, and the unpublished photos of a multi-photo post.
 * @example feedParams({ text: 'Hi', link: { url: 'https://example.com' } }, []) // { message: 'Hi', link: 'https://example.com' }
 */
export function feedParams(
  request: Pick<PublishRequest, 'text' | 'link'>,
  photoIds: readonly string[],
): Record<string, string> {
  const params: Record<string, string> = {};
  if (request.text) params.message = request.text;
  if (request.link?.url) params.link = request.link.url;
  photoIds.forEach((id, index) => {
    params[`attached_media[${index}]`] = JSON.stringify({ media_fbid: id });
  });
  return params;
}

/** `POST /{page-id}/photos` parameters; `published=false` uploads a photo for a multi-photo post. */
export function photoParams(item: MediaItem, caption: string | undefined, published: boolean): Record<string, string> {
  return {
    url: item.url,
    ...(caption ? { caption } : {}),
    ...(item.altText ? { alt_text_custom: item.altText } : {}),
    ...(published ? {} : { published: 'false' }),
  };
}

/** `POST /{page-id}/videos` parameters (pull upload from a public URL). */
export function videoParams(request: PublishRequest, item: MediaItem): Record<string, string> {
  const title = request.options?.title;
  return {
    file_url: item.url,
    ...(request.text ? { description: request.text } : {}),
    ...(typeof title === 'string' ? { title } : {}),
  };
}

/** Facebook shows a Page post at /{page-id}/posts/{post-id}. */
export function facebookPostUrl(postId: string): string {
  const [pageId, localId] = postId.split('_');
  return localId ? `https://www.facebook.com/${pageId}/posts/${localId}` : `https://www.facebook.com/${postId}`;
}

/**
 * The post id in a create answer (`id` for the feed, `post_id` for a photo); none means we cannot know.
 * @example facebookPostId({ id: '123', post_id: '99_123' }, 'post_id') // '99_123'
 */
export function facebookPostId(body: Record<string, unknown>, field: 'id' | 'post_id'): string {
  const value = body[field] ?? body.id;
  if (typeof value !== 'string' || !value) throw new OutcomeUnknown(`Facebook answered without a ${field}`);
  return value;
}

export type FacebookFeedRow = { id?: string; message?: string; created_time?: string; permalink_url?: string };

/**
 * Our post in the Page's feed: the same message, created at or after `notBefore`.
 * @example findOwnFeedPost(rows, 'Launch day!', new Date('2026-01-01T00:00:00Z'))
 */
export function findOwnFeedPost(rows: readonly FacebookFeedRow[], text: string, notBefore: Date): PublishResult | null {
  for (const row of rows) {
    const at = parseGraphTime(row.created_time);
    if (row.id && (row.message ?? '') === text && at && at.getTime() >= notBefore.getTime() - 1000)
      return { networkPostId: row.id, url: row.permalink_url ?? facebookPostUrl(row.id) };
  }
  return null;
}
