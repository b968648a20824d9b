import { isPermission, type Permission, type Role } from '@sillage/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type WorkspaceRecord = {
  id: string;
  name: string;
  timeZone: string;
  locale: 'fr' | 'en';
  isDemo: boolean;
  createdAt: Date;
};

export type MemberRecord = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
  customRole: { id: string; name: string } | null;
};

/** What a member may do in a workspace: their built-in role and, when they hold one, their custom role. */
export type MemberAccess = {
  role: Role;
  customRole: { id: string; name: string; permissions: readonly Permission[] } | null;
};

const memberColumns = [
  'users.id as userId',
  'users.email',
  'users.name',
  'memberships.role',
  'memberships.created_at as joinedAt',
  'workspace_roles.id as customRoleId',
  'workspace_roles.name as customRoleName',
] as const;

const toMember = (row: {
  userId: string;
  email: string;
  name: string;
  role: string;
  joinedAt: Date;
  customRoleId: string | null;
  customRoleName: string | null;
}): MemberRecord => ({
  userId: row.userId,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  joinedAt: row.joinedAt,
  customRole: row.customRoleId && row.customRoleName ? { id: row.customRoleId, name: row.customRoleName } : null,
});

const workspaceColumns = [
  'workspaces.id',
  'workspaces.name',
  'workspaces.time_zone as timeZone',
  'workspaces.locale',
  'workspaces.is_demo as isDemo',
  'workspaces.created_at as createdAt',
] as const;

/** Workspaces and their memberships. Every read that names a workspace takes its id from the checked context. */
export function createWorkspacesRepository(db: Executor) {
  return {
    async insert(
      workspace: { name: string; timeZone: string; locale: 'fr' | 'en'; isDemo?: boolean },
      executor: Executor = db,
    ): Promise<WorkspaceRecord> {
      return executor
        .insertInto('workspaces')
        .values({
          name: workspace.name,
          time_zone: workspace.timeZone,
          locale: workspace.locale,
          is_demo: workspace.isDemo ?? false,
        })
        .returning(workspaceColumns)
        .executeTakeFirstOrThrow();
    },
    async findById(workspaceId: string, executor: Executor = db): Promise<WorkspaceRecord | undefined> {
      return executor
        .selectFrom('workspaces')
        .select(workspaceColumns)
        .where('id', '=', workspaceId)
        .executeTakeFirst();
    },
    async findDemo(executor: Executor = db): Promise<WorkspaceRecord | undefined> {
      return executor.selectFrom('workspaces').select(workspaceColumns).where('is_demo', '=', true).executeTakeFirst();
    },
    async update(
      workspaceId: string,
      changes: { name?: string | undefined; timeZone?: string | undefined; locale?: 'fr' | 'en' | undefined },
      executor: Executor = db,
    ): Promise<WorkspaceRecord> {
      const set: { name?: string; time_zone?: string; locale?: 'fr' | 'en' } = {};
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.timeZone !== undefined) set.time_zone = changes.timeZone;
      if (changes.locale !== undefined) set.locale = changes.locale;
      if (Object.keys(set).length === 0) {
        return executor
          .selectFrom('workspaces')
          .select(workspaceColumns)
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow();
      }
      return executor
        .updateTable('workspaces')
        .set(set)
        .where('id', '=', workspaceId)
        .returning(workspaceColumns)
        .executeTakeFirstOrThrow();
    },
    async listForUser(userId: string, executor: Executor = db): Promise<(WorkspaceRecord & { role: Role })[]> {
      const rows = await executor
        .selectFrom('workspaces')
        .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
        .select([...workspaceColumns, 'memberships.role'])
        .where('memberships.user_id', '=', userId)
        .orderBy('workspaces.name')
        .execute();
      return rows.map((row) => ({ ...row, role: row.role as Role }));
    },
    async findMembership(workspaceId: string, userId: string, executor: Executor = db): Promise<Role | undefined> {
      const row = await executor
        .selectFrom('memberships')
        .select('role')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.role as Role | undefined;
    },
    /** The member's role and custom role in one read, for the route gate; undefined for non-members. */
    async findAccess(workspaceId: string, userId: string, executor: Executor = db): Promise<MemberAccess | undefined> {
      const row = await executor
        .selectFrom('memberships')
        .leftJoin('workspace_roles', 'workspace_roles.id', 'memberships.custom_role_id')
        .select([
          'memberships.role',
          'workspace_roles.id as customRoleId',
          'workspace_roles.name as customRoleName',
          'workspace_roles.permissions as customPermissions',
        ])
        .where('memberships.workspace_id', '=', workspaceId)
        .where('memberships.user_id', '=', userId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        role: row.role as Role,
        customRole:
          row.customRoleId && row.customRoleName && row.customPermissions
            ? {
                id: row.customRoleId,
                name: row.customRoleName,
                permissions: row.customPermissions.filter(isPermission),
              }
            : null,
      };
    },
    /** Gives a member a custom role (their built-in role becomes its base), or takes it away (null). */
    async setCustomRole(
      workspaceId: string,
      userId: string,
      customRole: { id: string; baseRole: Role } | null,
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('memberships')
        .set(customRole ? { custom_role_id: customRole.id, role: customRole.baseRole } : { custom_role_id: null })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
    },
    async addMember(workspaceId: string, userId: string, role: Role, executor: Executor = db): Promise<void> {
      await executor
        .insertInto('memberships')
        .values({ workspace_id: workspaceId, user_id: userId, role })
        .onConflict((conflict) => conflict.columns(['workspace_id', 'user_id']).doUpdateSet({ role }))
        .execute();
    },
    async listMembers(workspaceId: string, executor: Executor = db): Promise<MemberRecord[]> {
      const rows = await executor
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .leftJoin('workspace_roles', 'workspace_roles.id', 'memberships.custom_role_id')
        .select(memberColumns)
        .where('memberships.workspace_id', '=', workspaceId)
        .orderBy('users.name')
        .execute();
      return rows.map(toMember);
    },
    async findMember(workspaceId: string, userId: string, executor: Executor = db): Promise<MemberRecord | undefined> {
      const row = await executor
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .leftJoin('workspace_roles', 'workspace_roles.id', 'memberships.custom_role_id')
        .select(memberColumns)
        .where('memberships.workspace_id', '=', workspaceId)
        .where('memberships.user_id', '=', userId)
        .executeTakeFirst();
      return row && toMember(row);
    },
    async setMemberRole(workspaceId: string, userId: string, role: Role, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('memberships')
        .set({ role, custom_role_id: null })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
    },
    async removeMember(workspaceId: string, userId: string, executor: Executor = db): Promise<void> {
      await executor
        .deleteFrom('memberships')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
    },
    /** Owners of a workspace, locked for the rest of the transaction so two demotions cannot leave none. */
    async countOwnersForUpdate(workspaceId: string, executor: Executor = db): Promise<number> {
      const rows = await executor
        .selectFrom('memberships')
        .select('user_id')
        .where('workspace_id', '=', workspaceId)
        .where('role', '=', 'owner')
        .forUpdate()
        .execute();
      return rows.length;
    },
    async lockWorkspace(workspaceId: string, executor: Executor): Promise<void> {
      await sql`select 1 from workspaces where id = ${workspaceId} for update`.execute(executor);
    },
  };
}

export type WorkspacesRepository = ReturnType<typeof createWorkspacesRepository>;
