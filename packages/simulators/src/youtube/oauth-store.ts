/**
 * An in-memory OAuth 2.0 server state shared by this folder's simulators (and Google Business, TikTok,
 * Pinterest): authorization codes with PKCE, access tokens that tests can expire, refresh tokens they can revoke.
 */
import { createHash } from 'node:crypto';
import { simToken } from '../kit/index.ts';

export type IssuedTokens = { accessToken: string; refreshToken: string; expiresInSeconds: number; accountId: string };
export type GrantResult = { ok: true; tokens: IssuedTokens } | { ok: false; error: string; description: string };
export type TokenCheck = { ok: true; accountId: string } | { ok: false; reason: 'expired' | 'unknown' };

type Code = { accountId: string; redirectUri: string; challenge?: string; method?: string; used: boolean };

/**
 * @example const store = createOAuthStore({ now, accessPrefix: 'ya29.', refreshPrefix: '1//', accessTtlSeconds: 3599 })
 */
export function createOAuthStore(options: {
  now: () => Date;
  accessPrefix: string;
  refreshPrefix: string;
  accessTtlSeconds: number;
  /** TikTok rotates refresh tokens; Google keeps them. */
  rotateRefreshTokens: boolean;
}) {
  const codes = new Map<string, Code>();
  const access = new Map<string, { accountId: string; expiresAt: number }>();
  const refresh = new Map<string, { accountId: string; revoked: boolean }>();

  function issue(accountId: string, keepRefresh?: string): IssuedTokens {
    const accessToken = simToken(options.accessPrefix);
    access.set(accessToken, { accountId, expiresAt: options.now().getTime() + options.accessTtlSeconds * 1000 });
    const refreshToken = keepRefresh ?? simToken(options.refreshPrefix);
    refresh.set(refreshToken, { accountId, revoked: false });
    return { accessToken, refreshToken, expiresInSeconds: options.accessTtlSeconds, accountId };
  }

  return {
    issue,
    /** Records an approved authorization and returns its code. */
    createCode(input: { accountId: string; redirectUri: string; challenge?: string; method?: string }): string {
      const code = simToken('code_');
      codes.set(code, { ...input, used: false });
      return code;
    },
    exchangeCode(input: { code: string; redirectUri?: string; verifier?: string }): GrantResult {
      const found = codes.get(input.code);
      if (!found || found.used) return { ok: false, error: 'invalid_grant', description: 'Unknown or used code.' };
      if (input.redirectUri !== undefined && input.redirectUri !== found.redirectUri)
        return { ok: false, error: 'invalid_grant', description: 'redirect_uri does not match.' };
      if (found.challenge) {
        const verifier = input.verifier ?? '';
        const computed =
          found.method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
        if (computed !== found.challenge)
          return { ok: false, error: 'invalid_grant', description: 'code_verifier does not match the challenge.' };
      }
      found.used = true;
      return { ok: true, tokens: issue(found.accountId) };
    },
    refresh(token: string): GrantResult {
      const found = refresh.get(token);
      if (!found || found.revoked)
        return { ok: false, error: 'invalid_grant', description: 'Token has been expired or revoked.' };
      if (options.rotateRefreshTokens) found.revoked = true;
      return { ok: true, tokens: issue(found.accountId, options.rotateRefreshTokens ? undefined : token) };
    },
    check(authorization: string | string[] | undefined): TokenCheck {
      const header = Array.isArray(authorization) ? authorization[0] : authorization;
      const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
      const found = access.get(token);
      if (!found) return { ok: false, reason: 'unknown' };
      if (found.expiresAt <= options.now().getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, accountId: found.accountId };
    },
    revokeRefreshToken: (token: string): void => {
      const found = refresh.get(token);
      if (found) found.revoked = true;
    },
    expireAccessToken: (token: string): void => {
      const found = access.get(token);
      if (found) found.expiresAt = 0;
    },
  };
}

export type OAuthStore = ReturnType<typeof createOAuthStore>;

/** The auto-approved authorize redirect: back to `redirect_uri` with the code and the state. */
export function approveRedirect(redirectUri: string, code: string, state: string | null): string {
  const url = new URL(redirectUri);
  url.searchParams.set('code', code);
  if (state !== null) url.searchParams.set('state', state);
  return url.toString();
}

/** A string field of a parsed body, or the fallback when it is missing or not a string. */
export function stringField(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}
