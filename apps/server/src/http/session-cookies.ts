import type { FastifyReply } from 'fastify';
import type { NewSession } from '../services/auth.service.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './authenticate.ts';

/** Sets the HttpOnly session cookie and the readable CSRF cookie for a new session. */
export function setSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean): void {
  const common = { path: '/', secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.rawId, { ...common, httpOnly: true, sameSite: 'lax' });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false, sameSite: 'strict' });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
