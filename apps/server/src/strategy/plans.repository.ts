import type { Plan, PlanAnswers } from '@sillage/domain';
import type { Executor } from '../db/database.ts';

export type PlanRecord = { id: string; workspaceId: string; currentVersion: number };

export type PlanVersionKind = 'generated' | 'edited';

export type PlanVersionRecord = {
  version: number;
  kind: PlanVersionKind;
  note: string;
  authorId: string | null;
  authorEmail: string | null;
  createdAt: Date;
  plan: Plan;
};

const versionColumns = [
  'strategy_plan_versions.version',
  'strategy_plan_versions.kind',
  'strategy_plan_versions.note',
  'strategy_plan_versions.author_id as authorId',
  'users.email as authorEmail',
  'strategy_plan_versions.created_at as createdAt',
] as const;

/** The workspace's SMM plan and its immutable versions. Every query names the workspace. */
export function createPlansRepository(db: Executor) {
  const versions = (executor: Executor, workspaceId: string) =>
    executor
      .selectFrom('strategy_plan_versions')
      .leftJoin('users', 'users.id', 'strategy_plan_versions.author_id')
      .where('strategy_plan_versions.workspace_id', '=', workspaceId);

  return {
    async plan(workspaceId: string, executor: Executor = db): Promise<PlanRecord | undefined> {
      return executor
        .selectFrom('strategy_plans')
        .select(['id', 'workspace_id as workspaceId', 'current_version as currentVersion'])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
    },

    /** The plan row locked until the end of the transaction, so that two saves cannot take the same number. */
    async lockPlan(workspaceId: string, executor: Executor): Promise<PlanRecord | undefined> {
      return executor
        .selectFrom('strategy_plans')
        .select(['id', 'workspace_id as workspaceId', 'current_version as currentVersion'])
        .where('workspace_id', '=', workspaceId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** Creates the workspace's plan row (at version 1) unless it exists; returns it locked. */
    async createPlan(workspaceId: string, now: Date, executor: Executor): Promise<PlanRecord> {
      await executor
        .insertInto('strategy_plans')
        .values({ workspace_id: workspaceId, current_version: 1, created_at: now, updated_at: now })
        .onConflict((conflict) => conflict.column('workspace_id').doNothing())
        .execute();
      const plan = await this.lockPlan(workspaceId, executor);
      if (!plan) throw new Error('The plan row was not created.');
      return plan;
    },

    async insertVersion(
      input: {
        workspaceId: string;
        planId: string;
        version: number;
        plan: Plan;
        answers: PlanAnswers;
        kind: PlanVersionKind;
        note: string;
        authorId: string | null;
        now: Date;
      },
      executor: Executor,
    ): Promise<void> {
      await executor
        .insertInto('strategy_plan_versions')
        .values({
          workspace_id: input.workspaceId,
          plan_id: input.planId,
          version: input.version,
          plan: JSON.stringify(input.plan),
          answers: JSON.stringify(input.answers),
          kind: input.kind,
          note: input.note,
          author_id: input.authorId,
          created_at: input.now,
        })
        .execute();
      await executor
        .updateTable('strategy_plans')
        .set({ current_version: input.version, updated_at: input.now })
        .where('id', '=', input.planId)
        .where('workspace_id', '=', input.workspaceId)
        .execute();
    },

    async version(
      workspaceId: string,
      version: number,
      executor: Executor = db,
    ): Promise<PlanVersionRecord | undefined> {
      const row = await versions(executor, workspaceId)
        .select([...versionColumns, 'strategy_plan_versions.plan'])
        .where('strategy_plan_versions.version', '=', version)
        .executeTakeFirst();
      return row ? { ...row, plan: row.plan as unknown as Plan } : undefined;
    },

    /** Every version, newest first, with the plan (diffing each against the previous needs it). */
    async listVersions(workspaceId: string, executor: Executor = db): Promise<PlanVersionRecord[]> {
      const rows = await versions(executor, workspaceId)
        .select([...versionColumns, 'strategy_plan_versions.plan'])
        .orderBy('strategy_plan_versions.version', 'desc')
        .execute();
      return rows.map((row) => ({ ...row, plan: row.plan as unknown as Plan }));
    },
  };
}

export type PlansRepository = ReturnType<typeof createPlansRepository>;
