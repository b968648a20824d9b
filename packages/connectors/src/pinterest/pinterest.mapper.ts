/**
 * Pure translations for Pinterest API v5 (platforms.md §9, contracts/pinterest-api-description): our request ->
 * the `POST /v5/pins` body (image URL, base64 image or carousel), the created Pin -> PublishResult, the
 * `{code, message}` error -> our types.
 */
import type { PublishRequest, PublishResult, TokenSet } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';

export const pinterestLimits = {
  maxTitleLength: 100,
  maxDescriptionLength: 800,
  maxLinkLength: 2048,
  maxAltTextLength: 500,
  minCarouselImages: 2,
  maxCarouselImages: 5,
  /** When a 429 carries no Retry-After (Pinterest documents no rate-limit headers), wait this long (s). */
  defaultRetryAfterSeconds: 60,
} as const;

export type PinterestResponse = { status: number; headers: Headers; body: Record<string, unknown> };
export type CallPhase = 'read' | 'create';

type ImageContent = { content_type: 'image/jpeg' | 'image/png'; data: string };
export type PinMediaSource =
  | { source_type: 'image_url'; url: string }
  | ({ source_type: 'image_base64' } & ImageContent)
  | { source_type: 'multiple_image_urls'; items: { url: string }[] }
  | { source_type: 'multiple_image_base64'; items: ImageContent[] };

export type PinCreateBody = {
  board_id: string;
  board_section_id?: string;
  title?: string;
  description: string;
  link?: string;
  alt_text?: string;
  dominant_color?: string;
  media_source: PinMediaSource;
};

