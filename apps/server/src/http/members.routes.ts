import { Member, MemberParams, Ok, UpdateMemberRequest, WorkspaceParams } from '@sillage/contracts';
import { z } from 'zod';
import type { Services } from '../composition.ts';
import { actorOf } from './actor.ts';
import { presentMember } from './presenters.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

export function membersRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/members',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.read' },
      summary: 'Members of the workspace and their roles',
      params: WorkspaceParams,
      response: z.array(Member),
      handler: async ({ params }) =>
        (await services.workspacesService.listMembers(params.workspaceId)).map(presentMember),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/workspaces/:workspaceId/members/:userId',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: "Change a member's role",
      params: MemberParams,
      body: UpdateMemberRequest,
      response: Member,
      handler: async (context) =>
        presentMember(
          await services.workspacesService.changeMemberRole(actorOf(context), context.params.userId, context.body.role),
        ),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/workspaces/:workspaceId/members/:userId',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: 'Remove a member (their API tokens for the workspace are revoked)',
      params: MemberParams,
      response: Ok,
      handler: async (context) => {
        await services.workspacesService.removeMember(actorOf(context), context.params.userId);
        return { ok: true as const };
      },
    }),
  ];
}
