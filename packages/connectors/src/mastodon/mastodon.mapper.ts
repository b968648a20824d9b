/**
 * Pure translation between our publishing types and the Mastodon REST API (platforms.md §11): status bodies,
 * length counting (URLs 23, mentions without their domain), errors and X-RateLimit-Reset (ISO 8601).
 */
import { extractXUrls } from '@sillage/domain';
import type { MediaItem, PublishRequest, TokenSet } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient, type ConnectorError } from '../errors.ts';

/** Upstream defaults; instances change them (GET /api/v2/instance), so a request may carry its instance's own. */
export const mastodonDefaults = { maxCharacters: 500, charactersPerUrl: 23, maxMediaAttachments: 4 } as const;

export type MastodonLimits = { maxCharacters: number; charactersPerUrl: number; maxMediaAttachments: number };
export type MastodonResponse = { status: number; headers: Headers; body: unknown };
export type MastodonStatusBody = {
  status: string;
  media_ids?: string[];
  in_reply_to_id?: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  language?: string;
  spoiler_text?: string;
  sensitive?: boolean;
};

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const mention = /(^|[^\w/])@(\w+)@[\w.-]+\w/g;

/**
 * Characters as Mastodon counts them: graphemes, each URL as 23, a remote mention as `@user` only.
 * @example mastodonTextLength('See https://example.com/a/very/long/path @ana@social.example') // 32
 */
export function mastodonTextLength(text: string, charactersPerUrl: number = mastodonDefaults.charactersPerUrl): number {
  let countable = '';
  let cursor = 0;
  for (const url of extractXUrls(text)) {
    countable += text.slice(cursor, url.start) + 'x'.repeat(charactersPerUrl);
    cursor = url.end;
  }
  countable = (countable + text.slice(cursor)).replace(mention, '$1@$2');
  return [...segmenter.segment(countable)].length;
}

/** The limits a request asks for (`options.maxCharacters` from the instance), else the upstream defaults. */
export function mastodonLimitsOf(request: PublishRequest): MastodonLimits {
  const option = request.options?.maxCharacters;
  return { ...mastodonDefaults, ...(typeof option === 'number' && option > 0 ? { maxCharacters: option } : {}) };
}

/**
 * Checks a request against the instance's limits (default 500 characters, 4 attachments, a video alone).
 * @example validateMastodonRequest({ ...request, text: 'a'.repeat(501) })[0]?.reason // 'The post is 501 characters; ...'
 */
export function validateMastodonRequest(request: PublishRequest): Rejected[] {
  const limits = mastodonLimitsOf(request);
  const problems: Rejected[] = [];
  const parts = [
    { text: request.text, media: request.media },
    ...(request.threadParts ?? []).map((part) => ({ text: part.text, media: part.media ?? [] })),
  ];
  parts.forEach((part, index) => {
    const label = index === 0 ? 'The post' : `Thread part ${index + 1}`;
    const length = mastodonTextLength(part.text, limits.charactersPerUrl);
    if (length === 0 && part.media.length === 0) problems.push(new Rejected(`${label} is empty.`));
    if (length > limits.maxCharacters)
      problems.push(
        new Rejected(
          `${label} is ${length} characters; this Mastodon instance allows ${limits.maxCharacters} (URLs count ${limits.charactersPerUrl}). Shorten it by ${length - limits.maxCharacters}.`,
        ),
      );
    problems.push(...mediaProblems(label, part.media, limits));
  });
  if (!['text', 'image', 'multi_image', 'video', 'thread', 'link'].includes(request.format))
    problems.push(new Rejected(`Mastodon does not publish the format "${request.format}".`));
  const visibility = request.options?.visibility;
  if (visibility !== undefined && !['public', 'unlisted', 'private', 'direct'].includes(String(visibility)))
    problems.push(new Rejected(`Visibility "${String(visibility)}" is not one of public, unlisted, private, direct.`));
  return problems;
}

function mediaProblems(label: string, media: readonly MediaItem[], limits: MastodonLimits): Rejected[] {
  if (media.length > limits.maxMediaAttachments)
    return [new Rejected(`${label} has ${media.length} attachments; Mastodon allows ${limits.maxMediaAttachments}.`)];
  const videos = media.filter((item) => item.mimeType.startsWith('video/') || item.mimeType.startsWith('audio/'));
  if (videos.length > 0 && media.length > 1)
    return [new Rejected(`${label}: Mastodon takes a video or audio file alone; remove the other attachments.`)];
  return [];
}

