/**
 * HTTP calls to LinkedIn's REST API (platforms.md §5): posts, comments, image/video/document upload
 * registration and parts, OAuth tokens. Every /rest call carries LinkedIn-Version and X-Restli-Protocol-Version.
 */
import type { ConnectorContext, OAuthClient } from '../connector.ts';
import { OutcomeUnknown, Transient } from '../errors.ts';
import {
  linkedinError,
  linkedinTokenError,
  linkedinVersion,
  type LinkedinMediaKind,
  type LinkedinResponse,
} from './linkedin.mapper.ts';

/** How long one call may take before we give up on it (ms). */
const requestTimeoutMs = 60_000;
/** Never wait for video or document processing longer than this (ms). */
const maxProcessingWaitMs = 300_000;

type Context = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'> & { accessToken?: string };
type Call = {
  method: string;
  url: string;
  json?: unknown;
  form?: Record<string, string>;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
};

// A refused or unresolved connection never carried our body; anything else (reset, timeout) may have.
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

async function send(context: Context, call: Call, creates: boolean): Promise<LinkedinResponse> {
  const headers: Record<string, string> = { ...call.headers };
  if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
  let body: string | Uint8Array | undefined = call.bytes;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  } else if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.bytes) headers['content-type'] = 'application/octet-stream';
  let response: Response;
  try {
    response = await context.fetch(new URL(call.url, context.baseUrl), {
      method: call.method,
      headers,
      body,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : '';
    const reason = `${call.method} ${call.url} failed: ${(error as Error).message} ${code}`.trim();
    if (!creates || neverSentCodes.has(code)) throw new Transient(reason);
    throw new OutcomeUnknown(reason);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { message: text.slice(0, 200) };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A call to the versioned /rest API. */
async function rest(context: Context, call: Call, creates: boolean): Promise<LinkedinResponse> {
  const response = await send(
    context,
    {
      ...call,
      headers: { 'linkedin-version': linkedinVersion, 'x-restli-protocol-version': '2.0.0', ...call.headers },
    },
    creates,
  );
  if (response.status >= 400) throw linkedinError(response, { sent: creates, now: context.now() });
  return response;
}

const encoded = (urn: string) => encodeURIComponent(urn);
const valueOf = (response: LinkedinResponse) =>
  ((response.body as { value?: unknown }).value ?? {}) as Record<string, unknown>;

/** `POST /rest/posts`: the URN comes back in the `x-restli-id` header (the caller maps it). */
export function createPost(context: Context, body: unknown): Promise<LinkedinResponse> {
  return rest(context, { method: 'POST', url: '/rest/posts', json: body }, true);
}

/** `POST /rest/socialActions/{urn}/comments` as the organization. */
export function createComment(
  context: Context,
  postUrn: string,
  actor: string,
  text: string,
): Promise<LinkedinResponse> {
  return rest(
    context,
    {
      method: 'POST',
      url: `/rest/socialActions/${encoded(postUrn)}/comments`,
      json: { actor, object: postUrn, message: { text } },
    },
    true,
  );
}

/** `DELETE /rest/posts/{urn}`. */
export async function deletePost(context: Context, urn: string): Promise<void> {
  await rest(context, { method: 'DELETE', url: `/rest/posts/${encoded(urn)}` }, false);
}

/** `GET /rest/posts?q=author`: the author's latest posts. */
export function listAuthorPosts(context: Context, author: string): Promise<LinkedinResponse> {
  return rest(
    context,
    { method: 'GET', url: `/rest/posts?q=author&author=${encoded(author)}&count=50&sortBy=LAST_MODIFIED` },
    false,
  );
}

/** `GET /rest/organizationAcls?q=roleAssignee`: the organizations the member administers (approved roles). */
export async function listAdministeredOrganizations(context: Context): Promise<unknown> {
  const response = await rest(
    context,
    { method: 'GET', url: '/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&count=100' },
    false,
  );
  return response.body;
}

/** `GET /rest/organizations?ids=List(…)`: a Rest.li batch get of organizations' names. */
export async function getOrganizations(context: Context, ids: readonly string[]): Promise<unknown> {
  const response = await rest(context, { method: 'GET', url: `/rest/organizations?ids=List(${ids.join(',')})` }, false);
  return response.body;
}

async function put(context: Context, url: string, bytes: Uint8Array): Promise<LinkedinResponse> {
  const response = await send(context, { method: 'PUT', url, bytes }, false);
  if (response.status >= 400) throw linkedinError(response, { sent: false, now: context.now() });
  return response;
}

/**
 * Registers and uploads one media item for `owner`: images and documents in one PUT, videos in the parts
 * LinkedIn asks for (then finalize with their ETags); waits until LinkedIn marks it AVAILABLE. Returns its URN.
 */
export async function uploadMedia(
  context: Context,
  owner: string,
  kind: LinkedinMediaKind,
  bytes: Uint8Array,
): Promise<string> {
  const collection = `${kind}s`;
  const request =
    kind === 'video'
      ? { owner, fileSizeBytes: bytes.byteLength, uploadCaptions: false, uploadThumbnail: false }
      : { owner };
  const init = valueOf(
    await rest(
      context,
      {
        method: 'POST',
        url: `/rest/${collection}?action=initializeUpload`,
        json: { initializeUploadRequest: request },
      },
      false,
    ),
  );
  const urn = init[kind];
  if (typeof urn !== 'string') throw new Transient(`LinkedIn ${kind} registration answered without a URN.`);
  if (kind === 'video') {
    const instructions = Array.isArray(init.uploadInstructions)
      ? (init.uploadInstructions as Record<string, unknown>[])
      : [];
    const partIds: string[] = [];
    for (const part of instructions) {
      const answer = await put(
        context,
        String(part.uploadUrl),
        bytes.subarray(Number(part.firstByte), Number(part.lastByte) + 1),
      );
      partIds.push(answer.headers.get('etag') ?? '');
    }
    await rest(
      context,
      {
        method: 'POST',
        url: '/rest/videos?action=finalizeUpload',
        json: {
          finalizeUploadRequest: {
            video: urn,
            uploadToken: typeof init.uploadToken === 'string' ? init.uploadToken : '',
            uploadedPartIds: partIds,
          },
        },
      },
      false,
    );
  } else {
    if (typeof init.uploadUrl !== 'string')
      throw new Transient(`LinkedIn ${kind} registration answered without an upload URL.`);
    await put(context, init.uploadUrl, bytes);
  }
  await waitUntilAvailable(context, collection, urn);
  return urn;
}

async function waitUntilAvailable(context: Context, collection: string, urn: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const status = (await rest(context, { method: 'GET', url: `/rest/${collection}/${encoded(urn)}` }, false)).body as {
      status?: unknown;
    };
    if (status.status === 'AVAILABLE') return;
    if (status.status === 'PROCESSING_FAILED') throw new Transient(`LinkedIn could not process ${urn}.`);
    if (Date.now() - started > maxProcessingWaitMs) throw new Transient(`LinkedIn is still processing ${urn}.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * LinkedIn serves OAuth from www.linkedin.com while the API is on api.linkedin.com; a simulator serves both.
 * @example linkedinOAuthBase('https://api.linkedin.com') // 'https://www.linkedin.com'
 */
export function linkedinOAuthBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.hostname === 'api.linkedin.com') url.hostname = 'www.linkedin.com';
  return url.origin;
}

/** `POST /oauth/v2/accessToken` (form, client secret in the body). */
export async function requestToken(
  context: Context,
  client: OAuthClient,
  form: Record<string, string>,
): Promise<unknown> {
  const response = await send(
    { ...context, baseUrl: linkedinOAuthBase(context.baseUrl) },
    {
      method: 'POST',
      url: '/oauth/v2/accessToken',
      form: { ...form, client_id: client.clientId, client_secret: client.clientSecret },
    },
    false,
  );
  if (response.status >= 400) throw linkedinTokenError(response);
  return response.body;
}
