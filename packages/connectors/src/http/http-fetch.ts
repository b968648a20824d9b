/**
 * The HTTP client the connectors call the networks through: a `fetch` (same signature, same answers and
 * errors) on Node's own http(s) client with pooled keep-alive connections, for the hot publishing path.
 * Undici's `fetch` builds web streams, a cloned request and abort-signal plumbing for every request; here a
 * request is one `http.request` whose answer is read into memory, a call's deadline is one abort group and a
 * request's own timeout is one timer, not an `AbortSignal.timeout` plus an `AbortSignal.any` per request.
 *
 * What it does not send itself (a `Request` object, a FormData, Blob or stream body, a non-http URL) goes
 * to the fallback `fetch` (the global one by default) with the same signals and timeout.
 */
import http from 'node:http';
import https from 'node:https';
import { AnswerHeaders, HttpAnswer } from './http-response.ts';

const NATIVE = Symbol('sillage.httpFetch');
const TIMEOUT = Symbol('sillage.httpFetch.timeoutMs');
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
const NO_BODY = Symbol('no body');

export type HttpFetchOptions = {
  /**
   * How long an idle connection waits for the next request (ms), below the servers' own keep-alive
   * timeouts so a request never goes out on a connection the server is closing; a server's shorter
   * `Keep-Alive: timeout=` hint wins. Default 4 s (as undici).
   */
  idleMs?: number;
  /** Sends what this client does not (default: the global `fetch`, looked up at each call). */
  fallback?: typeof fetch;
};

/** Aborts every request of one call at once (a call's deadline). */
type AbortGroup = {
  aborted: boolean;
  reason: Error | undefined;
  requests: Set<(reason: Error) => void>;
  controller?: AbortController;
};

type NativeFetch = typeof fetch & { [NATIVE]: (groups: readonly AbortGroup[]) => typeof fetch };
type TimedInit = RequestInit & { [TIMEOUT]?: number };

const isNative = (fetchImpl: typeof fetch): fetchImpl is NativeFetch =>
  typeof (fetchImpl as Partial<NativeFetch>)[NATIVE] === 'function';

/** A fetch on pooled keep-alive node:http(s) agents (one pool per client). */
export function createHttpFetch(options: HttpFetchOptions = {}): typeof fetch {
  const idleMs = options.idleMs ?? 4_000;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: idleMs }),
    'https:': new https.Agent({ keepAlive: true, timeout: idleMs }),
  };
  const fallback = (input: Parameters<typeof fetch>[0], init: RequestInit | undefined) =>
    (options.fallback ?? globalThis.fetch)(input, init);

  function bound(groups: readonly AbortGroup[]): typeof fetch {
    const fetchImpl = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      send(input, init, groups)) as NativeFetch;
    fetchImpl[NATIVE] = (more) => bound([...groups, ...more]);
    return fetchImpl;
  }

  function send(input: Parameters<typeof fetch>[0], init: TimedInit | undefined, groups: readonly AbortGroup[]) {
    const timeoutMs = init?.[TIMEOUT];
    const body = encodeBody(init?.body);
    if (body === undefined || !(typeof input === 'string' || input instanceof URL))
      return viaFallback(fallback, input, init, groups, timeoutMs);
    let url: URL;
    try {
      url = input instanceof URL ? input : new URL(input);
    } catch (error) {
      return Promise.reject(new TypeError(`Failed to parse URL from ${String(input)}`, { cause: error }));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return viaFallback(fallback, input, init, groups, timeoutMs);
    const method = normalizeMethod(init?.method ?? 'GET');
    if ((method === 'GET' || method === 'HEAD') && body.data !== NO_BODY)
      return Promise.reject(new TypeError('Request with GET/HEAD method cannot have body.'));
    const headers = headerRecord(init?.headers);
    if (body.type !== undefined && headers['content-type'] === undefined) headers['content-type'] = body.type;
    headers.accept ??= '*/*';
    return request({
      agents,
      url,
      method,
      headers,
      data: body.data,
      redirect: init?.redirect ?? 'follow',
      signal: init?.signal ?? undefined,
      groups,
      timeoutMs,
    });
  }

  return bound([]);
}

