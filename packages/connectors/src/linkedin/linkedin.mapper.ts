/**
 * Pure translation between our publishing types and LinkedIn's Posts API for organization pages
 * (platforms.md §5): little-text commentary, post bodies per format, Rest.li errors, token answers.
 */
import type { ConnectableAccount, PublishRequest, TokenSet } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient, type ConnectorError } from '../errors.ts';

/** LinkedIn's limits (platforms.md §5.4, K): commentary 3,000 characters, 2-20 images, one video or document. */
export const linkedinLimits = { maxCommentary: 3000, maxComment: 1250, minImages: 2, maxImages: 20 } as const;
/** The monthly API version we speak (sent as `LinkedIn-Version`). */
export const linkedinVersion = '202611';

export type LinkedinResponse = { status: number; headers: Headers; body: unknown };
export type LinkedinMediaKind = 'image' | 'video' | 'document';
export type LinkedinUploaded = { urn: string; kind: LinkedinMediaKind; altText?: string; title?: string };

/**
 * The kind of LinkedIn upload a MIME type needs.
 * @example linkedinMediaKind('application/pdf') // 'document'
 */
export function linkedinMediaKind(mimeType: string): LinkedinMediaKind {
  if (mimeType.startsWith('image/')) return 'image';
  return mimeType.startsWith('video/') ? 'video' : 'document';
}

