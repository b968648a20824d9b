import { mayGrantRole, type Permission, type Role } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { ApiTokensRepository } from '../repositories/api-tokens.repository.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { MemberRecord, WorkspaceRecord, WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ChannelScope } from '../scopes/scope.ts';

export type Actor = { userId: string; email: string; ip: string };
/**
 * A caller checked into a workspace. `permissions` is what they may do when the route gate computed it (a custom
 * role or a token narrows the built-in role); services that check a permission themselves use it.
 */
export type ActorInWorkspace = Actor & {
  workspaceId: string;
  role: Role;
  permissions?: readonly Permission[];
  /** The member's client/channel scope (scopes/scope.ts); absent or null: the whole workspace. */
  scope?: ChannelScope | null;
};

export function createWorkspacesService(deps: {
  db: Kysely<DB>;
  workspaces: WorkspacesRepository;
  apiTokens: ApiTokensRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, workspaces, apiTokens, audit, now } = deps;

  function record(
    actor: ActorInWorkspace,
    action: string,
    targetType: string,
    targetId: string,
    details: Record<string, unknown> = {},
  ) {
    return {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      actorEmail: actor.email,
      action,
      targetType,
      targetId,
      ip: actor.ip,
      outcome: 'success' as const,
      details,
    };
  }

  return {
    listForUser: (userId: string) => workspaces.listForUser(userId),

    async get(workspaceId: string): Promise<WorkspaceRecord> {
      const workspace = await workspaces.findById(workspaceId);
      if (!workspace) throw notFound('workspace');
      return workspace;
    },

    /** A new workspace (a brand or a client) whose creator is its owner. */
    async create(
      actor: Actor & { isInstanceAdmin: boolean },
      input: { name: string; timeZone: string; locale: 'fr' | 'en' },
    ): Promise<WorkspaceRecord> {
      if (!actor.isInstanceAdmin)
        throw forbidden('Only an administrator of this Sillage instance may create workspaces.');
      return db.transaction().execute(async (trx) => {
        const workspace = await workspaces.insert(input, trx);
        await workspaces.addMember(workspace.id, actor.userId, 'owner', trx);
        await audit.insert(
          record(
            { ...actor, workspaceId: workspace.id, role: 'owner' },
            'workspace.created',
            'workspace',
            workspace.id,
            { name: input.name },
          ),
          trx,
        );
        return workspace;
      });
    },

    async update(
      actor: ActorInWorkspace,
      changes: { name?: string | undefined; timeZone?: string | undefined; locale?: 'fr' | 'en' | undefined },
    ): Promise<WorkspaceRecord> {
      return db.transaction().execute(async (trx) => {
        const workspace = await workspaces.update(actor.workspaceId, changes, trx);
        await audit.insert(record(actor, 'workspace.updated', 'workspace', actor.workspaceId, { changes }), trx);
        return workspace;
      });
    },

    listMembers: (workspaceId: string) => workspaces.listMembers(workspaceId),

    /** Changes a member's role; nobody grants more than they hold, and a workspace always keeps an owner. */
    async changeMemberRole(actor: ActorInWorkspace, userId: string, role: Role): Promise<MemberRecord> {
      return db.transaction().execute(async (trx) => {
        await workspaces.lockWorkspace(actor.workspaceId, trx);
        const member = await workspaces.findMember(actor.workspaceId, userId, trx);
        if (!member) throw notFound('member');
        if (!mayGrantRole(actor.role, role) || (member.role === 'owner' && actor.role !== 'owner')) {
          throw forbidden(
            `Your role (${actor.role}) cannot give or take the role ${member.role === 'owner' ? 'owner' : role}.`,
          );
        }
        if (
          member.role === 'owner' &&
          role !== 'owner' &&
          (await workspaces.countOwnersForUpdate(actor.workspaceId, trx)) <= 1
        ) {
          throw new AppError(409, 'last_owner', 'A workspace needs at least one owner: make someone else owner first.');
        }
        await workspaces.setMemberRole(actor.workspaceId, userId, role, trx);
        await audit.insert(record(actor, 'member.role_changed', 'user', userId, { from: member.role, to: role }), trx);
        return { ...member, role };
      });
    },

    async removeMember(actor: ActorInWorkspace, userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await workspaces.lockWorkspace(actor.workspaceId, trx);
        const member = await workspaces.findMember(actor.workspaceId, userId, trx);
        if (!member) throw notFound('member');
        if (member.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner may remove an owner.');
        if (member.role === 'owner' && (await workspaces.countOwnersForUpdate(actor.workspaceId, trx)) <= 1) {
          throw new AppError(409, 'last_owner', 'A workspace needs at least one owner: make someone else owner first.');
        }
        await workspaces.removeMember(actor.workspaceId, userId, trx);
        await apiTokens.revokeAllForMember(actor.workspaceId, userId, now(), trx);
        await audit.insert(
          record(actor, 'member.removed', 'user', userId, { role: member.role, email: member.email }),
          trx,
        );
      });
    },
  };
}

export type WorkspacesService = ReturnType<typeof createWorkspacesService>;
