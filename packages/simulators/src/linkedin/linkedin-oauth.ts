/**
 * The simulated LinkedIn OAuth server (www.linkedin.com/oauth/v2): authorize (auto-approved for every page),
 * accessToken (authorization_code and refresh_token; the refresh token is kept, not rotated), and the tokens
 * (60 days) the API checks.
 */
import { simToken, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';

/**
 * The token store and the OAuth routes; `organizations` lists the pages an approval grants.
 * @example const oauth = createLinkedinOAuth(now, () => [orgUrn]); oauth.issue([orgUrn]).accessToken
 */
export function createLinkedinOAuth(now: () => Date, organizations: () => string[]) {
  const accessTokens = new Map<string, { organizations: string[]; expiresAt: number; revoked: boolean }>();
  const refreshTokens = new Map<string, { organizations: string[]; revoked: boolean }>();
  const codes = new Map<string, { organizations: string[]; clientId: string; redirectUri: string }>();
  function issue(orgs: string[]) {
    const accessToken = simToken('AQV');
    const refreshToken = simToken('AQX');
    accessTokens.set(accessToken, { organizations: orgs, expiresAt: now().getTime() + 5_184_000_000, revoked: false });
    refreshTokens.set(refreshToken, { organizations: orgs, revoked: false });
    return { accessToken, refreshToken };
  }

  function token(request: SimRequest): SimResponse {
    const form = request.body as Record<string, string | undefined>;
    const fail = (status: number, error: string, description: string): SimResponse => ({
      status,
      body: { error, error_description: description },
    });
    if (!form.client_id || !form.client_secret) return fail(401, 'invalid_client', 'Client authentication failed');
    let orgs: string[];
    if (form.grant_type === 'authorization_code') {
      const grant = form.code ? codes.get(form.code) : undefined;
      if (!grant || grant.clientId !== form.client_id || grant.redirectUri !== form.redirect_uri)
        return fail(
          400,
          'invalid_request',
          'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
        );
      codes.delete(form.code!);
      orgs = grant.organizations;
    } else if (form.grant_type === 'refresh_token') {
      const stored = form.refresh_token ? refreshTokens.get(form.refresh_token) : undefined;
      if (!stored || stored.revoked)
        return fail(
          400,
          'invalid_grant',
          'The provided authorization grant or refresh token is invalid, expired or revoked.',
        );
      orgs = stored.organizations;
      // LinkedIn keeps the refresh token (its 365-day life is not extended): answer the same one.
      const accessToken = simToken('AQV');
      accessTokens.set(accessToken, {
        organizations: orgs,
        expiresAt: now().getTime() + 5_184_000_000,
        revoked: false,
      });
      return {
        status: 200,
        body: {
          access_token: accessToken,
          expires_in: 5184000,
          refresh_token: form.refresh_token,
          refresh_token_expires_in: 31536000,
          scope: 'r_organization_social,w_organization_social',
        },
      };
    } else return fail(400, 'unsupported_grant_type', 'grant_type is not supported');
    const tokens = issue(orgs);
    return {
      status: 200,
      body: {
        access_token: tokens.accessToken,
        expires_in: 5184000,
        refresh_token: tokens.refreshToken,
        refresh_token_expires_in: 31536000,
        scope: 'r_organization_social,w_organization_social',
      },
    };
  }

  function declareRoutes(router: Router): void {
    router.route('GET', '/oauth/v2/authorization', (request) => {
      const query = request.query;
      const redirectUri = query.get('redirect_uri');
      if (!redirectUri || !query.get('client_id') || query.get('response_type') !== 'code')
        return { status: 400, text: 'invalid authorization request' };
      const code = simToken('AQT');
      codes.set(code, { organizations: [...organizations()], clientId: query.get('client_id')!, redirectUri });
      const location = new URL(redirectUri);
      location.searchParams.set('code', code);
      if (query.get('state')) location.searchParams.set('state', query.get('state')!);
      return { status: 302, headers: { location: location.toString() } };
    });
    router.route('POST', '/oauth/v2/accessToken', token);
  }

  return {
    issue,
    declareRoutes,
    lookup: (accessToken: string | undefined) => (accessToken ? accessTokens.get(accessToken) : undefined),
    revokeRefreshToken: (value: string): void => {
      const stored = refreshTokens.get(value);
      if (stored) stored.revoked = true;
    },
    expireAccessToken: (value: string): void => {
      const stored = accessTokens.get(value);
      if (stored) stored.expiresAt = 0;
    },
    revokeAccessToken: (value: string): void => {
      const stored = accessTokens.get(value);
      if (stored) stored.revoked = true;
    },
  };
}
