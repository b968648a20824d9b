/**
 * HTTP calls to one Mastodon instance (platforms.md §11): app registration, OAuth token, statuses with an
 * Idempotency-Key, media upload (v2, with processing poll), the account's statuses.
 */
import type { ConnectorContext, OAuthClient } from '../connector.ts';
import { OutcomeUnknown, Rejected, Transient } from '../errors.ts';
import {
  mastodonError,
  mastodonErrorMessage,
  type MastodonResponse,
  type MastodonStatusBody,
} from './mastodon.mapper.ts';

/** How long one call may take before we give up on it (ms). */
const requestTimeoutMs = 30_000;
/** Never wait for media processing longer than this (ms). */
const maxProcessingWaitMs = 120_000;

export type MastodonContext = Pick<ConnectorContext, 'fetch' | 'now'> & { instanceUrl: string; accessToken?: string };
type Call = { method: string; path: string; json?: unknown; form?: FormData; headers?: Record<string, string> };

// A refused or unresolved connection never carried our body; anything else (reset, timeout) may have.
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

async function send(context: MastodonContext, call: Call, creates: boolean): Promise<MastodonResponse> {
  const headers: Record<string, string> = { ...call.headers };
  if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
  let body: string | FormData | undefined = call.form;
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  }
  let response: Response;
  try {
    response = await context.fetch(new URL(call.path, context.instanceUrl), {
      method: call.method,
      headers,
      body,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : '';
    const reason = `${call.method} ${call.path} failed: ${(error as Error).message} ${code}`.trim();
    if (!creates || neverSentCodes.has(code)) throw new Transient(reason);
    throw new OutcomeUnknown(reason);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { error: text.slice(0, 200) };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

async function call(context: MastodonContext, request: Call, creates: boolean): Promise<MastodonResponse> {
  const response = await send(context, request, creates);
  if (response.status >= 400) throw mastodonError(response, { sent: creates, now: context.now() });
  return response;
}

/** `POST /api/v1/statuses` with `Idempotency-Key`: the instance answers the same Status for a repeated key. */
export function createStatus(
  context: MastodonContext,
  body: MastodonStatusBody,
  idempotencyKey: string,
): Promise<MastodonResponse> {
  return call(
    context,
    { method: 'POST', path: '/api/v1/statuses', json: body, headers: { 'idempotency-key': idempotencyKey } },
    true,
  );
}

/** `GET /api/v1/accounts/verify_credentials`: the account the token acts for. */
export function verifyCredentials(context: MastodonContext): Promise<MastodonResponse> {
  return call(context, { method: 'GET', path: '/api/v1/accounts/verify_credentials' }, false);
}

/** `DELETE /api/v1/statuses/:id`. */
export async function deleteStatus(context: MastodonContext, id: string): Promise<void> {
  await call(context, { method: 'DELETE', path: `/api/v1/statuses/${encodeURIComponent(id)}` }, false);
}

/** `GET /api/v1/statuses/:id`: one status with its counters; null when the instance no longer has it (404). */
export async function getStatus(context: MastodonContext, id: string): Promise<MastodonResponse | null> {
  const response = await send(context, { method: 'GET', path: `/api/v1/statuses/${encodeURIComponent(id)}` }, false);
  if (response.status === 404) return null;
  if (response.status >= 400) throw mastodonError(response, { sent: false, now: context.now() });
  return response;
}

/** `GET /api/v1/accounts/:id/statuses` (newest first, 40 at most). */
export function listAccountStatuses(context: MastodonContext, accountId: string): Promise<MastodonResponse> {
  return call(
    context,
    { method: 'GET', path: `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?limit=40` },
    false,
  );
}

/**
 * `POST /api/v2/media` (multipart `file`, `description`); on 202 polls `GET /api/v1/media/:id` until it is
 * processed (206 while processing). Returns the attachment id.
 */
export async function uploadMedia(
  context: MastodonContext,
  bytes: Uint8Array,
  mimeType: string,
  description?: string,
): Promise<string> {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: mimeType }), `upload.${mimeType.split('/')[1] ?? 'bin'}`);
  if (description) form.set('description', description);
  const uploaded = await call(context, { method: 'POST', path: '/api/v2/media', form }, false);
  const id = (uploaded.body as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Transient('Mastodon media upload answered without an id.');
  const started = Date.now();
  let status = uploaded.status;
  while (status === 202 || status === 206) {
    if (Date.now() - started > maxProcessingWaitMs) throw new Transient(`Mastodon is still processing media ${id}.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    status = (await call(context, { method: 'GET', path: `/api/v1/media/${encodeURIComponent(id)}` }, false)).status;
  }
  return id;
}

/** `POST /api/v1/apps`: registers Sillage on an instance, which gives the client id and secret for OAuth. */
export async function registerApp(
  context: MastodonContext,
  input: { clientName: string; redirectUri: string; scopes: string; website?: string },
): Promise<{ clientId: string; clientSecret: string }> {
  const response = await call(
    context,
    {
      method: 'POST',
      path: '/api/v1/apps',
      json: {
        client_name: input.clientName,
        redirect_uris: [input.redirectUri],
        scopes: input.scopes,
        ...(input.website ? { website: input.website } : {}),
      },
    },
    false,
  );
  const app = response.body as { client_id?: unknown; client_secret?: unknown };
  if (typeof app.client_id !== 'string' || typeof app.client_secret !== 'string')
    throw new Transient('Mastodon app registration answered without client credentials.');
  return { clientId: app.client_id, clientSecret: app.client_secret };
}

/** `POST /oauth/token` (authorization_code grant, with the PKCE verifier when given). */
export async function requestToken(
  context: MastodonContext,
  client: OAuthClient,
  input: { code: string; codeVerifier?: string },
): Promise<unknown> {
  const response = await send(
    context,
    {
      method: 'POST',
      path: '/oauth/token',
      json: {
        grant_type: 'authorization_code',
        code: input.code,
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uri: client.redirectUri,
        ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
      },
    },
    false,
  );
  if (response.status >= 500) throw new Transient(`Mastodon token endpoint answered ${response.status}.`);
  if (response.status >= 400) throw new Rejected(`Mastodon refused the code: ${mastodonErrorMessage(response.body)}`);
  return response.body;
}
