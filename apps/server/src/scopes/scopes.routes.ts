import {
  AssignChannelClientRequest,
  ChannelClient,
  ChannelParams,
  Client,
  ClientParams,
  MemberParams,
  MemberScope,
  Ok,
  SaveClientRequest,
  SetMemberScopeRequest,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { ClientRecord } from './scopes.repository.ts';
import type { ScopesService } from './scopes.service.ts';

const presentClient = (client: ClientRecord) => ({
  ...client,
  createdAt: client.createdAt.toISOString(),
  updatedAt: client.updatedAt.toISOString(),
});

/** Clients of an agency workspace, the client of each channel, and members' scopes (docs/governance.md). */
export function scopesRoutes(scopes: ScopesService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/clients',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'The clients (brands) of the workspace with their channels; a scoped member sees only theirs',
      params: WorkspaceParams,
      response: z.array(Client),
      handler: async (context) => (await scopes.listClients(actorOf(context))).map(presentClient),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/clients',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'channels.manage' },
      summary: 'Add a client (unscoped members only)',
      params: WorkspaceParams,
      body: SaveClientRequest,
      response: Client,
      status: 201,
      handler: async (context) => presentClient(await scopes.createClient(actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/workspaces/:workspaceId/clients/:clientId',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'channels.manage' },
      summary: 'Rename a client (unscoped members only)',
      params: ClientParams,
      body: SaveClientRequest,
      response: Client,
      handler: async (context) =>
        presentClient(await scopes.renameClient(actorOf(context), context.params.clientId, context.body)),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/workspaces/:workspaceId/clients/:clientId',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'channels.manage' },
      summary: 'Delete a client: its channels stay, without a client; scopes lose it (unscoped members only)',
      params: ClientParams,
      response: Ok,
      handler: async (context) => {
        await scopes.removeClient(actorOf(context), context.params.clientId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/workspaces/:workspaceId/channels/:channelId/client',
      tag: 'Channels',
      access: { kind: 'workspace', permission: 'channels.manage' },
      summary: 'Put a channel under a client, or under none (null) (unscoped members only)',
      params: ChannelParams,
      body: AssignChannelClientRequest,
      response: ChannelClient,
      handler: async (context) =>
        scopes.assignChannel(actorOf(context), context.params.channelId, context.body.clientId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/member-scopes',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.read' },
      summary: "Each member's scope: the whole workspace, or some clients and channels",
      params: WorkspaceParams,
      response: z.array(MemberScope),
      handler: async (context) => scopes.listMemberScopes(actorOf(context)),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/workspaces/:workspaceId/members/:userId/scope',
      tag: 'Members',
      access: { kind: 'workspace', permission: 'members.manage' },
      summary: "Set a member's scope: the whole workspace, or only some clients' channels and single channels",
      params: MemberParams,
      body: SetMemberScopeRequest,
      response: MemberScope,
      handler: async (context) => scopes.setMemberScope(actorOf(context), context.params.userId, context.body),
    }),
  ];
}
