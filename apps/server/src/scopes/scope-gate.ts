import { AppError, notFound } from '../http/errors.ts';
import type { RouteDefinition } from '../http/route.ts';
import { channelInScope, postInScope, type ChannelScope } from './scope.ts';
import { scopePolicies } from './scope-policy.ts';
import type { ScopesRepository } from './scopes.repository.ts';

const idsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((id) => typeof id === 'string') : [];

/**
 * The one check every workspace route passes for a scoped caller, after the permission check: routes not listed in
 * scope-policy.ts or listed as unscoped-only are refused (403); every channel, post, inbox item and client the
 * request names (path params, `channelId` query, `channelIds`/`channelId`/`clientIds` bodies) must be in the scope,
 * or the answer is 404, as for another workspace's object, so existence does not leak.
 */
export function createScopeGate(scopes: ScopesRepository) {
  async function checkNamedIds(
    workspaceId: string,
    userId: string,
    scope: ChannelScope,
    named: { params: Record<string, unknown>; query: Record<string, unknown>; body: Record<string, unknown> },
  ) {
    const { params, query, body } = named;
    const channelIds = [
      ...idsIn(params.channelId),
      ...idsIn(query.channelId),
      ...idsIn(body.channelId),
      ...idsIn(body.channelIds),
    ];
    for (const channelId of channelIds) if (!channelInScope(scope, channelId)) throw notFound('channel');
    for (const clientId of [...idsIn(params.clientId), ...idsIn(body.clientId), ...idsIn(body.clientIds)])
      if (!scope.clientIds.includes(clientId)) throw notFound('client');
    if (typeof params.postId === 'string') {
      const post = await scopes.postTargets(workspaceId, params.postId);
      if (post && !postInScope(scope, post, userId)) throw notFound('post');
    }
    if (typeof params.itemId === 'string') {
      const channelId = await scopes.inboxItemChannel(workspaceId, params.itemId);
      if (channelId !== undefined && !channelInScope(scope, channelId)) throw notFound('inbox item');
    }
  }

  return {
    /** The caller's scope in the workspace, once per request: null when they see the whole workspace. */
    resolve: (workspaceId: string, userId: string) => scopes.resolve(workspaceId, userId),

    async check(
      route: Pick<RouteDefinition, 'method' | 'url'>,
      access: { workspaceId: string; userId: string; scope: ChannelScope | null | undefined },
      request: { params: unknown; query: unknown; body: unknown },
    ): Promise<void> {
      const { scope } = access;
      if (!scope) return;
      const policy = scopePolicies[`${route.method} ${route.url}`];
      if (!policy)
        throw new AppError(
          403,
          'out_of_scope',
          'You are scoped to some clients of this workspace, and this action is not yet open to scoped members; ask an unscoped member.',
        );
      if (policy.kind === 'unscoped')
        throw new AppError(
          403,
          'out_of_scope',
          `You are scoped to some clients of this workspace and cannot do this: ${policy.reason}.`,
        );
      const record = (value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      await checkNamedIds(access.workspaceId, access.userId, scope, {
        params: record(request.params),
        query: record(request.query),
        body: record(request.body),
      });
    },
  };
}

export type ScopeGate = ReturnType<typeof createScopeGate>;
