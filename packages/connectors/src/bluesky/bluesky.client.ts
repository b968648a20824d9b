/**
 * Bluesky's XRPC over HTTP, and nothing else: procedures are POST /xrpc/<nsid> with JSON (or raw bytes for
 * uploadBlob), queries are GET /xrpc/<nsid>?params. Answers come back raw; the mapper interprets them.
 */
import type { ConnectorContext } from '../connector.ts';

export type XrpcAnswer = { status: number; headers: Headers; body: unknown };

/** The request could not be completed; `maybeSent` is false only when the connection was refused (nothing sent). */
export class XrpcNetworkError extends Error {
  override readonly name = 'XrpcNetworkError';
  constructor(
    message: string,
    readonly maybeSent: boolean,
  ) {
    super(message);
  }
}

type HttpContext = Pick<ConnectorContext, 'fetch'>;
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

async function call(
  context: HttpContext,
  host: string,
  nsid: string,
  init: {
    method: 'GET' | 'POST';
    token?: string;
    query?: Record<string, string>;
    json?: unknown;
    bytes?: Uint8Array;
    contentType?: string;
  },
): Promise<XrpcAnswer> {
  const url = new URL(`/xrpc/${nsid}`, host);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (init.bytes) {
    headers['content-type'] = init.contentType ?? 'application/octet-stream';
    body = init.bytes as Uint8Array<ArrayBuffer>;
  } else if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  let response: Response;
  try {
    response = await context.fetch(url, { method: init.method, headers, body });
  } catch (error) {
    const code = ((error as { cause?: { code?: unknown } }).cause?.code ?? '') as string;
    throw new XrpcNetworkError(`${nsid}: ${(error as Error).message} ${code}`.trim(), !notSentCodes.has(code));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new XrpcNetworkError(`${nsid}: the answer was cut off (${(error as Error).message})`, true);
  }
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { error: '', message: text.slice(0, 200) };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** com.atproto.server.createSession with an app password. */
export function createSession(context: HttpContext, host: string, input: { identifier: string; password: string }) {
  return call(context, host, 'com.atproto.server.createSession', { method: 'POST', json: input });
}

/** com.atproto.server.refreshSession: the refresh JWT as bearer, no body; both tokens are replaced. */
export function refreshSession(context: HttpContext, host: string, refreshJwt: string) {
  return call(context, host, 'com.atproto.server.refreshSession', { method: 'POST', token: refreshJwt });
}

/** com.atproto.server.getSession: the DID and handle behind an access JWT. */
export function getSession(context: HttpContext, host: string, token: string) {
  return call(context, host, 'com.atproto.server.getSession', { method: 'GET', token });
}

/** com.atproto.identity.resolveHandle: handle -> DID. */
export function resolveHandle(context: HttpContext, host: string, token: string, handle: string) {
  return call(context, host, 'com.atproto.identity.resolveHandle', { method: 'GET', token, query: { handle } });
}

/** com.atproto.repo.uploadBlob: raw bytes with their MIME type. */
export function uploadBlob(context: HttpContext, host: string, token: string, bytes: Uint8Array, mimeType: string) {
  return call(context, host, 'com.atproto.repo.uploadBlob', { method: 'POST', token, bytes, contentType: mimeType });
}

/** com.atproto.repo.createRecord with an explicit record key. */
export function createRecord(
  context: HttpContext,
  host: string,
  token: string,
  input: { repo: string; collection: string; rkey: string; record: unknown },
) {
  return call(context, host, 'com.atproto.repo.createRecord', { method: 'POST', token, json: input });
}

/** com.atproto.repo.getRecord (400 RecordNotFound when absent). */
export function getRecord(
  context: HttpContext,
  host: string,
  token: string,
  input: { repo: string; collection: string; rkey: string },
) {
  return call(context, host, 'com.atproto.repo.getRecord', { method: 'GET', token, query: input });
}

/** com.atproto.repo.deleteRecord. */
export function deleteRecord(
  context: HttpContext,
  host: string,
  token: string,
  input: { repo: string; collection: string; rkey: string },
) {
  return call(context, host, 'com.atproto.repo.deleteRecord', { method: 'POST', token, json: input });
}
