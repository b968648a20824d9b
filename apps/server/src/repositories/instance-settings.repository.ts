import type { Executor } from '../db/database.ts';

export function createInstanceSettingsRepository(db: Executor) {
  return {
    async get(key: string, executor: Executor = db): Promise<Record<string, unknown> | undefined> {
      const row = await executor
        .selectFrom('instance_settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.value;
    },
    /** Sets the value unless one is there; returns the stored value either way. */
    async putIfAbsent(
      key: string,
      value: Record<string, unknown>,
      executor: Executor = db,
    ): Promise<Record<string, unknown>> {
      await executor
        .insertInto('instance_settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .execute();
      const row = await executor
        .selectFrom('instance_settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return row.value;
    },
  };
}

export type InstanceSettingsRepository = ReturnType<typeof createInstanceSettingsRepository>;
