import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { unauthenticated } from './errors.ts';
import type { RouteContext } from './route.ts';

/** The checked caller of a workspace route, as services want it. */
export function actorOf(
  context: Pick<RouteContext<unknown, unknown, unknown>, 'principal' | 'workspace' | 'ip'>,
): ActorInWorkspace {
  if (!context.principal || !context.workspace) throw unauthenticated();
  return {
    userId: context.principal.userId,
    email: context.principal.email,
    ip: context.ip,
    workspaceId: context.workspace.workspaceId,
    role: context.workspace.role,
    permissions: context.workspace.permissions,
    scope: context.workspace.scope ?? null,
  };
}
