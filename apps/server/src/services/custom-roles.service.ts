import { mayGrantRole, validateCustomRole, type Permission, type Role } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { CustomRoleRecord, WorkspaceRolesRepository } from '../repositories/workspace-roles.repository.ts';
import type { MemberRecord, WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from './workspaces.service.ts';

type CustomRoleInput = { name: string; baseRole: Role; permissions: readonly Permission[] };

/**
 * The workspace's own roles on top of the built-in ones. Nobody creates or gives a role granting more than they
 * hold themselves; a role still held by someone cannot be deleted; every change is in the audit trail.
 */
export function createCustomRolesService(deps: {
  db: Kysely<DB>;
  roles: WorkspaceRolesRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, roles, workspaces, audit, now } = deps;

  const actorAccess = (actor: ActorInWorkspace) => ({ role: actor.role, customPermissions: actor.permissions ?? null });

  function check(actor: ActorInWorkspace, input: CustomRoleInput) {
    const problems = validateCustomRole(input, actorAccess(actor));
    if (problems.length === 0) return;
    const beyond = problems.some(
      (problem) => problem.reason.startsWith('You cannot') || problem.reason.startsWith('Your role'),
    );
    if (beyond) throw forbidden(problems.map((problem) => problem.reason).join(' '));
    throw new AppError(
      400,
      'invalid_role',
      problems.map((problem) => `${problem.field}: ${problem.reason}`).join(' '),
      problems.map((problem) => ({ path: `body.${problem.field}`, message: problem.reason })),
    );
  }

  async function record(
    actor: ActorInWorkspace,
    action: string,
    targetId: string,
    details: Record<string, unknown>,
    executor: Kysely<DB>,
  ) {
    await audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: action.startsWith('member.') ? 'user' : 'role',
        targetId,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      executor,
    );
  }

  async function ensureNameFree(actor: ActorInWorkspace, name: string, exceptId: string | null, trx: Kysely<DB>) {
    if (await roles.nameTaken(actor.workspaceId, name, exceptId, trx))
      throw new AppError(409, 'role_name_taken', `A role named "${name}" already exists here; choose another name.`);
  }

  return {
    list: (workspaceId: string) => roles.list(workspaceId),

    async create(actor: ActorInWorkspace, input: CustomRoleInput): Promise<CustomRoleRecord> {
      check(actor, input);
      return db.transaction().execute(async (trx) => {
        await ensureNameFree(actor, input.name, null, trx);
        const id = await roles.insert(actor.workspaceId, { ...input, createdBy: actor.userId }, trx);
        await record(actor, 'role.created', id, { ...input }, trx);
        return (await roles.find(actor.workspaceId, id, trx))!;
      });
    },

    async update(actor: ActorInWorkspace, roleId: string, input: CustomRoleInput): Promise<CustomRoleRecord> {
      check(actor, input);
      return db.transaction().execute(async (trx) => {
        await workspaces.lockWorkspace(actor.workspaceId, trx);
        const before = await roles.find(actor.workspaceId, roleId, trx);
        if (!before) throw notFound('role');
        await ensureNameFree(actor, input.name, roleId, trx);
        await roles.update(actor.workspaceId, roleId, input, now(), trx);
        await record(
          actor,
          'role.updated',
          roleId,
          {
            before: { name: before.name, baseRole: before.baseRole, permissions: before.permissions },
            after: { ...input },
          },
          trx,
        );
        return (await roles.find(actor.workspaceId, roleId, trx))!;
      });
    },

    async remove(actor: ActorInWorkspace, roleId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await workspaces.lockWorkspace(actor.workspaceId, trx);
        const role = await roles.find(actor.workspaceId, roleId, trx);
        if (!role) throw notFound('role');
        if (role.holders > 0)
          throw new AppError(
            409,
            'role_in_use',
            `${role.holders} member(s) hold the role "${role.name}"; give them another role first.`,
            { holders: role.holders },
          );
        await roles.remove(actor.workspaceId, roleId, trx);
        await record(actor, 'role.deleted', roleId, { name: role.name }, trx);
      });
    },

    /** Gives a member a custom role (or takes it away with null); an owner's access is never narrowed this way. */
    async assign(actor: ActorInWorkspace, userId: string, roleId: string | null): Promise<MemberRecord> {
      return db.transaction().execute(async (trx) => {
        await workspaces.lockWorkspace(actor.workspaceId, trx);
        const member = await workspaces.findMember(actor.workspaceId, userId, trx);
        if (!member) throw notFound('member');
        if (member.role === 'owner')
          throw new AppError(409, 'owner_role', 'An owner keeps the owner role; make them admin first.');
        if (!mayGrantRole(actor.role, member.role))
          throw forbidden(
            `Your role (${actor.role}) cannot change the access of a member with the role ${member.role}.`,
          );
        const role = roleId ? await roles.find(actor.workspaceId, roleId, trx) : null;
        if (roleId && !role) throw notFound('role');
        if (role) check(actor, role);
        await workspaces.setCustomRole(
          actor.workspaceId,
          userId,
          role ? { id: role.id, baseRole: role.baseRole } : null,
          trx,
        );
        await record(
          actor,
          'member.custom_role_changed',
          userId,
          { from: member.customRole?.name ?? null, to: role?.name ?? null },
          trx,
        );
        return (await workspaces.findMember(actor.workspaceId, userId, trx))!;
      });
    },
  };
}

export type CustomRolesService = ReturnType<typeof createCustomRolesService>;