/**
 * A fetch whose requests all abort when `abort` is called, for a call's deadline. On a `createHttpFetch`
 * client the requests join one abort group; on any other fetch each request's signal is combined with the
 * group's.
 */
export function abortableFetch(fetchImpl: typeof fetch): { fetch: typeof fetch; abort: (reason?: unknown) => void } {
  if (isNative(fetchImpl)) {
    const group: AbortGroup = { aborted: false, reason: undefined, requests: new Set() };
    return { fetch: fetchImpl[NATIVE]([group]), abort: (reason) => abortGroup(group, reason) };
  }
  const controller = new AbortController();
  return {
    fetch: (input, init) =>
      fetchImpl(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal,
      }),
    abort: (reason) => controller.abort(reason),
  };
}

/**
 * The `fetch` options that bound one request to `timeoutMs` (its answer included), rejecting with a
 * TimeoutError as `AbortSignal.timeout` does: a plain timer on a `createHttpFetch` client, that signal on any
 * other fetch. Spread them into the request's options.
 * @example await context.fetch(url, { method: 'POST', body, ...requestTimeout(context.fetch, 30_000) })
 */
export function requestTimeout(fetchImpl: typeof fetch, timeoutMs: number): RequestInit {
  if (isNative(fetchImpl)) return { [TIMEOUT]: timeoutMs } as TimedInit;
  return { signal: AbortSignal.timeout(timeoutMs) };
}

function abortGroup(group: AbortGroup, reason: unknown): void {
  if (group.aborted) return;
  group.aborted = true;
  group.reason = (reason as Error | undefined) ?? new DOMException('This operation was aborted', 'AbortError');
  group.controller?.abort(group.reason);
  for (const abort of [...group.requests]) abort(group.reason);
}

function viaFallback(
  fallback: (input: Parameters<typeof fetch>[0], init: RequestInit | undefined) => Promise<Response>,
  input: Parameters<typeof fetch>[0],
  init: TimedInit | undefined,
  groups: readonly AbortGroup[],
  timeoutMs: number | undefined,
): Promise<Response> {
  const signals: AbortSignal[] = [];
  if (init?.signal) signals.push(init.signal);
  for (const group of groups) {
    group.controller ??= new AbortController();
    if (group.aborted) group.controller.abort(group.reason);
    signals.push(group.controller.signal);
  }
  if (timeoutMs !== undefined) signals.push(AbortSignal.timeout(timeoutMs));
  const signal = signals.length <= 1 ? signals[0] : AbortSignal.any(signals);
  return fallback(input, signal ? { ...init, signal } : init);
}

/** The body as bytes or text with its default content type; undefined for what only the fallback sends. */
function encodeBody(body: RequestInit['body']): { data: string | Buffer | typeof NO_BODY; type?: string } | undefined {
  if (body === undefined || body === null) return { data: NO_BODY };
  if (typeof body === 'string') return { data: body, type: 'text/plain;charset=UTF-8' };
  if (body instanceof URLSearchParams)
    return { data: body.toString(), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (body instanceof ArrayBuffer) return { data: Buffer.from(body) };
  if (ArrayBuffer.isView(body)) return { data: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  return undefined;
}

const upperCased = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** As fetch does: the six standard methods are upper-cased whatever their case, others sent as given. */
function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return upperCased.has(upper) ? upper : method;
}

/** Request headers as a plain object with lower-case names (repeated names joined with ", "). */
function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    record[key] = record[key] === undefined ? value : `${record[key]}, ${value}`;
  };
  if (!headers) return record;
  if (Array.isArray(headers)) for (const [name, value] of headers) add(String(name), String(value));
  else if (typeof (headers as Headers).forEach === 'function')
    (headers as Headers).forEach((value, name) => add(name, value));
  else
    for (const [name, value] of Object.entries(headers as Record<string, string | readonly string[]>))
      add(name, typeof value === 'string' ? value : value.join(', '));
  return record;
}

