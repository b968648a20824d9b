/**
 * Pure translation between our publishing types and X API v2 (platforms.md §6): request bodies, responses,
 * problem objects and rate-limit headers.
 */
import { parseXText } from '@sillage/domain';
import type { MediaItem, PublishRequest, PublishResult, TokenSet } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient, type ConnectorError } from '../errors.ts';

/** X's own limits (platforms.md §6.3); the weighted length comes from twitter-text v3. */
export const xLimits = { maxWeightedLength: 280, maxImages: 4, maxChunkBytes: 1024 * 1024 } as const;

/** The part of an HTTP answer the mapper reads. */
export type XResponse = { status: number; headers: Headers; body: unknown };

/** Body of `POST /2/tweets` for one part of a post or thread. */
export type XCreateTweetBody = {
  text: string;
  media?: { media_ids: string[] };
  reply?: { in_reply_to_tweet_id: string };
};

/**
 * The body of `POST /2/tweets`; a thread part replies to the previous part.
 * @example xTweetBody('Hi', [], '1445880548472328192') // { text: 'Hi', reply: { in_reply_to_tweet_id: '1445880548472328192' } }
 */
export function xTweetBody(text: string, mediaIds: readonly string[], inReplyTo?: string): XCreateTweetBody {
  const body: XCreateTweetBody = { text };
  if (mediaIds.length > 0) body.media = { media_ids: [...mediaIds] };
  if (inReplyTo) body.reply = { in_reply_to_tweet_id: inReplyTo };
  return body;
}

/**
 * The v2 media category for a MIME type (tweet_image, tweet_gif or tweet_video).
 * @example xMediaCategory('video/mp4') // 'tweet_video'
 */
export function xMediaCategory(mimeType: string): 'tweet_image' | 'tweet_gif' | 'tweet_video' {
  if (mimeType === 'image/gif') return 'tweet_gif';
  return mimeType.startsWith('video/') ? 'tweet_video' : 'tweet_image';
}

/**
 * Checks a request against X's rules: weighted length per part, 1-4 photos or one GIF or one video.
 * @example validateXRequest({ ...request, text: 'a'.repeat(281) })[0]?.reason // 'X allows 280 weighted characters...'
 */
export function validateXRequest(request: PublishRequest): Rejected[] {
  const problems: Rejected[] = [];
  const parts = [
    { text: request.text, media: request.media },
    ...(request.threadParts ?? []).map((part) => ({ text: part.text, media: part.media ?? [] })),
  ];
  parts.forEach((part, index) => {
    const label = index === 0 ? 'The post' : `Thread part ${index + 1}`;
    const weighted = parseXText(part.text);
    if (part.text.length === 0 && part.media.length === 0) problems.push(new Rejected(`${label} is empty.`));
    else if (weighted.weightedLength > xLimits.maxWeightedLength)
      problems.push(
        new Rejected(
          `${label} is ${weighted.weightedLength} weighted characters; X allows ${xLimits.maxWeightedLength} (URLs count 23, emoji and CJK 2). Shorten it by ${weighted.weightedLength - xLimits.maxWeightedLength}.`,
        ),
      );
    else if (part.text.length > 0 && !weighted.valid)
      problems.push(new Rejected(`${label} contains characters X refuses (U+FFFE, U+FEFF or U+FFFF).`));
    problems.push(...mediaProblems(label, part.media));
  });
  if (!['text', 'image', 'multi_image', 'video', 'thread', 'link'].includes(request.format))
    problems.push(new Rejected(`X does not publish the format "${request.format}".`));
  if (request.format === 'thread' && (request.threadParts ?? []).length === 0)
    problems.push(new Rejected('A thread needs at least one follow-up part.'));
  if (
    (request.format === 'image' || request.format === 'multi_image' || request.format === 'video') &&
    !request.media.length
  )
    problems.push(new Rejected(`The format "${request.format}" needs media.`));
  return problems;
}

