/**
 * The simulated X OAuth 2.0 server: authorize (auto-approved, PKCE S256), token (code and rotating refresh
 * tokens, HTTP Basic client auth), and the access tokens the API routes check (2 h life).
 */
import { createHash } from 'node:crypto';
import { simToken, type SimRequest, type SimResponse } from '../kit/index.ts';

type Grant = { userId: string; clientId: string; redirectUri: string; challenge?: string };

/**
 * Creates the token store and the OAuth endpoints; `defaultUserId` says who approves an authorize request.
 * @example const oauth = createXOAuth(() => new Date(), () => accountId); oauth.issue(accountId).accessToken
 */
export function createXOAuth(now: () => Date, defaultUserId: () => string | undefined) {
  const accessTokens = new Map<string, { userId: string; expiresAt: number }>();
  const refreshTokens = new Map<string, { userId: string; revoked: boolean }>();
  const codes = new Map<string, Grant>();

  function issue(userId: string) {
    const accessToken = simToken('xat_');
    const refreshToken = simToken('xrt_');
    accessTokens.set(accessToken, { userId, expiresAt: now().getTime() + 7200_000 });
    refreshTokens.set(refreshToken, { userId, revoked: false });
    return { accessToken, refreshToken };
  }

  function token(request: SimRequest): SimResponse {
    const form = request.body as Record<string, string | undefined>;
    const basic = /^Basic (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const clientId = basic
      ? decodeURIComponent(Buffer.from(basic, 'base64').toString('utf8').split(':')[0] ?? '')
      : form.client_id;
    const fail = (error: string, description: string): SimResponse => ({
      status: 400,
      body: { error, error_description: description },
    });
    let userId: string;
    if (form.grant_type === 'authorization_code') {
      const grant = form.code ? codes.get(form.code) : undefined;
      if (!grant || grant.clientId !== clientId || grant.redirectUri !== form.redirect_uri)
        return fail('invalid_request', 'Value passed for the authorization code was invalid.');
      const verifier = form.code_verifier ?? '';
      if (grant.challenge && createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
        return fail('invalid_request', 'Value passed for the code_verifier was invalid.');
      codes.delete(form.code!);
      userId = grant.userId;
    } else if (form.grant_type === 'refresh_token') {
      const stored = form.refresh_token ? refreshTokens.get(form.refresh_token) : undefined;
      if (!stored || stored.revoked) return fail('invalid_grant', 'Value passed for the token was invalid.');
      // X rotates refresh tokens: the old one stops working.
      refreshTokens.delete(form.refresh_token!);
      userId = stored.userId;
    } else return fail('unsupported_grant_type', 'grant_type not supported');
    const tokens = issue(userId);
    return {
      status: 200,
      body: {
        token_type: 'bearer',
        expires_in: 7200,
        access_token: tokens.accessToken,
        scope: 'tweet.read tweet.write users.read media.write offline.access',
        refresh_token: tokens.refreshToken,
      },
    };
  }

  function authorize(request: SimRequest): SimResponse {
    const query = request.query;
    const redirectUri = query.get('redirect_uri');
    const userId = query.get('sim_user') ?? defaultUserId();
    if (!redirectUri || !query.get('client_id') || !userId) return { status: 400, text: 'invalid authorize request' };
    if (query.get('code_challenge') && query.get('code_challenge_method') !== 'S256')
      return { status: 400, text: 'code_challenge_method must be S256' };
    const code = simToken('xcode_');
    const challenge = query.get('code_challenge');
    codes.set(code, { userId, clientId: query.get('client_id')!, redirectUri, ...(challenge ? { challenge } : {}) });
    const location = new URL(redirectUri);
    location.searchParams.set('code', code);
    if (query.get('state')) location.searchParams.set('state', query.get('state')!);
    return { status: 302, headers: { location: location.toString() } };
  }

  return {
    issue,
    token,
    authorize,
    /** The user id behind a live access token, or undefined (unknown or expired). */
    userOf: (accessToken: string | undefined): string | undefined => {
      const found = accessToken ? accessTokens.get(accessToken) : undefined;
      return found && found.expiresAt > now().getTime() ? found.userId : undefined;
    },
    revokeRefreshToken: (value: string): void => {
      const stored = refreshTokens.get(value);
      if (stored) stored.revoked = true;
    },
    expireAccessToken: (value: string): void => {
      const stored = accessTokens.get(value);
      if (stored) stored.expiresAt = 0;
    },
  };
}
