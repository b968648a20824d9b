import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsDirectory = path.join(here, '../db/migrations');
const cacheDirectory = path.resolve(here, '../../../../node_modules/.cache/sillage-test');

export type TestDatabaseKind = 'pglite' | 'postgres';

/** The kinds a `*.db.test.ts` runs on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function databaseKindsUnderTest(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export type TestDatabase = {
  database: Database;
  dataDir: string;
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
};

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(migrationsDirectory)).sort())
    hash.update(file).update(await readFile(path.join(migrationsDirectory, file)));
  return hash.digest('hex').slice(0, 16);
}

/** A migrated PGlite data folder made once per set of migrations; each test copies it (initdb takes seconds). */
async function pgliteTemplate(): Promise<string> {
  const template = path.join(cacheDirectory, `pglite-${await migrationsHash()}`);
  try {
    await stat(path.join(template, 'db', 'PG_VERSION'));
    return template;
  } catch {
    // build it below
  }
  await mkdir(cacheDirectory, { recursive: true });
  const building = path.join(cacheDirectory, `building-${randomUUID()}`);
  const database = await openDatabase({ dataDir: building });
  await migrate(database);
  await database.close();
  try {
    await rename(building, template);
  } catch {
    await rm(building, { recursive: true, force: true }); // another test file made it first
  }
  return template;
}

/** A fresh, migrated, empty database of the given kind, removed by dispose(). */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sillage-test-'));
  if (kind === 'pglite') {
    await cp(path.join(await pgliteTemplate(), 'db'), path.join(dataDir, 'db'), { recursive: true });
    const database = await openDatabase({ dataDir });
    await migrate(database);
    return {
      database,
      dataDir,
      databaseUrl: undefined,
      async dispose() {
        await database.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sillage_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ databaseUrl, dataDir });
  await migrate(database);
  return {
    database,
    dataDir,
    databaseUrl,
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
