/**
 * HTTP calls to TikTok's Content Posting and Display APIs (platforms.md §7): creator info, video and photo
 * init, sequential chunk PUTs to the upload URL, status polling, the video list, OAuth tokens.
 */
import type { ConnectorContext, OAuthClient } from '../connector.ts';
import { OutcomeUnknown, Transient } from '../errors.ts';
import { tiktokError, type CallPhase, type ChunkPlan, type TikTokResponse } from './tiktok.mapper.ts';

const requestTimeoutMs = 60_000;
const chunkTimeoutMs = 300_000;

export type TikTokContext = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'> & { accessToken?: string };
type Call = {
  method: string;
  url: string;
  json?: unknown;
  form?: Record<string, string>;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
};

const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function refusedBeforeSending(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' && neverSentCodes.has(cause.code);
}

async function send(context: TikTokContext, call: Call, phase: CallPhase): Promise<TikTokResponse> {
  const headers: Record<string, string> = { ...call.headers };
  if (context.accessToken && !call.form) headers.authorization = `Bearer ${context.accessToken}`;
  let body: RequestInit['body'];
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json; charset=UTF-8';
    body = JSON.stringify(call.json);
  } else if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.bytes) body = call.bytes;
  let response: Response;
  try {
    response = await context.fetch(new URL(call.url, context.baseUrl), {
      method: call.method,
      headers,
      body,
      signal: AbortSignal.timeout(call.bytes ? chunkTimeoutMs : requestTimeoutMs),
    });
  } catch (error) {
    const message = `${call.method} ${new URL(call.url, context.baseUrl).pathname}: ${(error as Error).message}`;
    if (phase === 'read' || refusedBeforeSending(error)) throw new Transient(message);
    throw new OutcomeUnknown(`${message} (the post may have been accepted)`);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { error: { code: 'unparsable', message: text.slice(0, 200) } };
  }
  const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  return { status: response.status, headers: response.headers, body: record };
}

async function api(context: TikTokContext, call: Call, phase: CallPhase): Promise<Record<string, unknown>> {
  const response = await send(context, call, phase);
  const code = (response.body.error as { code?: unknown } | undefined)?.code;
  if (response.status >= 400 || (code !== undefined && code !== 'ok'))
    throw tiktokError(response, phase, context.now());
  return response.body;
}

/**
 * `GET /v2/user/info/`: the creator behind the token (open_id is the account id). Only user.info.basic fields:
 * `username` needs user.info.profile, which we do not ask for, and TikTok refuses fields outside the grant.
 */
export function userInfo(context: TikTokContext) {
  return api(context, { method: 'GET', url: '/v2/user/info/?fields=open_id,union_id,avatar_url,display_name' }, 'read');
}

/** `POST /v2/post/publish/creator_info/query/`: the privacy options and limits a direct post must honour. */
export function queryCreatorInfo(context: TikTokContext) {
  return api(context, { method: 'POST', url: '/v2/post/publish/creator_info/query/', json: {} }, 'read');
}

/** `POST /v2/post/publish/video/init/`. A PULL_FROM_URL init publishes by itself, hence `phase`. */
export function initVideo(context: TikTokContext, body: unknown, phase: CallPhase) {
  return api(context, { method: 'POST', url: '/v2/post/publish/video/init/', json: body }, phase);
}

/** `POST /v2/post/publish/content/init/` (photo posts): publishes by itself. */
export function initPhoto(context: TikTokContext, body: unknown) {
  return api(context, { method: 'POST', url: '/v2/post/publish/content/init/', json: body }, 'create');
}

/**
 * Sends the chunks in order to the upload URL (`Content-Range: bytes first-last/total`); 206 means more, 201
 * done. Only the last chunk can start a post, so only its lost answer is an unknown outcome.
 */
export async function uploadChunks(
  context: TikTokContext,
  uploadUrl: string,
  bytes: Uint8Array,
  plan: ChunkPlan,
  mimeType: string,
): Promise<void> {
  for (const [index, range] of plan.ranges.entries()) {
    const last = index === plan.ranges.length - 1;
    const response = await send(
      context,
      {
        method: 'PUT',
        url: uploadUrl,
        bytes: bytes.subarray(range.first, range.last + 1),
        headers: {
          'content-type': mimeType,
          'content-range': `bytes ${range.first}-${range.last}/${bytes.byteLength}`,
        },
      },
      last ? 'create' : 'read',
    );
    if (response.status >= 400) throw tiktokError(response, last ? 'create' : 'read', context.now());
  }
}

/** `POST /v2/post/publish/status/fetch/`. */
export function fetchPublishStatus(context: TikTokContext, publishId: string) {
  return api(
    context,
    { method: 'POST', url: '/v2/post/publish/status/fetch/', json: { publish_id: publishId } },
    'read',
  );
}

/** `POST /v2/video/list/`: the creator's newest 20 posts with caption and creation time. */
export function listVideos(context: TikTokContext) {
  const fields = 'id,title,video_description,create_time,share_url';
  return api(context, { method: 'POST', url: `/v2/video/list/?fields=${fields}`, json: { max_count: 20 } }, 'read');
}

/** `POST /v2/oauth/token/` (form, client key and secret in the body). */
export async function requestTikTokToken(
  context: TikTokContext,
  client: OAuthClient,
  form: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await send(
    context,
    {
      method: 'POST',
      url: '/v2/oauth/token/',
      form: { client_key: client.clientId, client_secret: client.clientSecret, ...form },
    },
    'read',
  );
  if (response.status >= 500) throw new Transient(`TikTok token endpoint answered ${response.status}`);
  return response.body;
}
