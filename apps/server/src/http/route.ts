import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission, Role } from '@sillage/domain';
import type { z } from 'zod';
import type { ChannelScope } from '../scopes/scope.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route:
 * - public: anyone (health, login, set-up, invitation preview);
 * - user: any signed-in user or API token, no workspace;
 * - workspace: a member of the `:workspaceId` in the path holding the permission (others get 404 or 403).
 */
export type Access = { kind: 'public' } | { kind: 'user' } | { kind: 'workspace'; permission: Permission };

/** The authenticated caller. `workspace` is set on workspace routes once membership is checked. */
export type Principal = {
  userId: string;
  email: string;
  isInstanceAdmin: boolean;
  via:
    | { kind: 'session'; sessionIdHash: string; csrfToken: string }
    | { kind: 'api_token'; tokenId: string; workspaceId: string; role: Role; memberRole: Role };
};

/**
 * The caller's checked access to the workspace of the path: their built-in role, the workspace's custom role when
 * they hold one, and what they may do (for a token: the lesser of the token's role and its owner's access).
 */
export type WorkspaceAccess = {
  workspaceId: string;
  role: Role;
  customRole: { id: string; name: string } | null;
  permissions: readonly Permission[];
  /** The caller's client/channel scope, resolved once per request (null: the whole workspace). */
  scope?: ChannelScope | null;
};

export type RouteContext<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  principal: Principal | undefined;
  workspace: WorkspaceAccess | undefined;
  ip: string;
  userAgent: string | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
};

type AnyZod = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteDefinition<
  P extends AnyZod | undefined = AnyZod | undefined,
  Q extends AnyZod | undefined = AnyZod | undefined,
  B extends AnyZod | undefined = AnyZod | undefined,
  R extends AnyZod = AnyZod,
> = {
  method: HttpMethod;
  /** Fastify path syntax, e.g. /api/workspaces/:workspaceId/members */
  url: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status; 200 unless said. */
  status?: number;
  /**
   * Liveness and readiness probes: answered without authentication or the rate limit, so that they touch
   * the database only when they mean to (a health check must answer while the database is down).
   */
  probe?: true;
  /** Content type of the success answer when it is not JSON. */
  produces?: string;
  handler: (context: RouteContext<Out<P>, Out<Q>, Out<B>>) => Promise<z.input<R> | string | Buffer>;
};

/** Declares a route with its contracts; types of params, query and body flow into the handler. */
export function defineRoute<
  P extends AnyZod | undefined = undefined,
  Q extends AnyZod | undefined = undefined,
  B extends AnyZod | undefined = undefined,
  R extends AnyZod = AnyZod,
>(definition: RouteDefinition<P, Q, B, R>): RouteDefinition {
  return definition;
}
