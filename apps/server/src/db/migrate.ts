import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATION_LOCK_KEY, type Database } from './database.ts';

const migrationsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type MigrationReport = { applied: string[]; alreadyApplied: number };

/**
 * Applies the forward-only SQL migrations in order, each in its own transaction with its bookkeeping row.
 * Several processes may call it at once: an advisory lock lets one apply and the others see it done.
 */
export async function migrate(database: Database): Promise<MigrationReport> {
  // Under the lock: two concurrent `create table if not exists` race in the catalog (pg_type unique violation).
  await database.runScriptInTransaction(`
    select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
    create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now());`);
  const files = (await readdir(migrationsDirectory)).filter((name) => /^\d{4}-[a-z0-9-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const body = await readFile(path.join(migrationsDirectory, file), 'utf8');
    const quoted = version.replace(/'/g, "''");
    // The lock, the check and the bookkeeping row live in the migration's own transaction.
    const script = `
      select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
      do $guard$ begin
        if exists (select 1 from schema_migrations where version = '${quoted}') then
          raise exception 'sillage-migration-already-applied';
        end if;
      end $guard$;
      ${body}
      ;
      insert into schema_migrations (version) values ('${quoted}');`;
    try {
      await database.runScriptInTransaction(script);
      applied.push(version);
    } catch (error) {
      if (error instanceof Error && error.message.includes('sillage-migration-already-applied')) {
        alreadyApplied += 1;
        continue;
      }
      throw new Error(`Migration ${file} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
  return { applied, alreadyApplied };
}
