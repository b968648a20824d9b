import { OutcomeUnknown, Transient } from '../errors.ts';
import { mapGraphError, type CallPhase } from './graph-error.ts';

export type GraphParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** What a Graph call needs: no server, no clock of its own. */
export type GraphTransport = {
  fetch: typeof fetch;
  now: () => Date;
  /** The host and version, e.g. `https://graph.facebook.com/v26.0` (or a simulator's `http://127.0.0.1:4100/v26.0`). */
  apiRoot: string;
  accessToken?: string;
  /** Milliseconds before a call is abandoned. */
  timeoutMs?: number;
};

const defaultTimeoutMs = 60_000;

const notConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

// Undici wraps the socket error in `cause` (an AggregateError with `errors` when several addresses were tried).
function refusedBeforeSending(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  if (cause?.code && notConnected.has(cause.code)) return true;
  return Boolean(cause?.errors?.length && cause.errors.every((inner) => notConnected.has(inner.code ?? '')));
}

function toSearch(params: GraphParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search;
}

/**
 * One Graph API call: GET parameters go in the query, POST parameters in a form body, the token in an
 * `Authorization: Bearer` header. Errors come back as our types; `phase` says whether a lost answer may
 * hide a created post.
 * @example await graphCall(transport, 'POST', '/1234/feed', { message: 'Hi' }, 'create') // { id: '1234_5678' }
 */
export async function graphCall(
  transport: GraphTransport,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  params: GraphParams,
  phase: CallPhase,
): Promise<Record<string, unknown>> {
  const search = toSearch(params);
  const url = new URL(`${transport.apiRoot}${path}`);
  if (method !== 'POST') for (const [key, value] of search) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  if (transport.accessToken) headers.authorization = `Bearer ${transport.accessToken}`;
  if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  let response: Response;
  try {
    response = await transport.fetch(url, {
      method,
      headers,
      body: method === 'POST' ? search.toString() : undefined,
      signal: AbortSignal.timeout(transport.timeoutMs ?? defaultTimeoutMs),
    });
  } catch (error) {
    const message = `${method} ${path}: ${(error as Error).message}`;
    if (refusedBeforeSending(error) || phase === 'read') throw new Transient(message);
    throw new OutcomeUnknown(`${message} (the request may have been accepted)`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (response.ok && phase === 'create') throw new OutcomeUnknown(`${method} ${path}: unreadable answer`);
    body = { error: { message: (error as Error).message } };
  }
  if (!response.ok) {
    throw mapGraphError({ status: response.status, body, headers: response.headers, now: transport.now(), phase });
  }
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** The string id in a Graph answer, or undefined. */
export function idOf(body: Record<string, unknown>, field = 'id'): string | undefined {
  const value = body[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Parses Graph timestamps such as `2026-01-02T08:00:00+0000`. */
export function parseGraphTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Waits `ms` milliseconds (container status polling). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