/** Characters as people see them (grapheme clusters), the way `capabilities.textCounting` says we count. */
function graphemes(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

function option(request: PublishRequest, name: string): string | undefined {
  const value = request.options?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** True when the images go as base64 (`options.mediaSource: 'base64'`, or URLs Pinterest cannot fetch). */
export function pinterestUsesBase64(request: PublishRequest): boolean {
  return option(request, 'mediaSource') === 'base64' || request.media.some((item) => !/^https:\/\//.test(item.url));
}

/** Pinterest's own rules (the spec's maxLength values), each with what to change. */
export function validatePinterestRequest(request: PublishRequest): Rejected[] {
  const problems: Rejected[] = [];
  if (!['pin', 'image', 'multi_image', 'carousel'].includes(request.format))
    problems.push(new Rejected(`Pinterest publishes image Pins and carousels, not "${request.format}".`, 'format'));
  const boardId = option(request, 'boardId');
  if (!boardId || !/^\d+$/.test(boardId))
    problems.push(new Rejected('Choose the Pinterest board to pin to (options.boardId, a numeric id).', 'board_id'));
  const images = request.media.filter((item) => item.mimeType.startsWith('image/'));
  if (images.length === 0 || images.length !== request.media.length)
    problems.push(new Rejected('A Pin needs at least one image, and only images.', 'media'));
  if (images.length > pinterestLimits.maxCarouselImages)
    problems.push(
      new Rejected(
        `A Pinterest carousel holds ${pinterestLimits.minCarouselImages} to ${pinterestLimits.maxCarouselImages} images; remove some.`,
        'media',
      ),
    );
  if (pinterestUsesBase64(request))
    for (const item of images)
      if (item.mimeType !== 'image/jpeg' && item.mimeType !== 'image/png')
        problems.push(new Rejected(`Uploaded Pin images must be JPEG or PNG, not ${item.mimeType}.`, 'content_type'));
  const checks: [string, number, number][] = [
    ['description', graphemes(request.text), pinterestLimits.maxDescriptionLength],
    ['title', graphemes(option(request, 'title') ?? ''), pinterestLimits.maxTitleLength],
    ['link', (request.link?.url ?? '').length, pinterestLimits.maxLinkLength],
    ['alt text', graphemes(request.media[0]?.altText ?? ''), pinterestLimits.maxAltTextLength],
  ];
  for (const [field, length, limit] of checks)
    if (length > limit)
      problems.push(
        new Rejected(
          `The Pin ${field} is ${length} characters; Pinterest allows ${limit}. Shorten it.`,
          field.replace(' ', '_'),
        ),
      );
  return problems;
}

/** The media source: one image or a carousel, as URLs or as base64 of the loaded bytes (`base64Of[i]`). */
export function pinterestMediaSource(request: PublishRequest, base64Of?: readonly string[]): PinMediaSource {
  const content = (index: number): ImageContent => ({
    content_type: request.media[index]!.mimeType === 'image/png' ? 'image/png' : 'image/jpeg',
    data: base64Of?.[index] ?? '',
  });
  if (request.media.length > 1)
    return base64Of
      ? { source_type: 'multiple_image_base64', items: request.media.map((_, index) => content(index)) }
      : { source_type: 'multiple_image_urls', items: request.media.map((item) => ({ url: item.url })) };
  return base64Of
    ? { source_type: 'image_base64', ...content(0) }
    : { source_type: 'image_url', url: request.media[0]!.url };
}

/** The `POST /v5/pins` body. */
export function pinterestPinBody(request: PublishRequest, mediaSource: PinMediaSource): PinCreateBody {
  const title = option(request, 'title');
  const section = option(request, 'boardSectionId');
  const color = option(request, 'dominantColor');
  const alt = request.media[0]?.altText;
  return {
    board_id: option(request, 'boardId') ?? '',
    ...(section ? { board_section_id: section } : {}),
    ...(title ? { title } : {}),
    description: request.text,
    ...(request.link?.url ? { link: request.link.url } : {}),
    ...(alt ? { alt_text: alt } : {}),
    ...(color ? { dominant_color: color } : {}),
    media_source: mediaSource,
  };
}

export function pinterestPinUrl(id: string): string {
  return `https://www.pinterest.com/pin/${id}/`;
}

/** The created Pin -> PublishResult; a success without an id cannot be trusted. */
export function pinterestPinResult(body: Record<string, unknown>): PublishResult {
  if (typeof body.id !== 'string' || !/^\d+$/.test(body.id))
    throw new OutcomeUnknown('Pinterest answered the Pin creation without a Pin id.');
  return { networkPostId: body.id, url: pinterestPinUrl(body.id) };
}

/** Our Pin among `GET /v5/pins`: same description, created at or after notBefore (`created_at` is UTC without a zone). */
export function pinterestFindOwnPin(
  body: Record<string, unknown>,
  text: string,
  notBefore: Date,
): PublishResult | null {
  const items = Array.isArray(body.items)
    ? (body.items as { id?: unknown; description?: unknown; created_at?: unknown }[])
    : [];
  for (const pin of items) {
    const raw = typeof pin.created_at === 'string' ? pin.created_at : '';
    const created = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
    if (pin.description === text && typeof pin.id === 'string' && created.getTime() >= notBefore.getTime() - 1000)
      return { networkPostId: pin.id, url: pinterestPinUrl(pin.id) };
  }
  return null;
}

function retryAt(headers: Headers, now: Date): Date {
  const header = headers.get('retry-after');
  const seconds = header && /^\d+$/.test(header) ? Number(header) : pinterestLimits.defaultRetryAfterSeconds;
  return new Date(now.getTime() + seconds * 1000);
}

/** Pinterest's `{code, message}` error as our types. */
export function pinterestError(response: PinterestResponse, phase: CallPhase, now: Date): Error {
  const code = typeof response.body.code === 'number' ? String(response.body.code) : String(response.status);
  const message = `Pinterest ${response.status} (code ${code}): ${typeof response.body.message === 'string' ? response.body.message : ''}`;
  if (response.status === 429) return new RateLimited(message, retryAt(response.headers, now), 'account');
  if (response.status === 401) return new AuthExpired(message, true);
  if (response.status >= 500) return phase === 'create' ? new OutcomeUnknown(message) : new Transient(message);
  return new Rejected(message, code);
}

/** `POST /v5/oauth/token` answer -> TokenSet; a refused grant means reconnecting. */
export function pinterestTokenSet(response: PinterestResponse, now: Date): TokenSet {
  const body = response.body;
  if (response.status >= 500) throw new Transient(`Pinterest token endpoint answered ${response.status}`);
  if (response.status >= 400 || typeof body.access_token !== 'string') {
    const message = typeof body.message === 'string' ? body.message : String(response.status);
    throw new AuthExpired(`Pinterest refused the grant: ${message}; reconnect the account.`, false);
  }
  return {
    accessToken: body.access_token,
    // Older refreshes return no new refresh token; continuous refresh returns one: keep whichever is newest.
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresAt: typeof body.expires_in === 'number' ? new Date(now.getTime() + body.expires_in * 1000) : undefined,
    scopes: typeof body.scope === 'string' ? body.scope.split(',').filter(Boolean) : undefined,
  };
}
