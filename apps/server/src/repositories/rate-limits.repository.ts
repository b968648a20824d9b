import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** Counters kept in the database, so every process of a deployment sees the same limits. */
export function createRateLimitsRepository(db: Executor) {
  return {
    /** Adds one hit to a fixed window and returns the window's count including it. */
    async hitWindow(bucket: string, key: string, windowStart: Date, executor: Executor = db): Promise<number> {
      const row = await executor
        .insertInto('rate_limit_windows')
        .values({ bucket, key, window_start: windowStart, hits: 1 })
        .onConflict((conflict) =>
          conflict.columns(['bucket', 'key', 'window_start']).doUpdateSet({ hits: sql`rate_limit_windows.hits + 1` }),
        )
        .returning('hits')
        .executeTakeFirstOrThrow();
      return row.hits;
    },
    async recordEvent(bucket: string, key: string, at: Date, executor: Executor = db): Promise<void> {
      await executor.insertInto('rate_limit_events').values({ bucket, key, at }).execute();
    },
    /** Events since `since`, and the oldest of them (when the count will next drop). */
    async countEventsSince(
      bucket: string,
      key: string,
      since: Date,
      executor: Executor = db,
    ): Promise<{ count: number; oldest: Date | null }> {
      const row = await executor
        .selectFrom('rate_limit_events')
        .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(at)`.as('oldest')])
        .where('bucket', '=', bucket)
        .where('key', '=', key)
        .where('at', '>', since)
        .executeTakeFirstOrThrow();
      return { count: row.count, oldest: row.oldest === null ? null : new Date(row.oldest) };
    },
    async deleteOlderThan(before: Date, executor: Executor = db): Promise<void> {
      await executor.deleteFrom('rate_limit_events').where('at', '<', before).execute();
      await executor.deleteFrom('rate_limit_windows').where('window_start', '<', before).execute();
    },
  };
}

export type RateLimitsRepository = ReturnType<typeof createRateLimitsRepository>;
