/**
 * The simulated Mastodon OAuth server of one instance: app registration (POST /api/v1/apps), authorize
 * (auto-approved, PKCE S256), token (authorization_code only), revoke, and the tokens the API routes check.
 * Mastodon tokens never expire and come without a refresh token.
 */
import { createHash } from 'node:crypto';
import { numericId, simToken, type Router, type SimRequest, type SimResponse } from '../kit/index.ts';

/**
 * Creates the token store and the OAuth routes (declared with `declareRoutes`).
 * @example const oauth = createMastodonOAuth(now, () => accountId); oauth.declareRoutes(router)
 */
export function createMastodonOAuth(now: () => Date, defaultAccountId: () => string | undefined) {
  const tokens = new Map<string, { accountId: string; valid: boolean }>();
  const apps = new Map<string, { clientSecret: string; redirectUris: string[]; scopes: string }>();
  const codes = new Map<
    string,
    { accountId: string; clientId: string; redirectUri: string; challenge?: string; scope: string }
  >();

  function token(request: SimRequest): SimResponse {
    const form = request.body as Record<string, string | undefined>;
    const oauthError = (description: string): SimResponse => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: description },
    });
    const app = form.client_id ? apps.get(form.client_id) : undefined;
    if (!app || app.clientSecret !== form.client_secret)
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    if (form.grant_type !== 'authorization_code')
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported.' },
      };
    const grant = form.code ? codes.get(form.code) : undefined;
    if (!grant || grant.clientId !== form.client_id || grant.redirectUri !== form.redirect_uri)
      return oauthError(
        'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
      );
    if (
      grant.challenge &&
      createHash('sha256')
        .update(form.code_verifier ?? '')
        .digest('base64url') !== grant.challenge
    )
      return oauthError('The code verifier is invalid.');
    codes.delete(form.code!);
    const accessToken = simToken('mat_');
    tokens.set(accessToken, { accountId: grant.accountId, valid: true });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'Bearer',
        scope: grant.scope,
        created_at: Math.floor(now().getTime() / 1000),
      },
    };
  }

  function declareRoutes(router: Router): void {
    router.route('POST', '/api/v1/apps', (request) => {
      const body = request.body as { client_name?: unknown; redirect_uris?: unknown; scopes?: unknown };
      const redirectUris = Array.isArray(body.redirect_uris)
        ? body.redirect_uris.map(String)
        : typeof body.redirect_uris === 'string'
          ? [body.redirect_uris]
          : [];
      if (typeof body.client_name !== 'string' || redirectUris.length === 0)
        return {
          status: 422,
          body: { error: "Validation failed: Application name can't be blank, Redirect URI can't be blank" },
        };
      const clientId = simToken('mci_');
      const clientSecret = simToken('mcs_');
      const scopes = typeof body.scopes === 'string' ? body.scopes : 'read';
      apps.set(clientId, { clientSecret, redirectUris, scopes });
      return {
        status: 200,
        body: {
          id: numericId(6),
          name: body.client_name,
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uri: redirectUris.join('\n'),
          redirect_uris: redirectUris,
          scopes: scopes.split(' '),
        },
      };
    });
    router.route('GET', '/oauth/authorize', (request) => {
      const query = request.query;
      const app = apps.get(query.get('client_id') ?? '');
      const redirectUri = query.get('redirect_uri') ?? '';
      const first = defaultAccountId();
      if (!app || !app.redirectUris.includes(redirectUri) || !first)
        return { status: 400, text: 'The redirect uri included is not valid.' };
      if (query.get('code_challenge') && query.get('code_challenge_method') !== 'S256')
        return { status: 400, text: 'code_challenge_method must be S256' };
      const code = simToken('mcode_');
      const challenge = query.get('code_challenge');
      codes.set(code, {
        accountId: first,
        clientId: query.get('client_id')!,
        redirectUri,
        scope: query.get('scope') ?? 'read',
        ...(challenge ? { challenge } : {}),
      });
      const location = new URL(redirectUri);
      location.searchParams.set('code', code);
      if (query.get('state')) location.searchParams.set('state', query.get('state')!);
      return { status: 302, headers: { location: location.toString() } };
    });
    router.route('POST', '/oauth/token', token);
    router.route('POST', '/oauth/revoke', (request) => {
      const stored = tokens.get(String((request.body as { token?: unknown }).token));
      if (stored) stored.valid = false;
      return { status: 200, body: {} };
    });
  }

  const invalidate = (value: string): void => {
    const stored = tokens.get(value);
    if (stored) stored.valid = false;
  };
  return {
    issue: (accountId: string): string => {
      const accessToken = simToken('mat_');
      tokens.set(accessToken, { accountId, valid: true });
      return accessToken;
    },
    /** The account behind a valid token, or undefined. */
    accountOf: (accessToken: string | undefined): string | undefined => {
      const found = accessToken ? tokens.get(accessToken) : undefined;
      return found?.valid ? found.accountId : undefined;
    },
    invalidate,
    declareRoutes,
  };
}
