import type { Executor } from '../db/database.ts';

export type ListeningQueryKind = 'brand' | 'competitor' | 'topic';

export type ListeningQueryRecord = {
  id: string;
  workspaceId: string;
  name: string;
  text: string;
  kind: ListeningQueryKind;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const columns = [
  'id',
  'workspace_id as workspaceId',
  'name',
  'text',
  'kind',
  'active',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

/** A workspace's listening queries. Every method is scoped by the workspace id of the checked caller. */
export function createListeningQueriesRepository(db: Executor) {
  return {
    async list(workspaceId: string, executor: Executor = db): Promise<ListeningQueryRecord[]> {
      return executor
        .selectFrom('listening_queries')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** The active queries with the instant of their last change: what the matcher is compiled from. */
    async listActive(workspaceId: string, executor: Executor = db): Promise<ListeningQueryRecord[]> {
      return executor
        .selectFrom('listening_queries')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('active', '=', true)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async find(workspaceId: string, id: string, executor: Executor = db): Promise<ListeningQueryRecord | undefined> {
      return executor
        .selectFrom('listening_queries')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async findByName(
      workspaceId: string,
      name: string,
      executor: Executor = db,
    ): Promise<ListeningQueryRecord | undefined> {
      return executor
        .selectFrom('listening_queries')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('name', '=', name)
        .executeTakeFirst();
    },

    async insert(
      input: {
        workspaceId: string;
        name: string;
        text: string;
        kind: ListeningQueryKind;
        active: boolean;
        createdBy: string | null;
        now: Date;
      },
      executor: Executor = db,
    ): Promise<ListeningQueryRecord> {
      return executor
        .insertInto('listening_queries')
        .values({
          workspace_id: input.workspaceId,
          name: input.name,
          text: input.text,
          kind: input.kind,
          active: input.active,
          created_by: input.createdBy,
          created_at: input.now,
          updated_at: input.now,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
    },

    async update(
      workspaceId: string,
      id: string,
      changes: { name?: string; text?: string; kind?: ListeningQueryKind; active?: boolean; now: Date },
      executor: Executor = db,
    ): Promise<ListeningQueryRecord | undefined> {
      const { now, ...rest } = changes;
      return executor
        .updateTable('listening_queries')
        .set({ ...rest, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .returning(columns)
        .executeTakeFirst();
    },

    async remove(workspaceId: string, id: string, executor: Executor = db): Promise<boolean> {
      const result = await executor
        .deleteFrom('listening_queries')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type ListeningQueriesRepository = ReturnType<typeof createListeningQueriesRepository>;
