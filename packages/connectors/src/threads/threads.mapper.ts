import type { Capabilities, MediaItem, PublishRequest, PublishResult } from '../connector.ts';
import { OutcomeUnknown, Rejected } from '../errors.ts';
import { parseGraphTime } from '../meta-graph/graph-request.ts';

/** Threads' publishing limits (platforms.md §4.2), in one place since Meta changes them. */
export const threadsLimits = {
  textLength: 500,
  carouselMin: 2,
  carouselMax: 20,
  links: 5,
  dailyPosts: 250,
  imageBytes: 8 * 1024 * 1024,
  videoSeconds: 300,
} as const;

/**
 * Threads' capabilities. Its count is "one per character, UTF-8 bytes per emoji": the contract's closest
 * counting is `bytes_utf8` (stricter for accented letters); `validate` applies the exact rule.
 */
export const threadsCapabilities: Capabilities = {
  formats: ['text', 'image', 'video', 'carousel', 'thread'],
  maxTextLength: threadsLimits.textLength,
  textCounting: 'bytes_utf8',
  maxMediaPerPost: threadsLimits.carouselMax,
  threads: true,
  firstComment: true,
  analytics: true,
  inbox: { comments: true, mentions: true, directMessages: false, reviews: false },
  auth: 'oauth2',
  dailyPostQuota: threadsLimits.dailyPosts,
};

const emojiPart = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f/u;
const encoder = new TextEncoder();

/**
 * A text's length the Threads way: emoji count as their UTF-8 byte length, any other character as one.
 * @example threadsTextLength('Hi 👋') // 3 + 4 = 7
 */
export function threadsTextLength(text: string): number {
  let length = 0;
  for (const char of text) length += emojiPart.test(char) ? encoder.encode(char).length : 1;
  return length;
}

type Part = { text: string; media: readonly MediaItem[] };

const isVideo = (item: MediaItem): boolean => item.mimeType.startsWith('video/');

function partsOf(request: PublishRequest): Part[] {
  return [
    { text: request.text, media: request.media },
    ...(request.threadParts ?? []).map((part) => ({ text: part.text, media: part.media ?? [] })),
  ];
}

