import {
  ApiToken,
  ApiTokenParams,
  CreateApiTokenRequest,
  CreatedApiToken,
  Ok,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import type { Services } from '../composition.ts';
import { actorOf } from './actor.ts';
import { presentApiToken } from './presenters.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

export function apiTokensRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/api-tokens',
      tag: 'API tokens',
      access: { kind: 'workspace', permission: 'api_tokens.manage_own' },
      summary: 'API tokens (all of them for owners and admins, your own otherwise)',
      params: WorkspaceParams,
      response: z.array(ApiToken),
      handler: async (context) => (await services.apiTokens.list(actorOf(context))).map(presentApiToken),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/api-tokens',
      tag: 'API tokens',
      access: { kind: 'workspace', permission: 'api_tokens.manage_own' },
      status: 201,
      summary: 'Create a personal API token; the secret is shown once',
      params: WorkspaceParams,
      body: CreateApiTokenRequest,
      response: CreatedApiToken,
      handler: async (context) => {
        const { token, record } = await services.apiTokens.create(actorOf(context), context.body);
        return { token, apiToken: presentApiToken(record) };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/workspaces/:workspaceId/api-tokens/:tokenId',
      tag: 'API tokens',
      access: { kind: 'workspace', permission: 'api_tokens.manage_own' },
      summary: 'Revoke an API token',
      params: ApiTokenParams,
      response: Ok,
      handler: async (context) => {
        await services.apiTokens.revoke(actorOf(context), context.params.tokenId);
        return { ok: true as const };
      },
    }),
  ];
}
