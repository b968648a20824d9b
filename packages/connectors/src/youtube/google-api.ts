/**
 * What YouTube and Google Business Profile share: Google's HTTP transport, its JSON error object
 * (`{"error":{"code","message","status","errors":[{"reason","domain"}]}}`) and its OAuth 2.0 endpoints.
 */
import { addLocalDays, utcToZoned, zonedToUtc } from '@sillage/domain';
import type { ConnectorContext, OAuthClient, TokenSet } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';

/** How long one call may take before we give up on it (ms); uploads pass their own. */
const defaultTimeoutMs = 60_000;
/** When Google answers 429 without Retry-After, wait this long (s). */
const defaultRetryAfterSeconds = 60;

export type GoogleContext = Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'> & { accessToken?: string };
export type GoogleResponse = { status: number; headers: Headers; body: Record<string, unknown> };
/** `read` calls are safe to retry; `create` calls may have made a post when their answer is lost. */
export type CallPhase = 'read' | 'create';

const neverSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when fetch failed before any byte of the request could reach the server. */
export function refusedBeforeSending(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' && neverSentCodes.has(cause.code);
}

/**
 * One HTTP call with Google's conventions: Bearer token, JSON or form body, JSON answer. Network failures
 * become Transient (read, or refused) or OutcomeUnknown (a create whose body may have arrived).
 * @example await googleSend(context, { method: 'GET', url: '/youtube/v3/channels?part=id&mine=true' }, 'read')
 */
export async function googleSend(
  context: GoogleContext,
  call: {
    method: string;
    url: string;
    json?: unknown;
    form?: Record<string, string>;
    bytes?: Uint8Array;
    headers?: Record<string, string>;
    timeoutMs?: number;
  },
  phase: CallPhase,
): Promise<GoogleResponse> {
  const headers: Record<string, string> = { ...call.headers };
  if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
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
      // YouTube's "308 Resume Incomplete" is not a redirect: never follow it.
      redirect: 'manual',
      signal: AbortSignal.timeout(call.timeoutMs ?? defaultTimeoutMs),
    });
  } catch (error) {
    const message = `${call.method} ${call.url}: ${(error as Error).message}`;
    if (phase === 'read' || refusedBeforeSending(error)) throw new Transient(message);
    throw new OutcomeUnknown(`${message} (the request may have been accepted)`);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { error: { message: text.slice(0, 200) } };
  }
  const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  return { status: response.status, headers: response.headers, body: record };
}

type GoogleErrorBody = {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; domain?: string }[] };
};

/** The first midnight in America/Los_Angeles after `now`: when Google's daily API quotas reset. */
export function nextPacificMidnight(now: Date): Date {
  const timeZone = 'America/Los_Angeles';
  const today = utcToZoned(now, timeZone).date;
  const next = zonedToUtc({ date: addLocalDays(today, 1), time: '00:00', timeZone });
  return next.ok ? next.instant : new Date(now.getTime() + 24 * 3600_000);
}

function retryAfter(headers: Headers, now: Date): Date {
  const header = headers.get('retry-after');
  const seconds = header && /^\d+$/.test(header) ? Number(header) : undefined;
  if (seconds !== undefined) return new Date(now.getTime() + seconds * 1000);
  const date = header ? new Date(header) : undefined;
  if (date && !Number.isNaN(date.getTime())) return date;
  return new Date(now.getTime() + defaultRetryAfterSeconds * 1000);
}

/**
 * Google's error object as our error types: 401 -> AuthExpired (refreshable), quota reasons -> RateLimited
 * until the next Pacific midnight, 429/rateLimitExceeded -> RateLimited, 5xx on a create -> OutcomeUnknown.
 * @example mapGoogleError({ status: 403, headers, body: { error: { errors: [{ reason: 'quotaExceeded' }] } } }, 'create', now)
 */
