import {
  Channel,
  ChannelParams,
  ConnectBlueskyRequest,
  ConnectChannelRequest,
  ConnectChannelResponse,
  OAuthCallbackParams,
  OAuthCallbackQuery,
  Ok,
  WorkspaceParams,
  type ChannelNetwork,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { rowsInScope } from '../scopes/scope.ts';
import type { ChannelConnectionsService } from './channel-connections.service.ts';
import type { ChannelSummary } from './channel-store.repository.ts';

const presentChannel = (channel: ChannelSummary): Channel => ({
  id: channel.id,
  network: channel.network as ChannelNetwork,
  name: channel.displayName,
  networkAccountId: channel.networkAccountId,
  instanceUrl: channel.instanceUrl,
  status: channel.status,
  tokenExpiresAt: channel.tokenExpiresAt?.toISOString() ?? null,
  lastSuccessAt: channel.lastSuccessAt?.toISOString() ?? null,
  lastErrorAt: channel.lastErrorAt?.toISOString() ?? null,
  lastError: channel.lastError,
  connectedAt: channel.createdAt.toISOString(),
});

export function channelsRoutes(services: { channelConnections: ChannelConnectionsService }): RouteDefinition[] {
  const { channelConnections } = services;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/channels',
      tag: 'Channels',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'Connected accounts with their health: status, token expiry, last success, last error',
      params: WorkspaceParams,
      response: z.array(Channel),
      handler: async (context) => {
        const actor = actorOf(context);
        const channels = await channelConnections.list(actor.workspaceId);
        return rowsInScope(actor.scope, channels, (channel) => channel.id).map(presentChannel);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/channels/connect',
      tag: 'Channels',
      access: { kind: 'workspace', permission: 'channels.manage' },
      summary: 'Start connecting an OAuth account: answers the network URL to send the browser to',
      params: WorkspaceParams,
      body: ConnectChannelRequest,
      response: ConnectChannelResponse,
      handler: async (context) => channelConnections.startConnect(actorOf(context), context.body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/channels/bluesky',
      tag: 'Channels',
      access: { kind: 'workspace', permission: 'channels.manage' },
      status: 201,
      summary: 'Connect a Bluesky account with an app password (the password is not stored)',
      params: WorkspaceParams,
      body: ConnectBlueskyRequest,
      response: Channel,
      handler: async (context) =>
        presentChannel(await channelConnections.connectBluesky(actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/workspaces/:workspaceId/channels/:channelId',
      tag: 'Channels',
      access: { kind: 'workspace', permission: 'channels.manage' },
      summary: 'Disconnect an account: its tokens are wiped',
      params: ChannelParams,
      response: Ok,
      handler: async (context) => {
        await channelConnections.disconnect(actorOf(context), context.params.channelId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/oauth/callback/:network',
      tag: 'Channels',
      // Public because the network sends the browser here; the session cookie and the state bind it to a user.
      access: { kind: 'public' },
      summary: 'Where the network sends the browser back; redirects to the channels page with the outcome',
      params: OAuthCallbackParams,
      query: OAuthCallbackQuery,
      status: 303,
      produces: 'text/plain; charset=utf-8',
      response: z.string(),
      handler: async (context) => {
        const { principal } = context;
        const { redirectTo } = await channelConnections.completeCallback({
          network: context.params.network,
          ...context.query,
          caller: principal && { userId: principal.userId, email: principal.email, ip: context.ip },
        });
        context.reply.code(303).header('location', redirectTo).header('cache-control', 'no-store');
        return '';
      },
    }),
  ];
}