function mediaProblems(label: string, media: readonly MediaItem[]): Rejected[] {
  const heavy = media.filter((item) => xMediaCategory(item.mimeType) !== 'tweet_image');
  if (heavy.length > 0 && media.length > 1)
    return [new Rejected(`${label}: X takes one video or one GIF alone, or up to 4 photos; remove the others.`)];
  if (media.length > xLimits.maxImages)
    return [new Rejected(`${label} has ${media.length} photos; X allows ${xLimits.maxImages}.`)];
  return [];
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * The created post from a `POST /2/tweets` answer; a success without an id is an unknown outcome.
 * @example xCreatedTweet({ status: 201, headers, body: { data: { id: '1', text: 'Hi' } } }) // { id: '1' }
 */
export function xCreatedTweet(response: XResponse): { id: string } {
  const id = record(record(response.body).data).id;
  if (typeof id !== 'string' || id.length === 0)
    throw new OutcomeUnknown(`X answered ${response.status} without a post id: the post may or may not exist.`);
  return { id };
}

/**
 * The public URL of a post (x.com resolves any handle, so `i` works without the username).
 * @example xPostUrl('1445880548472328192') // 'https://x.com/i/status/1445880548472328192'
 */
export function xPostUrl(id: string): string {
  return `https://x.com/i/status/${id}`;
}

/**
 * Our result for a published post or thread.
 * @example xPublishResult(['1', '2']) // { networkPostId: '1', url: 'https://x.com/i/status/1', threadPostIds: ['2'] }
 */
export function xPublishResult(ids: readonly string[]): PublishResult {
  const [first, ...rest] = ids;
  if (!first) throw new OutcomeUnknown('X gave no post id.');
  return { networkPostId: first, url: xPostUrl(first), ...(rest.length ? { threadPostIds: rest } : {}) };
}

/**
 * When to call again after a 429: the 24-hour user cap when exhausted (a quota), else `x-rate-limit-reset` (epoch s).
 * @example xRetryAt(headers, now) // { retryAt: new Date(1700000900000), scope: 'account' }
 */
export function xRetryAt(headers: Headers, now: Date): { retryAt: Date; scope: 'account' | 'quota' } {
  const epoch = (name: string): Date | undefined => {
    const seconds = Number(headers.get(name));
    return headers.get(name) !== null && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
  };
  const daily = epoch('x-user-limit-24hour-reset');
  if (daily && headers.get('x-user-limit-24hour-remaining') === '0') return { retryAt: daily, scope: 'quota' };
  return { retryAt: epoch('x-rate-limit-reset') ?? new Date(now.getTime() + 15 * 60_000), scope: 'account' };
}

/** The human message of a v2 problem object or a legacy `{errors:[{message}]}` body. */
export function xProblemMessage(body: unknown): string {
  const problem = record(body);
  const first = Array.isArray(problem.errors) ? record(problem.errors[0]) : {};
  const parts = [problem.title, problem.detail, first.message].filter((part) => typeof part === 'string');
  return parts.length ? parts.join(': ') : 'no detail';
}

/**
 * Our error for a failed X call. `sent`: the call creates something and its body reached X, so a 5xx may hide a success.
 * @example xError({ status: 401, headers, body: {} }, { sent: true, now }) // AuthExpired(refreshable: true)
 */
export function xError(response: XResponse, options: { sent: boolean; now: Date }): ConnectorError {
  const message = `X answered ${response.status}: ${xProblemMessage(response.body)}`;
  if (response.status === 429) {
    const { retryAt, scope } = xRetryAt(response.headers, options.now);
    return new RateLimited(message, retryAt, scope);
  }
  // X answers 401 for an expired or revoked access token alike; a refresh tells them apart.
  if (response.status === 401) return new AuthExpired(message, true);
  if (response.status >= 500) return options.sent ? new OutcomeUnknown(message) : new Transient(message);
  const type = record(response.body).type;
  const code = typeof type === 'string' ? type.split('/').pop() : undefined;
  return new Rejected(message, code);
}

/**
 * Tokens from `POST /2/oauth2/token` (expires_in in seconds; scope space-separated).
 * @example xTokenSet({ access_token: 'a', expires_in: 7200 }, now).expiresAt // now + 2 h
 */
export function xTokenSet(body: unknown, now: Date): TokenSet {
  const token = record(body);
  if (typeof token.access_token !== 'string') throw new Transient('X token answer without access_token.');
  return {
    accessToken: token.access_token,
    ...(typeof token.refresh_token === 'string' ? { refreshToken: token.refresh_token } : {}),
    ...(typeof token.expires_in === 'number' ? { expiresAt: new Date(now.getTime() + token.expires_in * 1000) } : {}),
    ...(typeof token.scope === 'string' ? { scopes: token.scope.split(' ').filter(Boolean) } : {}),
  };
}

/**
 * Our error for a failed token call: `invalid_grant` means the grant is dead (reconnect), 5xx is transient.
 * @example xTokenError({ status: 400, headers, body: { error: 'invalid_grant' } }) // AuthExpired(refreshable: false)
 */
export function xTokenError(response: XResponse): ConnectorError {
  const body = record(response.body);
  const message =
    `X token endpoint answered ${response.status}: ${textOf(body.error)} ${textOf(body.error_description)}`.trim();
  if (response.status === 429) return new RateLimited(message, xRetryAt(response.headers, new Date()).retryAt, 'app');
  if (response.status >= 500) return new Transient(message);
  if (body.error === 'invalid_grant' || response.status === 401) return new AuthExpired(message, false);
  return new Rejected(message, typeof body.error === 'string' ? body.error : undefined);
}

/**
 * Our post among the account's recent posts: the same text (NFC, trimmed), at or after `notBefore`.
 * @example xFindOwnPost([{ id: '1', text: 'Hi', created_at: '2026-01-01T00:00:00.000Z' }], 'Hi', notBefore) // '1'
 */
export function xFindOwnPost(body: unknown, text: string, notBefore: Date): string | null {
  const data = record(body).data;
  if (!Array.isArray(data)) return null;
  const wanted = text.normalize('NFC').trim();
  const found = data.map(record).filter((post) => {
    const created = typeof post.created_at === 'string' ? Date.parse(post.created_at) : Number.NaN;
    return (
      typeof post.text === 'string' &&
      post.text.normalize('NFC').trim() === wanted &&
      (Number.isNaN(created) || created >= notBefore.getTime() - 1000)
    );
  });
  // The oldest match is the one a retry would have duplicated.
  const oldest = found.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))[0];
  return typeof oldest?.id === 'string' ? oldest.id : null;
}
