/**
 * Pure mapping between Sillage and Bluesky's XRPC: record keys from idempotency keys, app.bsky.feed.post
 * records, and XRPC responses/errors into our results and error types.
 */
import { createHash } from 'node:crypto';
import type { PublishRequest, PublishResult, TokenSet } from '../connector.ts';
import { AuthExpired, RateLimited, Rejected } from '../errors.ts';
import { graphemeLength, utf8Length, type Facet } from './bluesky.facets.ts';

export const postCollection = 'app.bsky.feed.post';
/** Bluesky's limits for one post (app.bsky.feed.post, app.bsky.embed.images). */
export const blueskyLimits = { graphemes: 300, bytes: 3000, images: 4, imageBytes: 2_000_000 } as const;

export type BlobRef = { $type: 'blob'; ref: { $link: string }; mimeType: string; size: number };
export type StrongRef = { uri: string; cid: string };
export type PostEmbed =
  | {
      $type: 'app.bsky.embed.images';
      images: { image: BlobRef; alt: string; aspectRatio?: { width: number; height: number } }[];
    }
  | { $type: 'app.bsky.embed.external'; external: { uri: string; title: string; description: string } };
export type PostRecord = {
  $type: 'app.bsky.feed.post';
  text: string;
  createdAt: string;
  facets?: Facet[];
  embed?: PostEmbed;
  reply?: { root: StrongRef; parent: StrongRef };
  langs?: string[];
};

const tidAlphabet = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * The record key of part `part` (0 = first post) of a publication: a valid TID (13 base32-sortable chars,
 * top bit 0) computed from a hash of the idempotency key, so a retry writes to the same key and cannot
 * duplicate. Bluesky's AppView indexes posts only under TID keys, hence a TID and not the raw key.
 * @example recordKeyFor('pub_123', 0) // '3k…' (13 chars, always the same for the same input)
 */
export function recordKeyFor(idempotencyKey: string, part: number): string {
  const digest = createHash('sha256').update(`sillage:${idempotencyKey}:${part}`).digest();
  let value = digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
  let key = '';
  for (let index = 0; index < 13; index += 1) {
    key = tidAlphabet[Number(value & 31n)]! + key;
    value >>= 5n;
  }
  return key;
}

/** Builds one post record. @example buildPostRecord({ text: 'Hi', createdAt: new Date(0), facets: [] }) */
export function buildPostRecord(input: {
  text: string;
  createdAt: Date;
  facets: readonly Facet[];
  embed?: PostEmbed;
  reply?: { root: StrongRef; parent: StrongRef };
  langs?: readonly string[];
}): PostRecord {
  const record: PostRecord = {
    $type: 'app.bsky.feed.post',
    text: input.text,
    createdAt: input.createdAt.toISOString(),
  };
  if (input.facets.length > 0) record.facets = [...input.facets];
  if (input.embed) record.embed = input.embed;
  if (input.reply) record.reply = input.reply;
  if (input.langs && input.langs.length > 0) record.langs = input.langs.slice(0, 3);
  return record;
}

/** The images embed (alt text required by the lexicon, may be empty). */
export function imagesEmbed(
  images: readonly { blob: BlobRef; alt?: string; width?: number; height?: number }[],
): PostEmbed {
  return {
    $type: 'app.bsky.embed.images',
    images: images.map((image) => ({
      image: image.blob,
      alt: image.alt ?? '',
      ...(image.width && image.height ? { aspectRatio: { width: image.width, height: image.height } } : {}),
    })),
  };
}

/** The link-card embed; the client builds the card (the PDS does not unfurl). */
export function externalEmbed(link: NonNullable<PublishRequest['link']>): PostEmbed {
  return {
    $type: 'app.bsky.embed.external',
    external: { uri: link.url, title: link.title ?? '', description: link.description ?? '' },
  };
}

/** The parts of a publication, first post then replies. */
export function postParts(request: PublishRequest): { text: string; media: PublishRequest['media'] }[] {
  return [
    { text: request.text, media: request.media },
    ...(request.threadParts ?? []).map((part) => ({ text: part.text, media: part.media ?? [] })),
  ];
}

