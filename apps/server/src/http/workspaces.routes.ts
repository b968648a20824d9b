import {
  CreateWorkspaceRequest,
  MyAccess,
  UpdateWorkspaceRequest,
  Workspace,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import type { Services } from '../composition.ts';
import { actorOf } from './actor.ts';
import { presentAccess, presentWorkspace } from './presenters.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

export function workspacesRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces',
      tag: 'Workspaces',
      access: { kind: 'user' },
      summary: 'The workspaces I belong to',
      response: z.array(Workspace),
      handler: async ({ principal }) => {
        const list = await services.workspaces.listForUser(principal!.userId);
        const visible =
          principal!.via.kind === 'api_token'
            ? list.filter((w) => principal!.via.kind === 'api_token' && w.id === principal!.via.workspaceId)
            : list;
        return visible.map(presentWorkspace);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces',
      tag: 'Workspaces',
      access: { kind: 'user' },
      status: 201,
      summary: 'Create a workspace (instance administrators)',
      body: CreateWorkspaceRequest,
      response: Workspace,
      handler: async ({ principal, body, ip }) => {
        const isAdmin = principal!.via.kind === 'session' && principal!.isInstanceAdmin;
        return presentWorkspace(
          await services.workspacesService.create(
            { userId: principal!.userId, email: principal!.email, ip, isInstanceAdmin: isAdmin },
            body,
          ),
        );
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId',
      tag: 'Workspaces',
      access: { kind: 'workspace', permission: 'workspace.read' },
      summary: 'One workspace',
      params: WorkspaceParams,
      response: Workspace,
      handler: async ({ params }) => presentWorkspace(await services.workspacesService.get(params.workspaceId)),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/workspaces/:workspaceId',
      tag: 'Workspaces',
      access: { kind: 'workspace', permission: 'workspace.update' },
      summary: 'Rename a workspace or change its time zone or language',
      params: WorkspaceParams,
      body: UpdateWorkspaceRequest,
      response: Workspace,
      handler: async (context) =>
        presentWorkspace(await services.workspacesService.update(actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/me',
      tag: 'Workspaces',
      access: { kind: 'workspace', permission: 'workspace.read' },
      summary: 'My role and permissions in this workspace',
      params: WorkspaceParams,
      response: MyAccess,
      handler: async ({ workspace }) => presentAccess(workspace!),
    }),
  ];
}
