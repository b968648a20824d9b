/**
 * TikTok's wire conventions for the simulator: the `{data, error}` envelope, error codes by status, and the
 * Login Kit OAuth endpoints (authorize auto-approves; token checks codes, PKCE and rotating refresh tokens).
 */
import { randomBytes } from 'node:crypto';
import type { ErrorStyle, Router, SimResponse } from '../kit/index.ts';
import { approveRedirect, type OAuthStore } from '../youtube/oauth-store.ts';

const httpCodes: Record<number, string> = {
  400: 'invalid_params',
  401: 'access_token_invalid',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limit_exceeded',
  500: 'internal_error',
};

/** A TikTok-looking `log_id` (timestamp-like prefix, random hex). */
export function logId(): string {
  return `2026${randomBytes(12).toString('hex').toUpperCase()}`;
}

/** TikTok's envelope: every answer has `data` and `error` (`code: "ok"` on success). */
export function envelope(data: unknown, code = 'ok', message = ''): unknown {
  return { data, error: { code, message, log_id: logId() } };
}

/** An error answer in the envelope, e.g. `fail(400, 'invalid_params', '…')`. */
export function fail(status: number, code: string, message: string): SimResponse {
  return { status, body: envelope({}, code, message) };
}

/** TikTok's error body and (absent) rate-limit headers, for the kit's injected faults. */
export const tiktokErrorStyle: ErrorStyle = {
  errorBody: (status, message) =>
    envelope({}, httpCodes[status] ?? (status >= 500 ? 'internal_error' : 'invalid_params'), message),
  // TikTok documents no rate-limit headers: a 429 says only `rate_limit_exceeded`.
  rateLimitHeaders: () => ({}),
};

/** Declares `/v2/auth/authorize/` and `/v2/oauth/token/`; `accountFor()` names the account that consents. */
export function tiktokOAuthRoutes(router: Router, oauth: OAuthStore, accountFor: () => string): void {
  router.route('GET', '/v2/auth/authorize/', (request) => {
    const redirectUri = request.query.get('redirect_uri');
    if (!redirectUri || !request.query.get('client_key')) return { status: 400, text: 'invalid_request' };
    const accountId = accountFor();
    const code = oauth.createCode({
      accountId,
      redirectUri,
      challenge: request.query.get('code_challenge') ?? undefined,
      method: request.query.get('code_challenge_method') ?? undefined,
    });
    return { status: 302, headers: { location: approveRedirect(redirectUri, code, request.query.get('state')) } };
  });

  router.route('POST', '/v2/oauth/token/', (request) => {
    const form = request.body as Record<string, string | undefined>;
    const error = (code: string, description: string): SimResponse => ({
      status: code === 'invalid_client' ? 401 : 400,
      body: { error: code, error_description: description, log_id: logId() },
    });
    if (!form.client_key || !form.client_secret) return error('invalid_client', 'Client key or secret is missing.');
    const result =
      form.grant_type === 'authorization_code'
        ? oauth.exchangeCode({
            code: form.code ?? '',
            redirectUri: form.redirect_uri,
            verifier: form.code_verifier,
          })
        : form.grant_type === 'refresh_token'
          ? oauth.refresh(form.refresh_token ?? '')
          : ({ ok: false, error: 'unsupported_grant_type', description: 'Unsupported grant type.' } as const);
    if (!result.ok) return error(result.error, result.description);
    return {
      status: 200,
      body: {
        open_id: result.tokens.accountId,
        scope: 'user.info.basic,video.publish,video.upload,video.list',
        access_token: result.tokens.accessToken,
        expires_in: result.tokens.expiresInSeconds,
        refresh_token: result.tokens.refreshToken,
        refresh_expires_in: 15_552_000,
        token_type: 'Bearer',
      },
    };
  });
}
