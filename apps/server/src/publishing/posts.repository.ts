import type { Executor } from '../db/database.ts';

export type PostRecord = { id: string; workspaceId: string; authorId: string | null; text: string; createdAt: Date };

const columns = [
  'posts.id',
  'posts.workspace_id as workspaceId',
  'posts.author_id as authorId',
  'posts.text',
  'posts.created_at as createdAt',
] as const;

export function createPostsRepository(db: Executor) {
  return {
    async insert(
      post: { workspaceId: string; authorId: string; text: string; now: Date },
      executor: Executor = db,
    ): Promise<PostRecord> {
      return executor
        .insertInto('posts')
        .values({
          workspace_id: post.workspaceId,
          author_id: post.authorId,
          text: post.text,
          created_at: post.now,
          updated_at: post.now,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
    },

    async find(workspaceId: string, id: string, executor: Executor = db): Promise<PostRecord | undefined> {
      return executor
        .selectFrom('posts')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Posts with a publication scheduled in [from, to): the calendar's view. */
    async listScheduledBetween(workspaceId: string, from: Date, to: Date, executor: Executor = db) {
      return executor
        .selectFrom('posts')
        .select(columns)
        .where('posts.workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('publications')
              .select('publications.id')
              .whereRef('publications.post_id', '=', 'posts.id')
              .where('publications.scheduled_at', '>=', from)
              .where('publications.scheduled_at', '<', to),
          ),
        )
        .orderBy('posts.created_at')
        .limit(1000)
        .execute();
    },

    /** The latest posts of the workspace, newest first. */
    async listRecent(workspaceId: string, limit: number, executor: Executor = db) {
      return executor
        .selectFrom('posts')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type PostsRepository = ReturnType<typeof createPostsRepository>;