export function mapGoogleError(response: GoogleResponse, phase: CallPhase, now: Date): Error {
  const error = (response.body as GoogleErrorBody).error ?? {};
  const reasons = (error.errors ?? []).map((item) => item.reason ?? '');
  const message = `${response.status} ${error.status ?? ''} ${error.message ?? ''}`.replace(/\s+/g, ' ').trim();
  const reason = reasons[0] ?? error.status ?? String(response.status);
  if (reasons.includes('quotaExceeded') || reasons.includes('dailyLimitExceeded'))
    return new RateLimited(`Google API daily quota used up: ${message}`, nextPacificMidnight(now), 'quota');
  if (reasons.includes('uploadLimitExceeded'))
    return new RateLimited(`The channel reached its upload limit: ${message}`, nextPacificMidnight(now), 'quota');
  if (response.status === 429 || reasons.includes('rateLimitExceeded') || reasons.includes('userRateLimitExceeded'))
    return new RateLimited(`Google rate limit: ${message}`, retryAfter(response.headers, now), 'account');
  if (response.status === 401) return new AuthExpired(`Google refused the access token: ${message}`, true);
  if (response.status >= 500) {
    if (phase === 'create') return new OutcomeUnknown(`Google answered ${message} to a create call`);
    return new Transient(`Google answered ${message}`);
  }
  return new Rejected(`Google refused the request: ${message}`, reason);
}

/** The Google OAuth host that goes with an API host: the real one for googleapis.com, else the same (a simulator). */
function oauthUrl(baseUrl: string, real: string, simulatedPath: string): string {
  return new URL(baseUrl).hostname.endsWith('googleapis.com') ? real : new URL(simulatedPath, baseUrl).toString();
}

/**
 * Google's consent URL (`access_type=offline` for a refresh token, PKCE S256 when a challenge is given).
 * @example googleAuthorizeUrl('https://www.googleapis.com', client, { state: 's' }, ['https://www.googleapis.com/auth/youtube.upload'])
 */
export function googleAuthorizeUrl(
  baseUrl: string,
  client: OAuthClient,
  input: { state: string; codeChallenge?: string; scopes?: readonly string[] },
  defaultScopes: readonly string[],
): string {
  const url = new URL(oauthUrl(baseUrl, 'https://accounts.google.com/o/oauth2/v2/auth', '/o/oauth2/v2/auth'));
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
    scope: (input.scopes ?? defaultScopes).join(' '),
    state: input.state,
    ...(input.codeChallenge ? { code_challenge: input.codeChallenge, code_challenge_method: 'S256' } : {}),
  }).toString();
  return url.toString();
}

/**
 * `POST https://oauth2.googleapis.com/token` (or a simulator's `/token`): a code or a refresh token for a
 * token set. `invalid_grant` (revoked, expired) -> AuthExpired(refreshable false).
 * @example await googleToken(context, client, { grant_type: 'refresh_token', refresh_token: '1//x' })
 */
export async function googleToken(
  context: Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'now'>,
  client: OAuthClient,
  form: Record<string, string>,
): Promise<TokenSet> {
  const url = oauthUrl(context.baseUrl, 'https://oauth2.googleapis.com/token', '/token');
  const response = await googleSend(
    context,
    { method: 'POST', url, form: { ...form, client_id: client.clientId, client_secret: client.clientSecret } },
    'read',
  );
  const body = response.body as {
    access_token?: unknown;
    refresh_token?: unknown;
    expires_in?: unknown;
    scope?: unknown;
    error?: unknown;
    error_description?: unknown;
  };
  if (response.status >= 400 || typeof body.access_token !== 'string') {
    const code = typeof body.error === 'string' ? body.error : String(response.status);
    const description = typeof body.error_description === 'string' ? body.error_description : '';
    if (response.status >= 500) throw new Transient(`Google token endpoint answered ${response.status}`);
    if (code === 'invalid_grant')
      throw new AuthExpired(`Google refused the grant: ${description || code}; reconnect the account.`, false);
    throw new Rejected(`Google token endpoint: ${code} ${description}`.trim(), code);
  }
  return {
    accessToken: body.access_token,
    // Google does not return a new refresh token on refresh: keep the one we have.
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : form.refresh_token,
    expiresAt:
      typeof body.expires_in === 'number' ? new Date(context.now().getTime() + body.expires_in * 1000) : undefined,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : undefined,
  };
}