// Reserved characters of "little text": unescaped, they can silently truncate the post.
const reserved = /[|{}@[\]()<>#\\*_~]/g;

/**
 * Our plain text as LinkedIn little text: reserved characters escaped, hashtags (`#word`) kept as hashtags.
 * @example linkedinCommentary('Launch (beta) #launch') // 'Launch \\(beta\\) #launch'
 */
export function linkedinCommentary(text: string): string {
  return text.replace(reserved, (character, offset: number) =>
    character === '#' && /[\p{L}\p{N}_]/u.test(text[offset + 1] ?? '') && !/[\p{L}\p{N}_]/u.test(text[offset - 1] ?? '')
      ? '#'
      : `\\${character}`,
  );
}

/**
 * Checks a request against LinkedIn's rules: commentary length, 2-20 images, one video or document alone.
 * @example validateLinkedinRequest({ ...request, text: 'a'.repeat(3001) })[0]?.reason // 'The post is 3001 characters; ...'
 */
export function validateLinkedinRequest(request: PublishRequest): Rejected[] {
  const problems: Rejected[] = [];
  // Counted in UTF-16 units, as `textCounting` says (LinkedIn documents no counting rule).
  const length = request.text.length;
  if (length > linkedinLimits.maxCommentary)
    problems.push(
      new Rejected(
        `The post is ${length} characters; LinkedIn allows ${linkedinLimits.maxCommentary}. Shorten it by ${length - linkedinLimits.maxCommentary}.`,
      ),
    );
  if (request.text.trim().length === 0 && request.media.length === 0 && !request.link)
    problems.push(new Rejected('The post is empty.'));
  if (request.firstComment && [...request.firstComment].length > linkedinLimits.maxComment)
    problems.push(new Rejected(`The first comment is over LinkedIn's ${linkedinLimits.maxComment} characters.`));
  if (!['text', 'image', 'multi_image', 'video', 'document', 'link'].includes(request.format))
    problems.push(new Rejected(`LinkedIn pages do not publish the format "${request.format}".`));
  if (request.threadParts?.length) problems.push(new Rejected('LinkedIn has no threads: publish one post.'));
  const kinds = request.media.map((item) => linkedinMediaKind(item.mimeType));
  const images = kinds.filter((kind) => kind === 'image').length;
  if (kinds.length > 1 && images !== kinds.length)
    problems.push(new Rejected('LinkedIn takes one video or one document alone, or 2-20 images; remove the others.'));
  if (images > linkedinLimits.maxImages)
    problems.push(new Rejected(`The post has ${images} images; LinkedIn allows ${linkedinLimits.maxImages}.`));
  if (request.format === 'link' && !request.link) problems.push(new Rejected('A link post needs a link.'));
  if (['image', 'multi_image', 'video', 'document'].includes(request.format) && request.media.length === 0)
    problems.push(new Rejected(`The format "${request.format}" needs media.`));
  return problems;
}

/**
 * The `content` of a post: one media, multiImage (2-20), or an article; none for text.
 * @example linkedinContent([{ urn: 'urn:li:image:C4E', kind: 'image', altText: 'A lamp' }]) // { media: { id: 'urn:li:image:C4E', altText: 'A lamp' } }
 */
export function linkedinContent(
  uploaded: readonly LinkedinUploaded[],
  link?: PublishRequest['link'],
): Record<string, unknown> | undefined {
  if (uploaded.length > 1)
    return {
      multiImage: {
        images: uploaded.map((item) => ({ id: item.urn, ...(item.altText ? { altText: item.altText } : {}) })),
      },
    };
  const [only] = uploaded;
  if (only) {
    const extra = only.kind === 'image' ? (only.altText ? { altText: only.altText } : {}) : { title: only.title ?? '' };
    return { media: { id: only.urn, ...extra } };
  }
  if (link)
    return {
      article: {
        source: link.url,
        ...(link.title ? { title: link.title } : {}),
        ...(link.description ? { description: link.description } : {}),
      },
    };
  return undefined;
}

/**
 * The body of `POST /rest/posts` for an organization (or member) `author` URN.
 * @example linkedinPostBody('urn:li:organization:5515715', 'Hi', undefined).lifecycleState // 'PUBLISHED'
 */
export function linkedinPostBody(author: string, text: string, content: Record<string, unknown> | undefined) {
  return {
    author,
    commentary: linkedinCommentary(text),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    ...(content ? { content } : {}),
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
}

/**
 * The post URN of a 201 from `POST /rest/posts` (header `x-restli-id`); without it the outcome is unknown.
 * @example linkedinCreatedUrn({ status: 201, headers: new Headers({ 'x-restli-id': 'urn:li:share:7' }), body: {} }) // 'urn:li:share:7'
 */
export function linkedinCreatedUrn(response: LinkedinResponse): string {
  const urn = response.headers.get('x-restli-id') ?? (response.body as { id?: unknown }).id;
  if (typeof urn !== 'string' || !urn.startsWith('urn:li:'))
    throw new OutcomeUnknown(`LinkedIn answered ${response.status} without a post URN: the post may or may not exist.`);
  return urn;
}

/**
 * The public URL of a post.
 * @example linkedinPostUrl('urn:li:share:7123') // 'https://www.linkedin.com/feed/update/urn:li:share:7123/'
 */
export function linkedinPostUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Next midnight UTC: LinkedIn's daily quotas reset then, and a 429 carries no header saying when. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/**
 * Our error for a failed Rest.li call; `sent` marks a create whose body reached LinkedIn.
 * @example linkedinError({ status: 401, headers, body: { serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN' } }, { sent: true, now }) // AuthExpired(false)
 */
export function linkedinError(response: LinkedinResponse, options: { sent: boolean; now: Date }): ConnectorError {
  const body = record(response.body);
  const code = typeof body.code === 'string' ? body.code : undefined;
  const message = `LinkedIn answered ${response.status}${code ? ` ${code}` : ''}: ${typeof body.message === 'string' ? body.message : 'no detail'}`;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    if (response.headers.get('retry-after') && Number.isFinite(seconds))
      return new RateLimited(message, new Date(options.now.getTime() + seconds * 1000), 'account');
    return new RateLimited(message, nextUtcMidnight(options.now), 'quota');
  }
  if (response.status === 401) return new AuthExpired(message, code !== 'REVOKED_ACCESS_TOKEN');
  if (response.status >= 500) return options.sent ? new OutcomeUnknown(message) : new Transient(message);
  return new Rejected(message, typeof body.serviceErrorCode === 'number' ? String(body.serviceErrorCode) : code);
}

/**
 * Tokens from `POST /oauth/v2/accessToken` (expires_in seconds, scope comma-separated).
 * @example linkedinTokenSet({ access_token: 'AQV', expires_in: 5184000 }, now).expiresAt // now + 60 days
 */
export function linkedinTokenSet(body: unknown, now: Date): TokenSet {
  const token = record(body);
  if (typeof token.access_token !== 'string') throw new Transient('LinkedIn token answer without access_token.');
  return {
    accessToken: token.access_token,
    ...(typeof token.refresh_token === 'string' ? { refreshToken: token.refresh_token } : {}),
    ...(typeof token.expires_in === 'number' ? { expiresAt: new Date(now.getTime() + token.expires_in * 1000) } : {}),
    ...(typeof token.scope === 'string' ? { scopes: token.scope.split(/[ ,]/).filter(Boolean) } : {}),
  };
}

/**
 * Our error for a failed token call: `invalid_grant` (expired or revoked refresh token) means reconnect.
 * @example linkedinTokenError({ status: 400, headers, body: { error: 'invalid_grant' } }) // AuthExpired(false)
 */
export function linkedinTokenError(response: LinkedinResponse): ConnectorError {
  const body = record(response.body);
  const message =
    `LinkedIn token endpoint answered ${response.status}: ${textOf(body.error)} ${textOf(body.error_description)}`.trim();
  if (response.status >= 500 || response.status === 429) return new Transient(message);
  if (body.error === 'invalid_grant' || response.status === 401) return new AuthExpired(message, false);
  return new Rejected(message, typeof body.error === 'string' ? body.error : undefined);
}

/**
 * Our post among the author's posts: same commentary (as we escape it), created at or after `notBefore`.
 * @example linkedinFindOwnPost({ elements: [{ id: 'urn:li:share:1', commentary: 'Hi', createdAt: 1767268800000 }] }, 'Hi', notBefore) // 'urn:li:share:1'
 */
export function linkedinFindOwnPost(body: unknown, text: string, notBefore: Date): string | null {
  const elements = record(body).elements;
  if (!Array.isArray(elements)) return null;
  const wanted = linkedinCommentary(text).trim();
  const found = elements
    .map(record)
    .filter(
      (post) =>
        typeof post.id === 'string' &&
        typeof post.commentary === 'string' &&
        post.commentary.trim() === wanted &&
        Number(post.createdAt) >= notBefore.getTime() &&
        post.lifecycleState !== 'DELETED',
    )
    .sort((a, b) => Number(a.createdAt) - Number(b.createdAt));
  return typeof found[0]?.id === 'string' ? found[0].id : null;
}

/**
 * The organization pages an administrator may post as, from the ACL answer and the batch of organizations
 * (a name missing from the batch falls back to the URN's id).
 * @example linkedinOrganizationAccounts({ elements: [{ organization: 'urn:li:organization:1' }] }, { results: { 1: { localizedName: 'Acme' } } })
 */
export function linkedinOrganizationAccounts(acls: unknown, batch: unknown): ConnectableAccount[] {
  const elements = ((acls as { elements?: unknown }).elements ?? []) as { organization?: unknown }[];
  const results = ((batch as { results?: unknown }).results ?? {}) as Record<
    string,
    { localizedName?: unknown; vanityName?: unknown }
  >;
  const urns = [
    ...new Set(
      elements.map((e) => e.organization).filter((u): u is string => typeof u === 'string' && organizationId(u) !== ''),
    ),
  ];
  return urns.map((urn) => {
    const found = results[organizationId(urn)];
    const name = typeof found?.localizedName === 'string' ? found.localizedName : organizationId(urn);
    const vanity = typeof found?.vanityName === 'string' ? found.vanityName : undefined;
    return { accountId: urn, displayName: name, kind: 'organization', ...(vanity ? { handle: vanity } : {}) };
  });
}

/** The numeric id of `urn:li:organization:123`, or '' for another URN. */
export function organizationId(urn: string): string {
  return /^urn:li:organization:(\d+)$/.exec(urn)?.[1] ?? '';
}
