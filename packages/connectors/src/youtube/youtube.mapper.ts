/**
 * Pure translations for YouTube Data API v3 (platforms.md §8): our request -> the `videos.insert` metadata,
 * the uploaded video -> PublishResult, the uploads playlist -> the video we made.
 */
import type { ConnectableAccount, PublishRequest, PublishResult } from '../connector.ts';
import { OutcomeUnknown, Rejected } from '../errors.ts';

export const youtubeLimits = {
  maxTitleLength: 100,
  maxDescriptionBytes: 5000,
  maxTagsLength: 500,
  /** Shorts: vertical or square, at most 3 minutes (since October 2024). */
  maxShortSeconds: 180,
  /** Quota units per project per day, and what one `videos.insert` costs (older, still widely applied rule). */
  dailyQuotaUnits: 10_000,
  insertCostUnits: 1600,
  /** Resumable chunks must be multiples of 256 KiB; 8 MiB keeps memory small and retries cheap. */
  chunkBytes: 32 * 256 * 1024,
} as const;

const shortsTag = '#Shorts';

export type YouTubeVideoMetadata = {
  snippet: { title: string; description: string; tags?: string[]; categoryId: string; defaultLanguage?: string };
  status: { privacyStatus: 'public' | 'unlisted' | 'private'; selfDeclaredMadeForKids: boolean; publishAt?: string };
};

