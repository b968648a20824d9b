import type { z } from 'zod';

/** One field's complaint from a `validation_failed` answer; `path` has its `body.` prefix removed. */
export type FieldIssue = { path: string; message: string };

/** Any answer that is not a success: the server's `{error:{code,message,details}}`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The per-field issues of a `validation_failed` answer, keyed by field name. */
  fieldIssues(): FieldIssue[] {
    if (this.code !== 'validation_failed' || !Array.isArray(this.details)) return [];
    const issues: FieldIssue[] = [];
    for (const item of this.details as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { path, message } = item as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || typeof message !== 'string') continue;
      issues.push({ path: path.replace(/^(body|query|params)\./, ''), message });
    }
    return issues;
  }
}

const CSRF_COOKIE = 'sillage_csrf';
const MUTATIONS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Remembers the token from `GET /api/session` (or a login) to send back on every mutation. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated call answers 401, so the app can go back to the login page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** The CSRF token to send on a mutation made outside `api` (an upload with progress through XMLHttpRequest). */
export function currentCsrfToken(): string | null {
  return csrfToken ?? readCsrfCookie();
}

function readCsrfCookie(): string | null {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : null;
}

type RequestOptions = {
  body?: unknown;
  signal?: AbortSignal;
  /** Public calls (login, set-up, invitations) answer 401 for wrong credentials: do not treat it as "signed out". */
  publicCall?: boolean;
};

async function request<Schema extends z.ZodType>(
  method: string,
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.infer<Schema>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (MUTATIONS.has(method)) {
    const token = csrfToken ?? readCsrfCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'The server cannot be reached.', undefined, null);
  }
  const payload: unknown = response.status === 204 ? {} : await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response, payload, options.publicCall === true);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'invalid_response',
      `Unexpected answer from ${path}.`,
      parsed.error.issues,
      null,
    );
  }
  return parsed.data;
}

function toApiError(response: Response, payload: unknown, publicCall: boolean): ApiError {
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  const body = typeof payload === 'object' && payload !== null ? (payload as { error?: unknown }).error : undefined;
  const error = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof error['code'] === 'string' ? error['code'] : `http_${response.status}`;
  const message = typeof error['message'] === 'string' ? error['message'] : response.statusText;
  if (response.status === 401 && !publicCall) unauthenticatedListeners.forEach((listener) => listener());
  return new ApiError(response.status, code, message, error['details'], retryAfter);
}

/** The JSON API, on the same origin; each call checks the answer against its contract schema. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('GET', path, schema, options),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown, options?: RequestOptions) =>
    request('POST', path, schema, { ...options, body: body ?? {} }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown, options?: RequestOptions) =>
    request('PATCH', path, schema, { ...options, body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown, options?: RequestOptions) =>
    request('PUT', path, schema, { ...options, body }),
  delete: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('DELETE', path, schema, options),
};

/** Builds a workspace-scoped path: `workspacePath(id, 'members', userId)`. */
export function workspacePath(workspaceId: string, ...segments: string[]): string {
  return ['/api/workspaces', workspaceId, ...segments]
    .map((part, index) => (index === 0 ? part : encodeURIComponent(part)))
    .join('/');
}
