/**
 * HTTP calls to X API v2 (platforms.md §6): posts, chunked media upload, user timeline, OAuth 2.0 tokens.
 * It only speaks HTTP; the mapper turns answers into our types.
 */
import type { ConnectorContext, OAuthClient } from '../connector.ts';
import { OutcomeUnknown, Transient } from '../errors.ts';
import { requestTimeout } from '../http/http-fetch.ts';
import { xError, xLimits, xMediaCategory, xTokenError, type XCreateTweetBody, type XResponse } from './x.mapper.ts';

/** How long one call may take before we give up on it (ms). */
const requestTimeoutMs = 30_000;
/** Never poll media processing for longer than this (ms). */
const maxProcessingWaitMs = 120_000;

type Context = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'> & { accessToken?: string };
type Call = { method: string; path: string; json?: unknown; form?: Record<string, string>; basic?: OAuthClient };

// A refused or unresolved connection never carried our body; anything else (reset, timeout) may have.
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function failureCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : '';
}

/** One call; `creates` marks calls whose duplicate would be visible (a new post), for the outcome of a lost answer. */
async function send(context: Context, call: Call, creates: boolean): Promise<XResponse> {
  const headers: Record<string, string> = {};
  if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
  if (call.basic)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(call.basic.clientId)}:${encodeURIComponent(call.basic.clientSecret)}`).toString('base64')}`;
  let body: string | undefined;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  } else if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  }
  let response: Response;
  try {
    response = await context.fetch(new URL(call.path, context.baseUrl), {
      method: call.method,
      headers,
      body,
      ...requestTimeout(context.fetch, requestTimeoutMs),
    });
  } catch (error) {
    const reason = `${call.method} ${call.path} failed: ${(error as Error).message} ${failureCode(error)}`.trim();
    if (!creates || neverSentCodes.has(failureCode(error))) throw new Transient(reason);
    throw new OutcomeUnknown(reason);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { detail: text.slice(0, 200) };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

async function call(context: Context, request: Call, creates: boolean): Promise<XResponse> {
  const response = await send(context, request, creates);
  if (response.status >= 400) throw xError(response, { sent: creates, now: context.now() });
  return response;
}

/** `POST /2/tweets`: creates one post (the caller maps the answer). */
export function createTweet(context: Context, body: XCreateTweetBody): Promise<XResponse> {
  return call(context, { method: 'POST', path: '/2/tweets', json: body }, true);
}

/** `DELETE /2/tweets/:id`. */
export async function deleteTweet(context: Context, id: string): Promise<void> {
  await call(context, { method: 'DELETE', path: `/2/tweets/${encodeURIComponent(id)}` }, false);
}

/** `GET /2/users/:id/tweets` since `startTime`, newest first, with created_at. */
export function listUserTweets(context: Context, userId: string, startTime: Date): Promise<XResponse> {
  const query = new URLSearchParams({
    start_time: startTime.toISOString(),
    max_results: '100',
    'tweet.fields': 'created_at,conversation_id',
  });
  return call(
    context,
    { method: 'GET', path: `/2/users/${encodeURIComponent(userId)}/tweets?${query.toString()}` },
    false,
  );
}

/** `GET /2/tweets?ids=…` (up to 100 ids) with the given `tweet.fields`; missing ids are in the answer's `errors`. */
export function lookupTweets(context: Context, ids: readonly string[], fields: readonly string[]): Promise<XResponse> {
  const query = new URLSearchParams({ ids: ids.join(','), 'tweet.fields': fields.join(',') });
  return call(context, { method: 'GET', path: `/2/tweets?${query.toString()}` }, false);
}

/** `GET /2/users/me`: the user the token acts for, with the avatar. */
export async function getMe(context: Context): Promise<Record<string, unknown>> {
  return dataOf(await call(context, { method: 'GET', path: '/2/users/me?user.fields=profile_image_url' }, false));
}

function dataOf(response: XResponse): Record<string, unknown> {
  const data = (response.body as { data?: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

/**
 * Uploads one media item with the v2 chunked flow: initialize, append (1 MiB segments), finalize, then poll
 * the status until X has processed it. Returns the media id.
 */
export async function uploadMedia(
  context: Context,
  bytes: Uint8Array,
  mimeType: string,
  altText?: string,
): Promise<string> {
  const init = await call(
    context,
    {
      method: 'POST',
      path: '/2/media/upload/initialize',
      json: { media_type: mimeType, total_bytes: bytes.byteLength, media_category: xMediaCategory(mimeType) },
    },
    false,
  );
  const id = dataOf(init).id;
  if (typeof id !== 'string') throw new Transient('X media initialize answered without an id.');
  for (let index = 0, offset = 0; offset < bytes.byteLength; index += 1, offset += xLimits.maxChunkBytes) {
    const chunk = bytes.subarray(offset, offset + xLimits.maxChunkBytes);
    await call(
      context,
      {
        method: 'POST',
        path: `/2/media/upload/${id}/append`,
        json: { media: Buffer.from(chunk).toString('base64'), segment_index: index },
      },
      false,
    );
  }
  const finalized = await call(context, { method: 'POST', path: `/2/media/upload/${id}/finalize` }, false);
  await waitForProcessing(context, id, dataOf(finalized).processing_info);
  if (altText)
    await call(
      context,
      { method: 'POST', path: '/2/media/metadata', json: { id, metadata: { alt_text: { text: altText } } } },
      false,
    );
  return id;
}

async function waitForProcessing(context: Context, id: string, first: unknown): Promise<void> {
  let info = first as { state?: string; check_after_secs?: number; error?: { message?: string } } | undefined;
  const started = Date.now();
  while (info && info.state !== 'succeeded') {
    if (info.state === 'failed') throw new Transient(`X could not process media ${id}: ${info.error?.message ?? ''}`);
    if (Date.now() - started > maxProcessingWaitMs) throw new Transient(`X is still processing media ${id}.`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(info?.check_after_secs ?? 1, 5) * 1000));
    const status = await call(
      context,
      { method: 'GET', path: `/2/media/upload?${new URLSearchParams({ media_id: id, command: 'STATUS' }).toString()}` },
      false,
    );
    info = dataOf(status).processing_info as typeof info;
  }
}

/** `POST /2/oauth2/token` with HTTP Basic client authentication (confidential client). */
export async function requestToken(
  context: Context,
  client: OAuthClient,
  form: Record<string, string>,
): Promise<unknown> {
  const response = await send(
    context,
    { method: 'POST', path: '/2/oauth2/token', form: { ...form, client_id: client.clientId }, basic: client },
    false,
  );
  if (response.status >= 400) throw xTokenError(response);
  return response.body;
}
