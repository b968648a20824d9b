import {
  ChangePasswordRequest,
  LoginRequest,
  Ok,
  RoleMatrix,
  SessionResponse,
  SessionUser,
  SetupRequest,
  SetupStatus,
  UpdateProfileRequest,
} from '@sillage/contracts';
import { permissionMatrix, roles } from '@sillage/domain';
import type { Services } from '../composition.ts';
import { unauthenticated } from './errors.ts';
import { presentUser, presentWorkspaceSummary } from './presenters.ts';
import { defineRoute, type Principal, type RouteDefinition } from './route.ts';
import { clearSessionCookies, setSessionCookies } from './session-cookies.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { hashSecret } from '../security/tokens.ts';

export function authRoutes(services: Services): RouteDefinition[] {
  async function sessionBody(userId: string, csrfToken: string) {
    const user = await services.users.findById(userId);
    if (!user) throw unauthenticated();
    const workspaces = await services.workspaces.listForUser(userId);
    return { user: presentUser(user), csrfToken, workspaces: workspaces.map(presentWorkspaceSummary) };
  }
  const sessionOf = (principal: Principal | undefined) => {
    if (principal?.via.kind !== 'session') throw unauthenticated();
    return { principal, session: principal.via };
  };

  return [
    defineRoute({
      method: 'GET',
      url: '/api/setup',
      tag: 'Auth',
      access: { kind: 'public' },
      summary: 'Whether this instance still needs its first-run set-up',
      response: SetupStatus,
      handler: async () => ({ needsSetup: await services.auth.needsSetup() }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/setup',
      tag: 'Auth',
      access: { kind: 'public' },
      status: 201,
      summary: 'First run: create the instance owner and the first workspace, and sign in',
      body: SetupRequest,
      response: SessionResponse,
      handler: async ({ body, ip, userAgent, reply }) => {
        const { user, session } = await services.auth.setup(body, { ip, userAgent });
        setSessionCookies(reply, session, services.secureCookies);
        return sessionBody(user.id, session.csrfToken);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      tag: 'Auth',
      access: { kind: 'public' },
      summary: 'Sign in with e-mail and password (a new session every time)',
      body: LoginRequest,
      response: SessionResponse,
      handler: async ({ body, ip, userAgent, reply, request }) => {
        const previous = request.cookies[SESSION_COOKIE];
        const { user, session } = await services.auth.login(
          body,
          { ip, userAgent },
          previous ? hashSecret(previous) : undefined,
        );
        setSessionCookies(reply, session, services.secureCookies);
        return sessionBody(user.id, session.csrfToken);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      tag: 'Auth',
      access: { kind: 'user' },
      summary: 'End this session',
      response: Ok,
      handler: async ({ principal, ip, userAgent, reply }) => {
        const { session } = sessionOf(principal);
        await services.auth.logout(
          session.sessionIdHash,
          { id: principal!.userId, email: principal!.email },
          { ip, userAgent },
        );
        clearSessionCookies(reply);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/session',
      tag: 'Auth',
      access: { kind: 'user' },
      summary: 'Who is signed in, the CSRF token and their workspaces',
      response: SessionResponse,
      handler: async ({ principal }) => {
        const { session } = sessionOf(principal);
        return sessionBody(principal!.userId, session.csrfToken);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/password',
      tag: 'Auth',
      access: { kind: 'user' },
      summary: 'Change the password; every other session ends',
      body: ChangePasswordRequest,
      response: Ok,
      handler: async ({ principal, body, ip, userAgent, reply }) => {
        sessionOf(principal);
        const session = await services.auth.changePassword({ id: principal!.userId, email: principal!.email }, body, {
          ip,
          userAgent,
        });
        setSessionCookies(reply, session, services.secureCookies);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/me',
      tag: 'Auth',
      access: { kind: 'user' },
      summary: 'Change my name or language',
      body: UpdateProfileRequest,
      response: SessionUser,
      handler: async ({ principal, body }) => presentUser(await services.users.updateProfile(principal!.userId, body)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/roles',
      tag: 'Workspaces',
      access: { kind: 'user' },
      summary: 'The built-in roles and their permissions',
      response: RoleMatrix,
      handler: async () => ({ roles: roles.map((role) => ({ role, permissions: [...permissionMatrix[role]] })) }),
    }),
  ];
}
