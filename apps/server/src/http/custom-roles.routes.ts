import {
  AssignCustomRoleRequest,
  CustomRole,
  CustomRoleParams,
  Member,
  MemberParams,
  Ok,
  SaveCustomRoleRequest,
  WorkspaceParams,
  WorkspaceRoles,
} from '@sillage/contracts';
import { permissionMatrix, roles } from '@sillage/domain';
import type { Services } from '../composition.ts';
import type { CustomRoleRecord } from '../repositories/workspace-roles.repository.ts';
import { actorOf } from './actor.ts';
import { presentMember } from './presenters.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

const presentCustomRole = (role: CustomRoleRecord) => ({
  ...role,
  createdAt: role.createdAt.toISOString(),
  updatedAt: role.updatedAt.toISOString(),
});

/** The workspace's roles: the built-in matrix plus the workspace's own roles, and who holds which. */
export function customRolesRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/roles',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.read' },
      summary: "The built-in roles and the workspace's own roles, with their permissions",
      params: WorkspaceParams,
      response: WorkspaceRoles,
      handler: async ({ params }) => ({
        builtIn: roles.map((role) => ({ role, permissions: [...permissionMatrix[role]] })),
        custom: (await services.customRoles.list(params.workspaceId)).map(presentCustomRole),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/roles',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: 'Create a custom role (never granting more than you hold)',
      params: WorkspaceParams,
      body: SaveCustomRoleRequest,
      response: CustomRole,
      status: 201,
      handler: async (context) => presentCustomRole(await services.customRoles.create(actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/workspaces/:workspaceId/roles/:roleId',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: 'Change a custom role; its holders get the new permissions at once',
      params: CustomRoleParams,
      body: SaveCustomRoleRequest,
      response: CustomRole,
      handler: async (context) =>
        presentCustomRole(await services.customRoles.update(actorOf(context), context.params.roleId, context.body)),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/workspaces/:workspaceId/roles/:roleId',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: 'Delete a custom role nobody holds',
      params: CustomRoleParams,
      response: Ok,
      handler: async (context) => {
        await services.customRoles.remove(actorOf(context), context.params.roleId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/workspaces/:workspaceId/members/:userId/custom-role',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: 'Give a member a custom role, or take it away (null)',
      params: MemberParams,
      body: AssignCustomRoleRequest,
      response: Member,
      handler: async (context) =>
        presentMember(
          await services.customRoles.assign(actorOf(context), context.params.userId, context.body.customRoleId),
        ),
    }),
  ];
}
