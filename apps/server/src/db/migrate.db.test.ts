import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';

const migrationsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const migrationVersions = async () =>
  (await readdir(migrationsDirectory))
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => name.replace(/\.sql$/, ''));

/** An empty database (never migrated) of the kind, and how to open more connections to it. */
async function emptyDatabase(
  kind: 'pglite' | 'postgres',
): Promise<{ open(): Promise<Database>; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sillage-migrate-'));
  if (kind === 'pglite') {
    return { open: () => openDatabase({ dataDir }), dispose: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `sillage_migrate_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir }),
    async dispose() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function appliedVersions(database: Database): Promise<string[]> {
  const result = await sql<{ version: string }>`select version from schema_migrations order by version`.execute(
    database.db,
  );
  return result.rows.map((row) => row.version);
}

for (const kind of databaseKindsUnderTest()) {
  describe(`migrations on ${kind}`, () => {
    const disposals: (() => Promise<void>)[] = [];
    after(async () => {
      for (const dispose of disposals.reverse()) await dispose();
    });

    it('applies every migration once on an empty database, and nothing at the second run', async () => {
      const empty = await emptyDatabase(kind);
      disposals.push(() => empty.dispose());
      const database = await empty.open();
      disposals.push(() => database.close());
      const versions = await migrationVersions();
      assert.ok(versions.length > 0);

      const first = await migrate(database);
      assert.deepEqual(first, { applied: versions, alreadyApplied: 0 });
      assert.deepEqual(await appliedVersions(database), versions);
      const tables = await sql<{
        count: number;
      }>`select count(*)::int as count from information_schema.tables where table_schema = 'public' and table_name = 'users'`.execute(
        database.db,
      );
      assert.equal(tables.rows[0]!.count, 1, 'the first migration created its tables');

      const second = await migrate(database);
      assert.deepEqual(second, { applied: [], alreadyApplied: versions.length });
      assert.deepEqual(await appliedVersions(database), versions);
    });

    if (kind === 'postgres') {
      it('lets two processes migrate at once: both succeed and each migration is applied once', async () => {
        const empty = await emptyDatabase(kind);
        disposals.push(() => empty.dispose());
        const first = await empty.open();
        const second = await empty.open();
        disposals.push(
          () => first.close(),
          () => second.close(),
        );
        const versions = await migrationVersions();

        const reports = await Promise.all([migrate(first), migrate(second)]);
        assert.deepEqual(
          [...reports[0].applied, ...reports[1].applied].sort(),
          versions,
          'each migration applied by exactly one of them',
        );
        assert.equal(reports[0].alreadyApplied + reports[1].alreadyApplied, versions.length);
        assert.deepEqual(await appliedVersions(first), versions);
      });
    }
  });
}
