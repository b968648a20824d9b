import type { Executor } from '../../db/database.ts';

export type SavedReplyRecord = {
  id: string;
  title: string;
  body: string;
  language: 'fr' | 'en' | null;
  tags: string[];
  updatedAt: Date;
};

export type SavedReplyInput = { title: string; body: string; language: 'fr' | 'en' | null; tags: string[] };

const columns = ['id', 'title', 'body', 'language', 'tags', 'updated_at as updatedAt'] as const;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** A workspace's saved replies. */
export function createSavedRepliesRepository(db: Executor) {
  return {
    async list(
      workspaceId: string,
      filters: { search?: string | undefined; language?: 'fr' | 'en' | undefined },
      executor: Executor = db,
    ): Promise<SavedReplyRecord[]> {
      let query = executor.selectFrom('inbox_saved_replies').select(columns).where('workspace_id', '=', workspaceId);
      if (filters.language)
        query = query.where((where) =>
          where.or([where('language', '=', filters.language!), where('language', 'is', null)]),
        );
      if (filters.search) {
        const pattern = `%${escapeLike(filters.search)}%`;
        query = query.where((where) => where.or([where('title', 'ilike', pattern), where('body', 'ilike', pattern)]));
      }
      return query.orderBy('title').orderBy('id').limit(200).execute();
    },

    async find(workspaceId: string, id: string, executor: Executor = db): Promise<SavedReplyRecord | undefined> {
      return executor
        .selectFrom('inbox_saved_replies')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insert(
      workspaceId: string,
      input: SavedReplyInput,
      by: string | null,
      at: Date,
      executor: Executor = db,
    ): Promise<SavedReplyRecord> {
      return executor
        .insertInto('inbox_saved_replies')
        .values({ workspace_id: workspaceId, ...input, created_by: by, created_at: at, updated_at: at })
        .returning(columns)
        .executeTakeFirstOrThrow();
    },

    async update(
      workspaceId: string,
      id: string,
      input: SavedReplyInput,
      at: Date,
      executor: Executor = db,
    ): Promise<SavedReplyRecord | undefined> {
      return executor
        .updateTable('inbox_saved_replies')
        .set({ ...input, updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .returning(columns)
        .executeTakeFirst();
    },

    async remove(workspaceId: string, id: string, executor: Executor = db): Promise<boolean> {
      const rows = await executor
        .deleteFrom('inbox_saved_replies')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .returning('id')
        .execute();
      return rows.length > 0;
    },
  };
}

export type SavedRepliesRepository = ReturnType<typeof createSavedRepliesRepository>;