function checkPart(part: Part, label: string, problems: Rejected[]): void {
  const length = threadsTextLength(part.text);
  if (length > threadsLimits.textLength)
    problems.push(
      new Rejected(
        `${label}: Threads posts are limited to ${threadsLimits.textLength} characters (emoji count as their UTF-8 bytes); shorten it by ${length - threadsLimits.textLength}`,
      ),
    );
  if (!part.text && part.media.length === 0) problems.push(new Rejected(`${label}: add text or media`));
  if (part.media.length > threadsLimits.carouselMax)
    problems.push(new Rejected(`${label}: a Threads carousel takes at most 20 items; it has ${part.media.length}`));
  const links = part.text.match(/https?:\/\/\S+/g)?.length ?? 0;
  if (links > threadsLimits.links)
    problems.push(new Rejected(`${label}: Threads allows ${threadsLimits.links} links per post`));
  for (const item of part.media) {
    if (!/^https?:\/\//.test(item.url))
      problems.push(new Rejected(`${label}: Threads fetches media from a public http(s) URL; ${item.url} is not one`));
    if (!isVideo(item) && !['image/jpeg', 'image/png'].includes(item.mimeType))
      problems.push(new Rejected(`${label}: Threads takes JPEG or PNG images; convert ${item.mimeType}`));
    if (!isVideo(item) && (item.byteLength ?? 0) > threadsLimits.imageBytes)
      problems.push(new Rejected(`${label}: images are limited to 8 MB; compress it`));
    if (isVideo(item) && (item.durationSeconds ?? 0) > threadsLimits.videoSeconds)
      problems.push(new Rejected(`${label}: Threads videos last at most 5 minutes; trim it`));
  }
}

/**
 * Threads' own rules for a request (every part of a thread), each with what to change; empty when publishable.
 * @example validateThreads({ format: 'text', text: 'x'.repeat(501), media: [], idempotencyKey: 'p' })[0]?.reason // '... limited to 500 characters ...'
 */
export function validateThreads(request: PublishRequest): Rejected[] {
  if (!threadsCapabilities.formats.includes(request.format))
    return [new Rejected(`Threads publishes text, image, video, carousel or thread, not ${request.format}`)];
  const problems: Rejected[] = [];
  partsOf(request).forEach((part, index) =>
    checkPart(part, index === 0 ? 'Post' : `Thread part ${index + 1}`, problems),
  );
  const { format, media } = request;
  if (format === 'text' && media.length > 0)
    problems.push(new Rejected('A text post takes no media: choose image or carousel'));
  if ((format === 'image' || format === 'video') && media.length !== 1)
    problems.push(new Rejected(`A Threads ${format} post takes exactly one media item; it has ${media.length}`));
  if (format === 'carousel' && media.length < threadsLimits.carouselMin)
    problems.push(new Rejected(`A Threads carousel takes 2 to 20 items; it has ${media.length}`));
  if (format === 'thread' && !request.threadParts?.length)
    problems.push(new Rejected('A thread needs at least one follow-up part'));
  return problems;
}

export type ContainerParams = Record<string, string>;

function single(item: MediaItem): ContainerParams {
  return isVideo(item) ? { media_type: 'VIDEO', video_url: item.url } : { media_type: 'IMAGE', image_url: item.url };
}

/**
 * The containers of one post: carousel items first (the parent lists their ids in `children`), else one.
 * `replyToId` makes it a reply (the next part of a thread, or a first comment).
 * @example threadsContainers({ text: 'Hi', media: [] }) // { children: [], parent: { media_type: 'TEXT', text: 'Hi' } }
 */
export function threadsContainers(
  part: Part,
  replyToId?: string,
): { children: ContainerParams[]; parent: ContainerParams } {
  const common: ContainerParams = {
    ...(part.text ? { text: part.text } : {}),
    ...(replyToId ? { reply_to_id: replyToId } : {}),
  };
  const [first] = part.media;
  if (part.media.length >= 2) {
    const children = part.media.map((item) => ({ ...single(item), is_carousel_item: 'true' }));
    return { children, parent: { media_type: 'CAROUSEL', ...common } };
  }
  if (first) {
    const alt: ContainerParams = !isVideo(first) && first.altText ? { alt_text: first.altText } : {};
    return { children: [], parent: { ...single(first), ...alt, ...common } };
  }
  return { children: [], parent: { media_type: 'TEXT', ...common } };
}

/** The parts of a request in publishing order: the post, then each follow-up as a reply to the one before. */
export function threadsParts(request: PublishRequest): Part[] {
  return partsOf(request);
}

/**
 * The id in a threads_publish answer; without one we cannot know what happened.
 * @example threadsPublishedId({ id: '18050206876707110' }) // '18050206876707110'
 */
export function threadsPublishedId(body: Record<string, unknown>): string {
  const id = body.id;
  if (typeof id !== 'string' || !id) throw new OutcomeUnknown('threads_publish answered without a media id');
  return id;
}

export type ThreadsRow = { id?: string; text?: string; timestamp?: string; permalink?: string };

/**
 * Our post among the profile's threads: the same text, published at or after `notBefore`.
 * @example findOwnThread(rows, 'Hello', new Date('2026-01-01T00:00:00Z'))
 */
export function findOwnThread(rows: readonly ThreadsRow[], text: string, notBefore: Date): PublishResult | null {
  for (const row of rows) {
    const at = parseGraphTime(row.timestamp);
    if (row.id && (row.text ?? '') === text && at && at.getTime() >= notBefore.getTime() - 1000)
      return { networkPostId: row.id, url: row.permalink ?? null };
  }
  return null;
}
