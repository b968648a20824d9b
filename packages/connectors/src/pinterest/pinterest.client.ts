/**
 * HTTP calls to Pinterest API v5 (`https://api.pinterest.com/v5`): create and list Pins, delete, OAuth tokens
 * with HTTP Basic client authentication.
 */
import type { ConnectorContext, OAuthClient } from '../connector.ts';
import { OutcomeUnknown, Transient } from '../errors.ts';
import { pinterestError, type CallPhase, type PinCreateBody, type PinterestResponse } from './pinterest.mapper.ts';

const requestTimeoutMs = 60_000;
const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type PinterestContext = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'> & { accessToken?: string };
type Call = { method: string; path: string; json?: unknown; form?: Record<string, string>; basic?: OAuthClient };

/** The API root: `/v5` under the base URL (`https://api.pinterest.com` or a simulator). */
function apiUrl(baseUrl: string, path: string): URL {
  return new URL(`/v5${path}`, baseUrl);
}

async function send(context: PinterestContext, call: Call, phase: CallPhase): Promise<PinterestResponse> {
  const headers: Record<string, string> = {};
  if (call.basic)
    headers.authorization = `Basic ${Buffer.from(`${call.basic.clientId}:${call.basic.clientSecret}`).toString('base64')}`;
  else if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
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
    response = await context.fetch(apiUrl(context.baseUrl, call.path), {
      method: call.method,
      headers,
      body,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const refused = typeof cause?.code === 'string' && neverSentCodes.has(cause.code);
    const message = `${call.method} /v5${call.path.split('?')[0]}: ${(error as Error).message}`;
    if (phase === 'read' || refused) throw new Transient(message);
    throw new OutcomeUnknown(`${message} (the Pin may have been created)`);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { message: text.slice(0, 200) };
  }
  const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  return { status: response.status, headers: response.headers, body: record };
}

async function api(context: PinterestContext, call: Call, phase: CallPhase): Promise<Record<string, unknown>> {
  const response = await send(context, call, phase);
  if (response.status >= 400) throw pinterestError(response, phase, context.now());
  return response.body;
}

/** `POST /v5/pins`. */
export function createPin(context: PinterestContext, body: PinCreateBody) {
  return api(context, { method: 'POST', path: '/pins', json: body }, 'create');
}

/** `GET /v5/pins?page_size=100`: the account's newest Pins. */
export function listPins(context: PinterestContext) {
  return api(context, { method: 'GET', path: '/pins?page_size=100' }, 'read');
}

/** `GET /v5/user_account`: the account behind the token. */
export function getUserAccount(context: PinterestContext) {
  return api(context, { method: 'GET', path: '/user_account' }, 'read');
}

/** `DELETE /v5/pins/{pin_id}`. */
export async function deletePin(context: PinterestContext, id: string): Promise<void> {
  await api(context, { method: 'DELETE', path: `/pins/${encodeURIComponent(id)}` }, 'read');
}

/** `POST /v5/oauth/token` with Basic client auth; the caller maps the answer (errors included). */
export function requestPinterestToken(context: PinterestContext, client: OAuthClient, form: Record<string, string>) {
  return send(context, { method: 'POST', path: '/oauth/token', form, basic: client }, 'read');
}
