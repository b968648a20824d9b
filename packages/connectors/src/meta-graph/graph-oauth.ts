import type { TokenSet } from '../connector.ts';
import { AuthExpired } from '../errors.ts';
import { graphCall, type GraphParams } from './graph-request.ts';

/**
 * Meta spreads OAuth over several hosts (www.facebook.com, api.instagram.com, threads.net); a simulator serves
 * them all on its own base URL. Given the configured API base URL, the URL to use for a real host.
 * @example metaHost('http://127.0.0.1:4100', 'https://graph.facebook.com', 'https://www.facebook.com') // 'http://127.0.0.1:4100'
 */
export function metaHost(baseUrl: string, realApiHost: string, realHost: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed === realApiHost ? realHost : trimmed;
}

/**
 * The authorize URL of a Meta product (Facebook Login, Instagram Login, Threads): code flow with state.
 * @example metaAuthorizeUrl('https://www.facebook.com/v26.0/dialog/oauth', client, { state: 's', scopes: ['pages_manage_posts'] })
 */
export function metaAuthorizeUrl(
  endpoint: string,
  client: { clientId: string; redirectUri: string },
  input: { state: string; codeChallenge?: string; scopes?: readonly string[] },
  defaultScopes: readonly string[],
): string {
  const url = new URL(endpoint);
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', input.state);
  url.searchParams.set('scope', (input.scopes ?? defaultScopes).join(','));
  if (input.codeChallenge) {
    url.searchParams.set('code_challenge', input.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.toString();
}

/**
 * A Meta token answer (`{access_token, token_type, expires_in}`, or Instagram's `{data:[{access_token,...}]}`)
 * as our TokenSet. Meta has no refresh tokens: a long-lived token is refreshed with itself, so it is also
 * returned as `refreshToken`.
 * @example toTokenSet({ access_token: 'EAAB', expires_in: 5183944 }, now).expiresAt // now + 60 days
 */
export function toTokenSet(body: Record<string, unknown>, now: Date): TokenSet {
  const first = Array.isArray(body.data) ? (body.data[0] as Record<string, unknown> | undefined) : undefined;
  const source = first ?? body;
  const accessToken = source.access_token;
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    throw new AuthExpired('The token endpoint answered without an access_token', false);
  }
  const expiresIn = Number(source.expires_in);
  const permissions = source.permissions ?? source.scope;
  const scopes = Array.isArray(permissions)
    ? permissions.map(String)
    : typeof permissions === 'string'
      ? permissions.split(/[ ,]+/).filter(Boolean)
      : undefined;
  return {
    accessToken,
    refreshToken: accessToken,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(now.getTime() + expiresIn * 1000) : undefined,
    scopes,
  };
}

/**
 * Calls a Meta token endpoint. Any refusal there means the user must log in again: it is AuthExpired(false),
 * except rate limits and outages, which keep their own types.
 * @example await metaTokenCall(context, 'https://graph.threads.net', 'GET', '/refresh_access_token', params)
 */
export async function metaTokenCall(
  context: { fetch: typeof fetch; now: () => Date },
  root: string,
  method: 'GET' | 'POST',
  path: string,
  params: GraphParams,
): Promise<TokenSet> {
  try {
    const body = await graphCall(
      { fetch: context.fetch, now: context.now, apiRoot: root },
      method,
      path,
      params,
      'read',
    );
    return toTokenSet(body, context.now());
  } catch (error) {
    if (error instanceof AuthExpired) throw new AuthExpired(error.message, false);
    if ((error as Error).name === 'Rejected') throw new AuthExpired((error as Error).message, false);
    throw error;
  }
}