/** Checks Bluesky's own rules; each rejection says what to change. */
export function validateForBluesky(request: PublishRequest, formats: readonly string[]): Rejected[] {
  const problems: Rejected[] = [];
  if (!formats.includes(request.format)) {
    problems.push(
      new Rejected(`Bluesky cannot publish the format "${request.format}" (supported: ${formats.join(', ')}).`),
    );
  }
  const parts = postParts(request);
  parts.forEach((part, index) => {
    const label = parts.length > 1 ? `Part ${index + 1} of the thread` : 'The text';
    const graphemes = graphemeLength(part.text);
    if (graphemes > blueskyLimits.graphemes) {
      problems.push(
        new Rejected(
          `${label} has ${graphemes} characters; Bluesky allows ${blueskyLimits.graphemes} per post. Shorten it by ${graphemes - blueskyLimits.graphemes} or split it into a thread.`,
        ),
      );
    } else if (utf8Length(part.text) > blueskyLimits.bytes) {
      problems.push(new Rejected(`${label} is over Bluesky's ${blueskyLimits.bytes}-byte limit: shorten it.`));
    }
    if (part.text.trim().length === 0 && part.media.length === 0 && !(index === 0 && request.link)) {
      problems.push(new Rejected(`${label} is empty: Bluesky needs text, images or a link card.`));
    }
    if (part.media.length > blueskyLimits.images) {
      problems.push(
        new Rejected(`${label} has ${part.media.length} images; Bluesky allows ${blueskyLimits.images} per post.`),
      );
    }
    for (const item of part.media) {
      if (!item.mimeType.startsWith('image/')) {
        problems.push(new Rejected(`Bluesky posts here take images only; "${item.mimeType}" is not supported.`));
      } else if (item.byteLength !== undefined && item.byteLength > blueskyLimits.imageBytes) {
        problems.push(
          new Rejected(
            `An image is ${item.byteLength} bytes; Bluesky allows ${blueskyLimits.imageBytes}: compress it.`,
          ),
        );
      }
    }
  });
  if (request.link && request.media.length > 0) {
    problems.push(
      new Rejected('A Bluesky post shows either images or a link card, not both: remove the images or the link card.'),
    );
  }
  return problems;
}

/** A Bluesky web URL for a post's AT URI. @example postWebUrl('at://did:plc:a/app.bsky.feed.post/3k') */
export function postWebUrl(uri: string): string | null {
  const parsed = parseAtUri(uri);
  return parsed ? `https://bsky.app/profile/${parsed.repo}/post/${parsed.rkey}` : null;
}

/** Splits `at://<repo>/<collection>/<rkey>`. */
export function parseAtUri(uri: string): { repo: string; collection: string; rkey: string } | null {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  return match ? { repo: match[1]!, collection: match[2]!, rkey: match[3]! } : null;
}

/** The strong ref of a createRecord/getRecord answer, or null when it has no uri and cid. */
export function strongRefOf(body: unknown): StrongRef | null {
  if (typeof body !== 'object' || body === null) return null;
  const { uri, cid } = body as Record<string, unknown>;
  return typeof uri === 'string' && uri.startsWith('at://') && typeof cid === 'string' && cid.length > 0
    ? { uri, cid }
    : null;
}

/** Our result for the strong refs of a thread's posts. */
export function publishResultOf(refs: readonly StrongRef[]): PublishResult {
  const [first, ...rest] = refs;
  if (!first) throw new Error('publishResultOf needs at least one post');
  return {
    networkPostId: first.uri,
    url: postWebUrl(first.uri),
    ...(rest.length > 0 ? { threadPostIds: rest.map((ref) => ref.uri) } : {}),
  };
}

