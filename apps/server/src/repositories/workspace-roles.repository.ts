import { isPermission, type Permission, type Role } from '@sillage/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type CustomRoleRecord = {
  id: string;
  name: string;
  baseRole: Role;
  permissions: Permission[];
  holders: number;
  createdAt: Date;
  updatedAt: Date;
};

type CustomRoleInput = { name: string; baseRole: Role; permissions: readonly Permission[] };

/** A workspace's own roles. Every query names the workspace, taken from the checked route context. */
export function createWorkspaceRolesRepository(db: Executor) {
  const selectRoles = (executor: Executor, workspaceId: string) =>
    executor
      .selectFrom('workspace_roles')
      .select([
        'workspace_roles.id',
        'workspace_roles.name',
        'workspace_roles.base_role as baseRole',
        'workspace_roles.permissions',
        'workspace_roles.created_at as createdAt',
        'workspace_roles.updated_at as updatedAt',
        (eb) =>
          eb
            .selectFrom('memberships')
            .select(sql<number>`count(*)::int`.as('count'))
            .whereRef('memberships.custom_role_id', '=', 'workspace_roles.id')
            .as('holders'),
      ])
      .where('workspace_roles.workspace_id', '=', workspaceId);

  const toRecord = (row: {
    id: string;
    name: string;
    baseRole: string;
    permissions: string[];
    createdAt: Date;
    updatedAt: Date;
    holders: number | null;
  }): CustomRoleRecord => ({
    ...row,
    baseRole: row.baseRole as Role,
    permissions: row.permissions.filter(isPermission),
    holders: row.holders ?? 0,
  });

  return {
    async list(workspaceId: string, executor: Executor = db): Promise<CustomRoleRecord[]> {
      return (await selectRoles(executor, workspaceId).orderBy('workspace_roles.name').execute()).map(toRecord);
    },
    async find(workspaceId: string, roleId: string, executor: Executor = db): Promise<CustomRoleRecord | undefined> {
      const row = await selectRoles(executor, workspaceId).where('workspace_roles.id', '=', roleId).executeTakeFirst();
      return row && toRecord(row);
    },
    async nameTaken(workspaceId: string, name: string, exceptId: string | null, executor: Executor = db) {
      let query = executor
        .selectFrom('workspace_roles')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where(sql<boolean>`lower(name) = lower(${name})`);
      if (exceptId) query = query.where('id', '!=', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },
    async insert(
      workspaceId: string,
      input: CustomRoleInput & { createdBy: string },
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('workspace_roles')
        .values({
          workspace_id: workspaceId,
          name: input.name,
          base_role: input.baseRole,
          permissions: [...input.permissions],
          created_by: input.createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(
      workspaceId: string,
      roleId: string,
      input: CustomRoleInput,
      now: Date,
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('workspace_roles')
        .set({ name: input.name, base_role: input.baseRole, permissions: [...input.permissions], updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', roleId)
        .execute();
      // Holders keep the role; their built-in role follows its new base.
      await executor
        .updateTable('memberships')
        .set({ role: input.baseRole })
        .where('workspace_id', '=', workspaceId)
        .where('custom_role_id', '=', roleId)
        .execute();
    },
    async remove(workspaceId: string, roleId: string, executor: Executor = db): Promise<void> {
      await executor
        .deleteFrom('workspace_roles')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', roleId)
        .execute();
    },
  };
}

export type WorkspaceRolesRepository = ReturnType<typeof createWorkspaceRolesRepository>;
