import { can, mayGrantRole, permissionsOf, permits, type Permission } from '@sillage/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { AuthService } from '../services/auth.service.ts';
import type { RateLimitService } from '../services/rate-limit.service.ts';
import { authenticate, CSRF_HEADER } from './authenticate.ts';
import { forbidden, notFound, tooManyRequests, unauthenticated, validationError, AppError } from './errors.ts';
import type { Principal, RouteDefinition, WorkspaceAccess } from './route.ts';
import { safeEqual } from '../security/tokens.ts';
import type { ScopeGate } from '../scopes/scope-gate.ts';

export type RouteDependencies = {
  auth: AuthService;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  rateLimit: RateLimitService;
  /** Client/channel scopes: resolved with the caller's access, then checked against what the request names. */
  scopeGate: ScopeGate;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Registers each route behind the same gate, in this order: authenticate, rate-limit, CSRF (cookie mutations),
 * workspace membership (404 for outsiders), permission (403), then parse params, query and body (400), then the
 * client/channel scope of a scoped member (scopes/scope-gate.ts: 403 for routes closed to them, 404 for ids outside).
 */
export function registerRoutes(
  app: FastifyInstance,
  routes: readonly RouteDefinition[],
  deps: RouteDependencies,
): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const anonymous =
          route.probe ||
          (route.access.kind === 'public' && !request.headers.authorization && !request.cookies.sillage_session);
        const principal = anonymous ? undefined : await authenticate(request, deps.auth);
        if (route.access.kind !== 'public' && !principal) throw unauthenticated();

        if (!route.probe) {
          const callerKey = principal ? `user:${principal.userId}` : `ip:${request.ip}`;
          const decision = await deps.rateLimit.hitApi(callerKey);
          if (!decision.allowed)
            throw tooManyRequests(
              decision.retryAfterSeconds,
              `Too many requests; slow down and retry in ${decision.retryAfterSeconds} seconds.`,
            );
        }

        if (principal?.via.kind === 'session' && !SAFE_METHODS.has(route.method))
          checkCsrf(request, principal.via.csrfToken);

        const workspace =
          route.access.kind === 'workspace' && principal
            ? await authorizeWorkspace(request, principal, route.access.permission, deps)
            : undefined;

        const params = parse('params', route.params, request.params);
        const query = parse('query', route.query, request.query);
        const body = parse('body', route.body, request.body ?? {});
        if (workspace && principal)
          await deps.scopeGate.check(
            route,
            { workspaceId: workspace.workspaceId, userId: principal.userId, scope: workspace.scope },
            { params, query, body },
          );
        const result = await route.handler({
          params,
          query,
          body,
          principal,
          workspace,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          request,
          reply,
        });
        if (reply.statusCode === 200 && route.status) reply.code(route.status);
        if (route.produces && !reply.getHeader('content-type')) reply.type(route.produces);
        return result;
      },
    });
  }
}

function parse(where: 'params' | 'query' | 'body', schema: RouteDefinition['params'], value: unknown): never {
  if (!schema) return undefined as never;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data as never;
}

function checkCsrf(request: FastifyRequest, expected: string): void {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, expected)) {
    throw new AppError(
      403,
      'csrf_failed',
      `This request lacks a valid ${CSRF_HEADER} header; reload the page and try again.`,
    );
  }
}

/** Members get their role; everyone else gets 404, whether or not the workspace exists. */
async function authorizeWorkspace(
  request: FastifyRequest,
  principal: Principal,
  permission: Permission,
  deps: RouteDependencies,
): Promise<WorkspaceAccess> {
  const workspaceId = (request.params as Record<string, string | undefined>).workspaceId;
  if (!workspaceId || !UUID.test(workspaceId)) throw notFound('workspace');
  if (principal.via.kind === 'api_token' && principal.via.workspaceId !== workspaceId) throw notFound('workspace');
  const member = await deps.workspaces.findAccess(workspaceId, principal.userId);
  if (!member) throw notFound('workspace');
  const memberRole = member.role;
  const memberPermits = (wanted: Permission) =>
    permits({ role: memberRole, customPermissions: member.customRole?.permissions ?? null }, wanted);
  // A token acts with the lesser of its own role and its owner's current access.
  const allowed =
    principal.via.kind === 'api_token'
      ? can(principal.via.role, permission) && memberPermits(permission)
      : memberPermits(permission);
  if (!allowed) {
    await deps.audit.insert({
      workspaceId,
      actorUserId: principal.userId,
      actorEmail: principal.email,
      action: 'access.denied',
      targetType: 'route',
      targetId: `${request.method} ${request.routeOptions.url ?? request.url}`,
      ip: request.ip,
      outcome: 'denied',
      details: { permission, role: memberRole, ...(member.customRole ? { customRole: member.customRole.name } : {}) },
    });
    throw forbidden();
  }
  const customRole = member.customRole ? { id: member.customRole.id, name: member.customRole.name } : null;
  const scope = await deps.scopeGate.resolve(workspaceId, principal.userId);
  if (principal.via.kind === 'api_token') {
    const tokenRole = principal.via.role;
    const effective = permissionsOf({ role: tokenRole }).filter(memberPermits);
    return {
      workspaceId,
      role: !member.customRole && mayGrantRole(memberRole, tokenRole) ? tokenRole : memberRole,
      customRole,
      permissions: effective,
      scope,
    };
  }
  return {
    workspaceId,
    role: memberRole,
    customRole,
    permissions: permissionsOf({ role: memberRole, customPermissions: member.customRole?.permissions ?? null }),
    scope,
  };
}

export type { FastifyReply };