/** The blob ref in an uploadBlob answer. */
export function blobRefOf(body: unknown): BlobRef | null {
  const blob = (body as { blob?: Partial<BlobRef> } | null)?.blob;
  if (!blob || typeof blob.ref?.$link !== 'string' || typeof blob.mimeType !== 'string') return null;
  return { $type: 'blob', ref: { $link: blob.ref.$link }, mimeType: blob.mimeType, size: Number(blob.size ?? 0) };
}

/** Our tokens from a createSession/refreshSession answer; expiry read from the access JWT's `exp`. */
export function tokenSetOf(body: unknown, now: Date): TokenSet & { did: string; handle: string } {
  const session = body as Record<string, unknown> | null;
  const accessJwt = session?.accessJwt;
  const refreshJwt = session?.refreshJwt;
  const did = session?.did;
  if (typeof accessJwt !== 'string' || typeof refreshJwt !== 'string' || typeof did !== 'string') {
    throw new Rejected('Bluesky answered the session call without tokens.');
  }
  return {
    accessToken: accessJwt,
    refreshToken: refreshJwt,
    expiresAt: jwtExpiry(accessJwt) ?? new Date(now.getTime() + 120 * 60_000),
    did,
    handle: typeof session?.handle === 'string' ? session.handle : did,
  };
}

function jwtExpiry(jwt: string): Date | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** The PDS of a session's DID document (`#atproto_pds` service), if it says. */
export function pdsEndpointOf(body: unknown): string | undefined {
  const services = (body as { didDoc?: { service?: unknown } } | null)?.didDoc?.service;
  if (!Array.isArray(services)) return undefined;
  for (const service of services as { id?: unknown; serviceEndpoint?: unknown }[]) {
    if (
      typeof service.id === 'string' &&
      service.id.endsWith('#atproto_pds') &&
      typeof service.serviceEndpoint === 'string'
    )
      return service.serviceEndpoint.replace(/\/$/, '');
  }
  return undefined;
}

/** An XRPC error answer. */
export type XrpcFailure = { status: number; headers: Headers; body: unknown };

function errorName(body: unknown): { error: string; message: string } {
  const value = (body ?? {}) as { error?: unknown; message?: unknown };
  return {
    error: typeof value.error === 'string' ? value.error : '',
    message: typeof value.message === 'string' ? value.message : '',
  };
}

/**
 * Our error for an XRPC error answer that is not a 5xx: rate limits (RateLimit-Reset in epoch seconds),
 * expired/invalid tokens (400 ExpiredToken/InvalidToken, 401), refusals. `onRefresh` marks the
 * refreshSession call, where a dead refresh token means the user must log in again.
 * @example xrpcError({ status: 429, headers: new Headers({ 'ratelimit-reset': '1767225600' }), body: {} }, new Date())
 */
export function xrpcError(failure: XrpcFailure, now: Date, options: { onRefresh?: boolean } = {}): Error {
  const { error, message } = errorName(failure.body);
  if (failure.status === 429 || error === 'RateLimitExceeded') {
    const reset = Number(failure.headers.get('ratelimit-reset'));
    const retryAfter = Number(failure.headers.get('retry-after'));
    const retryAt =
      Number.isFinite(reset) && reset > 0
        ? new Date(reset * 1000)
        : new Date(now.getTime() + (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60) * 1000);
    return new RateLimited(`Bluesky rate limit: ${message || 'too many requests'}`, retryAt, 'account');
  }
  const authError = ['ExpiredToken', 'InvalidToken', 'AuthenticationRequired', 'AuthMissing'].includes(error);
  if (authError || failure.status === 401) {
    return new AuthExpired(
      `Bluesky session ${error === 'ExpiredToken' ? 'expired' : 'refused'}: ${message || error || failure.status}`,
      !options.onRefresh,
    );
  }
  if (error === 'AccountTakedown' || error === 'AccountDeactivated') {
    return new AuthExpired(`The Bluesky account is unavailable (${error}): ${message}`, false);
  }
  return new Rejected(
    `Bluesky refused the request (${error || failure.status}): ${message || 'no reason given'}`,
    error || String(failure.status),
  );
}
