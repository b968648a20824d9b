import type { Executor } from '../db/database.ts';
import { notificationInScope } from '../scopes/scope-sql.ts';

export type NotificationRecord = {
  id: string;
  workspaceId: string;
  userId: string | null;
  role: string | null;
  kind: string;
  message: string;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: Date;
  readAt: Date | null;
};

const columns = [
  'id',
  'workspace_id as workspaceId',
  'user_id as userId',
  'role',
  'kind',
  'message',
  'subject_type as subjectType',
  'subject_id as subjectId',
  'created_at as createdAt',
  'read_at as readAt',
] as const;

export function createNotificationsRepository(db: Executor) {
  return {
    async insertForUsers(
      notification: {
        workspaceId: string;
        userIds: readonly string[];
        kind: string;
        message: string;
        subjectType: string;
        subjectId: string;
        now: Date;
      },
      executor: Executor = db,
    ): Promise<void> {
      if (notification.userIds.length === 0) return;
      await executor
        .insertInto('notifications')
        .values(
          notification.userIds.map((userId) => ({
            workspace_id: notification.workspaceId,
            user_id: userId,
            kind: notification.kind,
            message: notification.message,
            subject_type: notification.subjectType,
            subject_id: notification.subjectId,
            created_at: notification.now,
          })),
        )
        .execute();
    },

    /** What a member sees: rows addressed to them or to their role, newest first. */
    async listFor(
      input: {
        workspaceId: string;
        userId: string;
        role: string;
        limit: number;
        /** A scoped member's visible channels: only notices about them, their posts, or no subject. */
        channelIds?: readonly string[] | undefined;
      },
      executor: Executor = db,
    ): Promise<NotificationRecord[]> {
      let query = executor
        .selectFrom('notifications')
        .select(columns)
        .where('workspace_id', '=', input.workspaceId)
        .where((eb) => eb.or([eb('user_id', '=', input.userId), eb('role', '=', input.role)]));
      if (input.channelIds) query = query.where(notificationInScope(input.channelIds));
      return query.orderBy('created_at', 'desc').limit(input.limit).execute();
    },

    /** Marks one read; false when it is not addressed to this member. */
    async markRead(
      input: { workspaceId: string; userId: string; role: string; id: string; now: Date },
      executor: Executor = db,
    ): Promise<boolean> {
      const result = await executor
        .updateTable('notifications')
        .set({ read_at: input.now })
        .where('workspace_id', '=', input.workspaceId)
        .where('id', '=', input.id)
        .where((eb) => eb.or([eb('user_id', '=', input.userId), eb('role', '=', input.role)]))
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async exists(workspaceId: string, id: string, executor: Executor = db): Promise<boolean> {
      const row = await executor
        .selectFrom('notifications')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
