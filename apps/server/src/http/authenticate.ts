import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../services/auth.service.ts';
import type { Principal } from './route.ts';

export const SESSION_COOKIE = 'sillage_session';
export const CSRF_COOKIE = 'sillage_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Reads the bearer token or the session cookie; undefined when neither names a live principal. */
export async function authenticate(request: FastifyRequest, auth: AuthService): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const found = await auth.authenticateToken(header.slice('Bearer '.length).trim());
    if (!found) return undefined;
    return {
      userId: found.user.id,
      email: found.user.email,
      isInstanceAdmin: false,
      via: {
        kind: 'api_token',
        tokenId: found.token.id,
        workspaceId: found.token.workspaceId,
        role: found.token.role,
        memberRole: found.memberRole,
      },
    };
  }
  const rawSession = request.cookies[SESSION_COOKIE];
  if (!rawSession) return undefined;
  const found = await auth.authenticateSession(rawSession);
  if (!found) return undefined;
  return {
    userId: found.user.id,
    email: found.user.email,
    isInstanceAdmin: found.user.isInstanceAdmin,
    via: { kind: 'session', sessionIdHash: found.idHash, csrfToken: found.csrfToken },
  };
}
