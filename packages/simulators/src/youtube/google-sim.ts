/**
 * What the YouTube and Google Business Profile simulators share: Google's error body, its 429 headers and
 * the OAuth 2.0 endpoints (`/o/oauth2/v2/auth` auto-approves, `/token` checks codes, PKCE and refresh tokens).
 */
import type { ErrorStyle, Router, SimRequest, SimResponse } from '../kit/index.ts';
import { approveRedirect, type OAuthStore } from './oauth-store.ts';

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

const defaultReasons: Record<number, string> = {
  400: 'badRequest',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

/** Google's JSON error object. */
export function googleErrorBody(status: number, message: string, reason?: string, domain = 'global'): unknown {
  return {
    error: {
      code: status,
      message,
      errors: [{ message, domain, reason: reason ?? defaultReasons[status] ?? 'unknown' }],
      status: statusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
    },
  };
}

export function googleError(status: number, message: string, reason?: string, domain?: string): SimResponse {
  return { status, body: googleErrorBody(status, message, reason, domain) };
}

export const googleErrorStyle: ErrorStyle = {
  errorBody: (status, message) => googleErrorBody(status, message),
  // Google sends Retry-After (seconds) on some 429s; no x-rate-limit-* family.
  rateLimitHeaders: (retryAfterSeconds) => ({ 'retry-after': String(retryAfterSeconds) }),
};

/** The 401 Google gives an expired or unknown access token. */
export function unauthenticated(): SimResponse {
  return googleError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    'authError',
  );
}

/** Declares Google's OAuth routes; `accountFor()` says which account the auto-approved consent belongs to. */
export function googleOAuthRoutes(router: Router, store: OAuthStore, accountFor: () => string): void {
  router.route('GET', '/o/oauth2/v2/auth', (request: SimRequest) => {
    const redirectUri = request.query.get('redirect_uri');
    if (!redirectUri || !request.query.get('client_id'))
      return { status: 400, text: 'Error 400: invalid_request (missing redirect_uri or client_id)' };
    const code = store.createCode({
      accountId: accountFor(),
      redirectUri,
      challenge: request.query.get('code_challenge') ?? undefined,
      method: request.query.get('code_challenge_method') ?? undefined,
    });
    return { status: 302, headers: { location: approveRedirect(redirectUri, code, request.query.get('state')) } };
  });
  router.route('POST', '/token', (request: SimRequest) => {
    const form = request.body as Record<string, string | undefined>;
    if (!form.client_id || !form.client_secret)
      return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    const result =
      form.grant_type === 'authorization_code'
        ? store.exchangeCode({ code: form.code ?? '', redirectUri: form.redirect_uri, verifier: form.code_verifier })
        : form.grant_type === 'refresh_token'
          ? store.refresh(form.refresh_token ?? '')
          : ({ ok: false, error: 'unsupported_grant_type', description: 'Invalid grant_type.' } as const);
    if (!result.ok) return { status: 400, body: { error: result.error, error_description: result.description } };
    const tokens = result.tokens;
    return {
      status: 200,
      body: {
        access_token: tokens.accessToken,
        expires_in: tokens.expiresInSeconds,
        // Like Google: a refresh token only on the first exchange.
        ...(form.grant_type === 'authorization_code' ? { refresh_token: tokens.refreshToken } : {}),
        scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/business.manage',
        token_type: 'Bearer',
      },
    };
  });
}
