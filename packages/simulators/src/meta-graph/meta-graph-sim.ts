import { createHash } from 'node:crypto';
import { numericId, simToken, type ErrorStyle, type SimRequest, type SimResponse } from '../kit/index.ts';

/**
 * The Graph API error object as a simulated answer.
 * @example graphError(400, 190, 'Error validating access token', 463)
 */
export function graphError(status: number, code: number, message: string, subcode?: number): SimResponse {
  return {
    status,
    body: {
      error: {
        message,
        type: code === 190 ? 'OAuthException' : status >= 500 ? 'FacebookApiException' : 'OAuthException',
        code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        is_transient: status >= 500,
        fbtrace_id: simToken('A').slice(0, 12),
      },
    },
  };
}

/**
 * Meta's error style for the kit: Graph error bodies, and on a 429 the `X-App-Usage` and
 * `X-Business-Use-Case-Usage` headers at 100 % with `estimated_time_to_regain_access` in minutes.
 * @example metaErrorStyle({ rateLimitCode: 80002, useCaseType: 'instagram', businessId: () => '1784' })
 */
export function metaErrorStyle(options: {
  rateLimitCode: number;
  useCaseType: string;
  businessId: () => string;
}): ErrorStyle {
  return {
    errorBody(status, message) {
      const code = status === 429 ? options.rateLimitCode : status === 401 ? 190 : status >= 500 ? 2 : 100;
      return graphError(status, code, message).body;
    },
    rateLimitHeaders(retryAfterSeconds) {
      const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
      return {
        'x-app-usage': JSON.stringify({ call_count: 100, total_time: 40, total_cputime: 35 }),
        'x-business-use-case-usage': JSON.stringify({
          [options.businessId()]: [
            {
              type: options.useCaseType,
              call_count: 100,
              total_cputime: 30,
              total_time: 45,
              estimated_time_to_regain_access: minutes,
            },
          ],
        }),
      };
    },
  };
}

/** Graph's timestamp format: `2026-01-02T08:00:00+0000`. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** A Graph numeric id. */
export const graphId = (): string => numericId(17);

type TokenRecord = { accountId: string; expiresAt?: Date; revoked: boolean };

/**
 * The simulated tokens of one Meta product. Meta has no refresh tokens: a long-lived token is exchanged for a
 * new one while it is still valid; an expired or revoked token is refused with code 190.
 */
export function createMetaTokens(now: () => Date) {
  const tokens = new Map<string, TokenRecord>();
  const check = (token: string | undefined): { accountId: string } | SimResponse => {
    const record = token ? tokens.get(token) : undefined;
    if (!record) return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token', 467);
    if (record.revoked)
      return graphError(400, 190, 'Error validating access token: The session has been invalidated.', 460);
    if (record.expiresAt && record.expiresAt.getTime() <= now().getTime())
      return graphError(400, 190, 'Error validating access token: Session has expired.', 463);
    return { accountId: record.accountId };
  };
  return {
    issue(accountId: string, lifetimeSeconds?: number): string {
      const token = simToken('EAAB');
      const expiresAt = lifetimeSeconds ? new Date(now().getTime() + lifetimeSeconds * 1000) : undefined;
      tokens.set(token, { accountId, expiresAt, revoked: false });
      return token;
    },
    check,
    /** The caller's account from `Authorization: Bearer`, `Authorization: OAuth` or `access_token`. */
    authenticate(request: SimRequest): { accountId: string } | SimResponse {
      const header = request.headers.authorization;
      const fromHeader = typeof header === 'string' ? header.replace(/^(Bearer|OAuth)\s+/i, '') : undefined;
      const fromParams = request.query.get('access_token') ?? request.body.access_token;
      return check(fromHeader ?? (typeof fromParams === 'string' ? fromParams : undefined));
    },
    expire(token: string): void {
      const record = tokens.get(token);
      if (record) record.expiresAt = new Date(now().getTime() - 1000);
    },
    revoke(token: string): void {
      const record = tokens.get(token);
      if (record) record.revoked = true;
    },
  };
}

export type MetaTokens = ReturnType<typeof createMetaTokens>;

type PendingCode = { accountId: string; redirectUri: string; codeChallenge?: string };

/**
 * Authorization codes: the authorize page approves at once (for `sim_account` or the given default account)
 * and redirects with `code` and `state`; a code is redeemed once, with the same redirect_uri and, when a
 * challenge was sent, the PKCE S256 verifier.
 */
export function createOAuthCodes() {
  const codes = new Map<string, PendingCode>();
  return {
    authorize(request: SimRequest, defaultAccountId: string | undefined): SimResponse {
      const redirectUri = request.query.get('redirect_uri');
      const accountId = request.query.get('sim_account') ?? defaultAccountId;
      if (!redirectUri || !request.query.get('client_id') || !accountId)
        return graphError(400, 100, 'Missing client_id or redirect_uri, or no account to approve');
      const code = simToken('code_');
      codes.set(code, {
        accountId,
        redirectUri,
        codeChallenge: request.query.get('code_challenge') ?? undefined,
      });
      const target = new URL(redirectUri);
      target.searchParams.set('code', code);
      const state = request.query.get('state');
      if (state) target.searchParams.set('state', state);
      return { status: 302, headers: { location: target.toString() } };
    },
    redeem(params: Record<string, unknown>): { accountId: string } | SimResponse {
      const code = typeof params.code === 'string' ? codes.get(params.code) : undefined;
      if (!params.client_id || !params.client_secret)
        return graphError(400, 101, 'Error validating application: missing client_id or client_secret');
      if (!code) return graphError(400, 100, 'This authorization code has been used or is invalid.', 36009);
      codes.delete(String(params.code));
      if (code.redirectUri !== params.redirect_uri)
        return graphError(400, 100, 'Error validating verification code: redirect_uri is not identical', 36008);
      if (code.codeChallenge) {
        const verifier = typeof params.code_verifier === 'string' ? params.code_verifier : '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (challenge !== code.codeChallenge) return graphError(400, 100, 'Invalid code_verifier', 36008);
      }
      return { accountId: code.accountId };
    },
  };
}

/** All of a request's parameters: query string and body together (Graph accepts either). */
export function paramsOf(request: SimRequest): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(request.query);
  for (const [key, value] of Object.entries(request.body)) if (typeof value === 'string') params[key] = value;
  return params;
}

/** True when the answer is an error to send back rather than an authenticated account. */
export function isResponse<T extends object>(value: T | SimResponse): value is SimResponse {
  return 'status' in value;
}
