import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** Who has an inbox item open: one row per member and item, valid until its expiry. */
export function createInboxPresenceRepository(db: Executor) {
  return {
    async touch(
      entry: { workspaceId: string; itemId: string; userId: string; typing: boolean; at: Date; expiresAt: Date },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .insertInto('inbox_presence')
        .values({
          workspace_id: entry.workspaceId,
          item_id: entry.itemId,
          user_id: entry.userId,
          typing: entry.typing,
          seen_at: entry.at,
          expires_at: entry.expiresAt,
        })
        .onConflict((conflict) =>
          conflict.columns(['item_id', 'user_id']).doUpdateSet({
            typing: entry.typing,
            seen_at: entry.at,
            expires_at: entry.expiresAt,
          }),
        )
        .execute();
    },

    /** The other members present on the item at `at`, with their names. */
    async others(workspaceId: string, itemId: string, userId: string, at: Date, executor: Executor = db) {
      return executor
        .selectFrom('inbox_presence')
        .innerJoin('users', 'users.id', 'inbox_presence.user_id')
        .innerJoin('memberships', (join) =>
          join
            .onRef('memberships.user_id', '=', 'inbox_presence.user_id')
            .onRef('memberships.workspace_id', '=', 'inbox_presence.workspace_id'),
        )
        .select([
          'inbox_presence.user_id as userId',
          'users.name',
          'inbox_presence.typing',
          'inbox_presence.seen_at as seenAt',
        ])
        .where('inbox_presence.workspace_id', '=', workspaceId)
        .where('inbox_presence.item_id', '=', itemId)
        .where('inbox_presence.user_id', '<>', userId)
        .where('inbox_presence.expires_at', '>', at)
        .orderBy('inbox_presence.seen_at', 'desc')
        .execute();
    },

    async leave(workspaceId: string, itemId: string, userId: string, executor: Executor = db): Promise<void> {
      await executor
        .deleteFrom('inbox_presence')
        .where('workspace_id', '=', workspaceId)
        .where('item_id', '=', itemId)
        .where('user_id', '=', userId)
        .execute();
    },

    /** Removes rows expired before `at` (the table stays as small as the people online). */
    async sweep(at: Date, executor: Executor = db): Promise<void> {
      await executor.deleteFrom('inbox_presence').where('expires_at', '<', at).execute();
    },

    /** The newest reply sent on an item, or null. */
    async lastReplyId(workspaceId: string, itemId: string, executor: Executor = db): Promise<string | null> {
      const row = await executor
        .selectFrom('inbox_replies')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('item_id', '=', itemId)
        .orderBy('sent_at', 'desc')
        .orderBy(sql`id`, 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.id ?? null;
    },
  };
}

export type InboxPresenceRepository = ReturnType<typeof createInboxPresenceRepository>;