/** One request (and its redirects) until the answer's headers; the body is read in the background. */
function request(input: {
  agents: { 'http:': http.Agent; 'https:': https.Agent };
  url: URL;
  method: string;
  headers: Record<string, string>;
  data: string | Buffer | typeof NO_BODY;
  redirect: NonNullable<RequestInit['redirect']>;
  signal: AbortSignal | undefined;
  groups: readonly AbortGroup[];
  timeoutMs: number | undefined;
}): Promise<Response> {
  const { agents, signal, groups } = input;
  return new Promise<Response>((resolve, reject) => {
    // Abort reasons are the signal's own (an AbortError or TimeoutError DOMException, unless the caller chose).
    if (signal?.aborted) return reject(signal.reason as Error);
    const abortedGroup = groups.find((group) => group.aborted);
    if (abortedGroup?.reason) return reject(abortedGroup.reason);

    let current: http.ClientRequest | undefined;
    let finished = false;
    // Once the answer is handed out, a failure fails its body instead.
    let failBody: ((reason: Error) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onSignal);
      for (const group of groups) group.requests.delete(abort);
    };
    const fail = (reason: Error) => {
      if (finished) return;
      finish();
      if (failBody) failBody(reason);
      else reject(reason);
    };
    function abort(reason: Error) {
      if (finished) return;
      fail(reason);
      current?.destroy();
    }
    function onSignal() {
      abort(signal?.reason as Error);
    }
    signal?.addEventListener('abort', onSignal, { once: true });
    for (const group of groups) group.requests.add(abort);
    if (input.timeoutMs !== undefined)
      timer = setTimeout(
        () => abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
        input.timeoutMs,
      );

    const go = (
      url: URL,
      method: string,
      headers: Record<string, string>,
      data: string | Buffer | typeof NO_BODY,
      redirectsLeft: number,
    ) => {
      const sent = { ...headers };
      if (data !== NO_BODY) sent['content-length'] = String(Buffer.byteLength(data));
      else if (method === 'POST' || method === 'PUT' || method === 'PATCH') sent['content-length'] = '0';
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request({
        protocol: url.protocol,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers: sent,
        agent: agents[url.protocol as 'http:' | 'https:'],
      });
      current = req;
      req.on('error', (error) => fail(failBody ? new TypeError('terminated', { cause: error }) : fetchFailed(error)));
      req.on('response', (res) => {
        if (finished) return void res.destroy();
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location !== undefined && input.redirect !== 'manual') {
          res.resume();
          if (input.redirect === 'error') return fail(fetchFailed(new Error('unexpected redirect')));
          if (redirectsLeft === 0) return fail(fetchFailed(new Error('redirect count exceeded')));
          let next: URL;
          try {
            next = new URL(location, url);
          } catch (error) {
            return fail(fetchFailed(error));
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:')
            return fail(fetchFailed(new Error(`URL scheme must be a HTTP(S) scheme: ${next.protocol}`)));
          // As fetch: 303 (and 301/302 after a POST) becomes a GET without the body; credentials stay at their origin.
          const toGet =
            (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
          const nextHeaders = { ...headers };
          if (toGet)
            for (const name of [
              'content-type',
              'content-length',
              'content-encoding',
              'content-language',
              'content-location',
            ])
              delete nextHeaders[name];
          if (next.origin !== url.origin) {
            delete nextHeaders.authorization;
            delete nextHeaders.cookie;
            delete nextHeaders['proxy-authorization'];
          }
          return go(next, toGet ? 'GET' : method, nextHeaders, toGet ? NO_BODY : data, redirectsLeft - 1);
        }
        const bytes = new Promise<Buffer>((resolveBody, rejectBody) => {
          failBody = rejectBody;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (finished) return;
            finish();
            resolveBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
          });
          res.on('error', (error) => fail(new TypeError('terminated', { cause: error })));
          res.on('close', () => {
            if (!res.complete) fail(new TypeError('terminated', { cause: new Error('other side closed') }));
          });
        });
        const answer = new HttpAnswer({
          status,
          statusText: res.statusMessage ?? '',
          headers: new AnswerHeaders(res.headers),
          url: url.toString(),
          redirected: redirectsLeft < MAX_REDIRECTS,
          bytes,
        });
        resolve(answer);
      });
      if (data === NO_BODY) req.end();
      else req.end(data);
    };
    go(input.url, input.method, input.headers, input.data, MAX_REDIRECTS);
  });
}

/** How fetch reports a request that got no answer: a TypeError whose cause holds the system error code. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}
