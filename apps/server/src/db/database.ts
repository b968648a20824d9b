import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { Mutex } from './mutex.ts';
import { createPgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

/** The shape pg-boss expects for its `db` option. */
export type SqlExecutor = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

/** One database, embedded (PGlite) or PostgreSQL, behind the same Kysely instance. */
export type Database = {
  kind: 'pglite' | 'postgres';
  db: Kysely<DB>;
  /** Runs a multi-statement script with no parameters inside one transaction, serialised across processes. */
  runScriptInTransaction(script: string): Promise<void>;
  /** What pg-boss talks through: the same PGlite, or its own pool on the same PostgreSQL. */
  queueConnection: { db: SqlExecutor } | { connectionString: string };
  close(): Promise<void>;
};

// Arbitrary key for the advisory lock that serialises migrations across processes.
const MIGRATION_LOCK_KEY = 7_325_061;

export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(path.join(options.dataDir, 'db'));
}

async function openPglite(directory: string): Promise<Database> {
  await mkdir(directory, { recursive: true });
  const pglite = await PGlite.create({ dataDir: directory });
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: createPgliteDialect(pglite, mutex) });
  let closed = false;
  return {
    kind: 'pglite',
    db,
    async runScriptInTransaction(script) {
      const release = await mutex.lock();
      try {
        await pglite.transaction(async (tx) => {
          await tx.exec(script);
        });
      } finally {
        release();
      }
    },
    queueConnection: {
      db: {
        async executeSql(text, values) {
          const release = await mutex.lock();
          try {
            if (!values || values.length === 0) {
              const results = await pglite.exec(text);
              return { rows: results.at(-1)?.rows ?? [] };
            }
            return { rows: (await pglite.query(text, values)).rows };
          } finally {
            release();
          }
        },
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      const release = await mutex.lock();
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight get their own error.
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async runScriptInTransaction(script) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(script);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    queueConnection: { connectionString },
    async close() {
      await db.destroy();
    },
  };
}

export { MIGRATION_LOCK_KEY };