/**
 * The body of `POST /api/v1/statuses`; a thread part answers the previous one.
 * @example mastodonStatusBody('Hi', [], undefined, {}) // { status: 'Hi', visibility: 'public' }
 */
export function mastodonStatusBody(
  text: string,
  mediaIds: readonly string[],
  inReplyTo: string | undefined,
  options: PublishRequest['options'] = {},
): MastodonStatusBody {
  const visibility = String(options.visibility ?? 'public') as MastodonStatusBody['visibility'];
  return {
    status: text,
    ...(mediaIds.length ? { media_ids: [...mediaIds] } : {}),
    ...(inReplyTo ? { in_reply_to_id: inReplyTo } : {}),
    visibility,
    ...(typeof options.language === 'string' ? { language: options.language } : {}),
    ...(typeof options.spoilerText === 'string' ? { spoiler_text: options.spoilerText, sensitive: true } : {}),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * The created Status (id and url); an answer without an id is an unknown outcome.
 * @example mastodonCreatedStatus({ status: 200, headers, body: { id: '110', url: 'https://m.example/@a/110' } }) // { id: '110', url: ... }
 */
export function mastodonCreatedStatus(response: MastodonResponse): { id: string; url: string | null } {
  const status = record(response.body);
  if (typeof status.id !== 'string' || status.id.length === 0)
    throw new OutcomeUnknown(
      `Mastodon answered ${response.status} without a status id: the post may or may not exist.`,
    );
  return { id: status.id, url: typeof status.url === 'string' ? status.url : null };
}

/** The `error` (and `error_description`) of a Mastodon error entity. */
export function mastodonErrorMessage(body: unknown): string {
  const error = record(body);
  return [error.error, error.error_description].filter((part) => typeof part === 'string').join(': ') || 'no detail';
}

/**
 * Our error for a failed call. Mastodon tokens never expire, so a 401 means revoked: reconnect.
 * @example mastodonError({ status: 429, headers: new Headers({ 'x-ratelimit-reset': '2026-01-01T12:05:00.000Z' }), body: {} }, { sent: true, now }) // RateLimited
 */
export function mastodonError(response: MastodonResponse, options: { sent: boolean; now: Date }): ConnectorError {
  const message = `Mastodon answered ${response.status}: ${mastodonErrorMessage(response.body)}`;
  if (response.status === 429) {
    const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
    const retryAt = Number.isNaN(reset) ? new Date(options.now.getTime() + 5 * 60_000) : new Date(reset);
    return new RateLimited(message, retryAt, 'account');
  }
  if (response.status === 401) return new AuthExpired(message, false);
  if (response.status >= 500) return options.sent ? new OutcomeUnknown(message) : new Transient(message);
  return new Rejected(message, String(response.status));
}

/**
 * Tokens from `POST /oauth/token`: no expiry and no refresh token on Mastodon.
 * @example mastodonTokenSet({ access_token: 'a', scope: 'read write' }).scopes // ['read', 'write']
 */
export function mastodonTokenSet(body: unknown): TokenSet {
  const token = record(body);
  if (typeof token.access_token !== 'string') throw new Transient('Mastodon token answer without access_token.');
  return {
    accessToken: token.access_token,
    ...(typeof token.scope === 'string' ? { scopes: token.scope.split(/[ +]/).filter(Boolean) } : {}),
  };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/**
 * Plain text of a Status's HTML `content` (paragraphs and line breaks kept), to compare with what we sent.
 * @example mastodonContentText('<p>Hello <a href="x">#<span>launch</span></a></p>') // 'Hello #launch'
 */
export function mastodonContentText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(#?\w+);/g,
      (whole, name: string) =>
        entities[name] ?? (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : whole),
    );
}

const comparable = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Our status among the account's statuses: same text, created at or after `notBefore`; the oldest such one.
 * @example mastodonFindOwnStatus([{ id: '1', content: '<p>Hi</p>', created_at: '2026-01-01T12:00:00.000Z', url: null }], 'Hi', notBefore) // { id: '1', url: null }
 */
export function mastodonFindOwnStatus(
  body: unknown,
  text: string,
  notBefore: Date,
): { id: string; url: string | null } | null {
  if (!Array.isArray(body)) return null;
  const wanted = comparable(text);
  const matches = body
    .map(record)
    .filter(
      (status) =>
        typeof status.id === 'string' &&
        typeof status.content === 'string' &&
        comparable(mastodonContentText(status.content)) === wanted &&
        Date.parse(String(status.created_at)) >= notBefore.getTime(),
    )
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  const first = matches[0];
  return first ? { id: String(first.id), url: typeof first.url === 'string' ? first.url : null } : null;
}
