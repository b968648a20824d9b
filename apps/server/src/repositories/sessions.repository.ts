import type { Executor } from '../db/database.ts';

export type SessionRecord = { idHash: string; userId: string; csrfToken: string; expiresAt: Date; lastSeenAt: Date };

export function createSessionsRepository(db: Executor) {
  return {
    async insert(
      session: {
        idHash: string;
        userId: string;
        csrfToken: string;
        expiresAt: Date;
        ip: string;
        userAgent: string | undefined;
      },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          expires_at: session.expiresAt,
          ip: session.ip,
          user_agent: session.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
    },
    async findLive(idHash: string, now: Date, executor: Executor = db): Promise<SessionRecord | undefined> {
      return executor
        .selectFrom('sessions')
        .select([
          'id_hash as idHash',
          'user_id as userId',
          'csrf_token as csrfToken',
          'expires_at as expiresAt',
          'last_seen_at as lastSeenAt',
        ])
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },
    async touch(idHash: string, now: Date, expiresAt: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('id_hash', '=', idHash)
        .execute();
    },
    async delete(idHash: string, executor: Executor = db): Promise<void> {
      await executor.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteAllForUser(userId: string, executor: Executor = db): Promise<void> {
      await executor.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpired(now: Date, executor: Executor = db): Promise<number> {
      const result = await executor.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