function option(request: PublishRequest, name: string): string | undefined {
  const value = request.options?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The title: `options.title`, else the first line of the text (YouTube requires a title). */
export function youtubeTitle(request: Pick<PublishRequest, 'text' | 'options'>): string {
  const explicit = request.options?.title;
  if (typeof explicit === 'string' && explicit.trim()) return explicit.trim();
  return request.text.split('\n')[0]!.trim();
}

/** The description: the text, with `#Shorts` added for a Short unless the title or text already has it. */
export function youtubeDescription(request: Pick<PublishRequest, 'text' | 'format' | 'options'>): string {
  if (request.format !== 'short') return request.text;
  const hasTag = (value: string) => /#shorts\b/i.test(value);
  if (hasTag(request.text) || hasTag(youtubeTitle(request))) return request.text;
  return request.text ? `${request.text}\n\n${shortsTag}` : shortsTag;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** YouTube's own rules, each with what to change. */
export function validateYouTubeRequest(request: PublishRequest): Rejected[] {
  const problems: Rejected[] = [];
  if (request.format !== 'video' && request.format !== 'short')
    problems.push(new Rejected(`YouTube publishes videos and Shorts, not "${request.format}".`, 'format'));
  const videos = request.media.filter((item) => item.mimeType.startsWith('video/'));
  if (videos.length !== 1 || request.media.length !== 1)
    problems.push(new Rejected('A YouTube upload needs exactly one video file and nothing else.', 'media'));
  const title = youtubeTitle(request);
  if (!title) problems.push(new Rejected('YouTube needs a title: set one or start the text with it.', 'title'));
  if ([...title].length > youtubeLimits.maxTitleLength)
    problems.push(
      new Rejected(
        `The YouTube title is ${[...title].length} characters; the limit is ${youtubeLimits.maxTitleLength}. Shorten the first line or set a title.`,
        'title',
      ),
    );
  const description = youtubeDescription(request);
  if (utf8Bytes(description) > youtubeLimits.maxDescriptionBytes)
    problems.push(
      new Rejected(
        `The YouTube description is ${utf8Bytes(description)} bytes; the limit is ${youtubeLimits.maxDescriptionBytes} bytes (UTF-8). Shorten the text.`,
        'description',
      ),
    );
  if (/[<>]/.test(title) || /[<>]/.test(description))
    problems.push(new Rejected('YouTube refuses "<" and ">" in titles and descriptions; remove them.', 'angle'));
  const tags = tagsOf(request);
  const tagsLength = tags.reduce((sum, tag) => sum + tag.length + (tag.includes(' ') ? 2 : 0), 0) + tags.length - 1;
  if (tags.length > 0 && tagsLength > youtubeLimits.maxTagsLength)
    problems.push(new Rejected(`YouTube tags total ${tagsLength} characters; the limit is 500.`, 'tags'));
  const video = videos[0];
  if (request.format === 'short' && video) {
    if (video.durationSeconds !== undefined && video.durationSeconds > youtubeLimits.maxShortSeconds)
      problems.push(
        new Rejected(
          `A Short lasts at most ${youtubeLimits.maxShortSeconds} s; this video lasts ${video.durationSeconds} s. Trim it or publish it as a video.`,
          'short_duration',
        ),
      );
    if (video.width !== undefined && video.height !== undefined && video.width > video.height)
      problems.push(new Rejected('A Short must be vertical or square; this video is landscape.', 'short_aspect'));
  }
  return problems;
}

function tagsOf(request: PublishRequest): string[] {
  return (option(request, 'tags') ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** The `videos.insert` resource (snippet + status) of a request; `publishAt` only with private videos, as YouTube requires. */
export function youtubeVideoMetadata(request: PublishRequest): YouTubeVideoMetadata {
  const privacy = option(request, 'privacyStatus');
  const publishAt = option(request, 'publishAt');
  const tags = tagsOf(request);
  return {
    snippet: {
      title: youtubeTitle(request),
      description: youtubeDescription(request),
      ...(tags.length ? { tags } : {}),
      categoryId: option(request, 'categoryId') ?? '22',
      ...(option(request, 'language') ? { defaultLanguage: option(request, 'language') } : {}),
    },
    status: {
      privacyStatus: publishAt ? 'private' : privacy === 'private' || privacy === 'unlisted' ? privacy : 'public',
      selfDeclaredMadeForKids: request.options?.madeForKids === true,
      ...(publishAt ? { publishAt } : {}),
    },
  };
}

export function youtubeVideoUrl(id: string, format?: string): string {
  return format === 'short' ? `https://www.youtube.com/shorts/${id}` : `https://www.youtube.com/watch?v=${id}`;
}

/** The video resource of a finished upload -> PublishResult; no id means we cannot know what happened. */
export function youtubeUploadResult(body: Record<string, unknown>, format?: string): PublishResult {
  const id = body.id;
  if (typeof id !== 'string' || !id)
    throw new OutcomeUnknown('YouTube finished the upload but answered without a video id.');
  return { networkPostId: id, url: youtubeVideoUrl(id, format) };
}

/** Parses the `Range: bytes=0-N` header of a 308: the next byte to send. */
export function youtubeNextOffset(range: string | null): number {
  const match = /bytes=0-(\d+)/.exec(range ?? '');
  return match ? Number(match[1]) + 1 : 0;
}

type PlaylistItem = {
  snippet?: { title?: string; description?: string; publishedAt?: string; resourceId?: { videoId?: string } };
  contentDetails?: { videoId?: string; videoPublishedAt?: string };
};

/** Our video among the uploads playlist: same description (ours, possibly with the #Shorts we added), at or after notBefore. */
export function youtubeFindOwnVideo(body: Record<string, unknown>, text: string, notBefore: Date): string | null {
  const items = Array.isArray(body.items) ? (body.items as PlaylistItem[]) : [];
  const wanted = new Set([text, text ? `${text}\n\n${shortsTag}` : shortsTag]);
  for (const item of items) {
    const description = item.snippet?.description ?? '';
    const published = new Date(item.snippet?.publishedAt ?? item.contentDetails?.videoPublishedAt ?? 0);
    const id = item.contentDetails?.videoId ?? item.snippet?.resourceId?.videoId;
    if (id && wanted.has(description) && published.getTime() >= notBefore.getTime() - 1000) return id;
  }
  return null;
}

/**
 * The channels of a `channels.list` answer as accounts to connect (the channel id publishes).
 * @example youtubeChannelAccounts({ items: [{ id: 'UC1', snippet: { title: 'Acme' } }] }) // [{ accountId: 'UC1', ... }]
 */
export function youtubeChannelAccounts(body: Record<string, unknown>): ConnectableAccount[] {
  const items = (Array.isArray(body.items) ? body.items : []) as {
    id?: unknown;
    snippet?: { title?: unknown; customUrl?: unknown; thumbnails?: { default?: { url?: unknown } } };
  }[];
  return items.flatMap((item) => {
    if (typeof item.id !== 'string' || !item.id) return [];
    const title = typeof item.snippet?.title === 'string' && item.snippet.title ? item.snippet.title : item.id;
    const handle = typeof item.snippet?.customUrl === 'string' ? item.snippet.customUrl : undefined;
    const avatar = item.snippet?.thumbnails?.default?.url;
    return [
      {
        accountId: item.id,
        displayName: title,
        kind: 'channel' as const,
        ...(handle ? { handle } : {}),
        ...(typeof avatar === 'string' ? { avatarUrl: avatar } : {}),
      },
    ];
  });
}
