import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import type { ListeningMention } from '@sillage/domain';
import { openDatabase } from '../../apps/server/src/db/database.ts';
import { migrate } from '../../apps/server/src/db/migrate.ts';
import { createListening } from '../../apps/server/src/listening/listening.module.ts';
import type { IncomingMention } from '../../apps/server/src/listening/mention-ingestion.ts';
import { createAuditRepository } from '../../apps/server/src/repositories/audit.repository.ts';
import { createWorkspacesRepository } from '../../apps/server/src/repositories/workspaces.repository.ts';
import { resetDatabase } from './bench-database.ts';

export type StorageFigures = {
  storedMentions: number;
  batchSize: number;
  /** Whole pipeline: enrichment, matching and storage (one transaction per batch), mentions per second. */
  ingestionMentionsPerSecond: number;
  /** The database's share: the two bulk statements and the commit, mentions per second of that time. */
  storageMentionsPerSecond: number;
  /**
   * The database part per CPU-second: stored mentions over the CPU time the PostgreSQL backends and this
   * process spent in the storage transactions (load-independent, unlike the rates above on a shared machine);
   * null when the backends' /proc entries cannot be read (PostgreSQL on another machine).
   */
  storagePerCpuSecond: number | null;
  storedMatches: number;
  /** A second pass over the same mentions: every one is recognized as already stored. */
  duplicatePassMentionsPerSecond: number;
  databaseUrl: string;
};

/**
 * Stores the benchmark's mentions into a fresh PostgreSQL database through the real ingestion pipeline
 * (`ingestMentions`: enrich, match the workspace's queries, one INSERT ... unnest per table, one transaction
 * per batch). The database named by `serverUrl` is left alone: a database of its own is created beside it.
 */
export async function measureStorage(options: {
  serverUrl: string;
  queries: readonly { id: string; query: string }[];
  mentions: readonly ListeningMention[];
  batchSize: number;
}): Promise<StorageFigures> {
  const url = new URL(options.serverUrl);
  url.pathname = '/sillage_bench_listening';
  const databaseUrl = url.toString();
  await resetDatabase(databaseUrl);
  const database = await openDatabase({ databaseUrl, dataDir: tmpdir() });
  try {
    await migrate(database);
    const db = database.db;
    const workspaces = createWorkspacesRepository(db);
    const workspace = await workspaces.insert({ name: 'Bench', timeZone: 'Europe/Paris', locale: 'fr' });
    const listening = createListening({ db, audit: createAuditRepository(db), workspaces, now: () => new Date() });
    await listening.service.seedQueries(
      workspace.id,
      options.queries.map((query, index) => ({
        name: `${index} ${query.id}`,
        text: query.query,
        kind: 'topic' as const,
      })),
    );
    const start = Date.parse('2026-11-01T00:00:00Z');
    const incoming: IncomingMention[] = options.mentions.map((mention, index) => ({
      source: mention.source ?? 'x',
      networkId: mention.id,
      text: mention.text,
      author: mention.author ?? null,
      language: mention.language ?? null,
      country: mention.country ?? null,
      url: null,
      publishedAt: new Date(start + index * 1_000),
      reach: index % 7 === 0 ? null : (index * 37) % 10_000,
    }));

    // CPU seconds of the database's backends (PostgreSQL on this machine), from /proc; null when not readable.
    const backendCpuSeconds = async (): Promise<number | null> => {
      const pids = await sql<{
        pid: number;
      }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
      let ticks = 0;
      for (const { pid } of pids.rows) {
        try {
          const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
          ticks += Number(fields[11]) + Number(fields[12]);
        } catch {
          return null;
        }
      }
      return ticks / 100;
    };

    // Time spent in the database, measured around the transaction the pipeline runs.
    let databaseMs = 0;
    let transactionCpuMs = 0;
    const transaction = db.transaction.bind(db);
    db.transaction = () => {
      const builder = transaction();
      const execute = builder.execute.bind(builder);
      builder.execute = async (callback) => {
        const started = performance.now();
        const cpu = process.cpuUsage();
        try {
          return await execute(callback);
        } finally {
          databaseMs += performance.now() - started;
          const used = process.cpuUsage(cpu);
          transactionCpuMs += (used.user + used.system) / 1000;
        }
      };
      return builder;
    };

    // Warm-up on a slice (compiles the matcher, warms the JIT and the connection pool), not counted.
    await listening.ingestion.ingestMentions(workspace.id, incoming.slice(0, 500));
    databaseMs = 0;
    transactionCpuMs = 0;
    // Open the pool's connections now, so every backend that will work is counted from the start.
    await Promise.all(Array.from({ length: 4 }, () => sql`select 1`.execute(db)));
    const backendBefore = await backendCpuSeconds();
    let storedMatches = 0;
    let stored = 0;
    const started = performance.now();
    for (let index = 500; index < incoming.length; index += options.batchSize) {
      const report = await listening.ingestion.ingestMentions(
        workspace.id,
        incoming.slice(index, index + options.batchSize),
      );
      stored += report.stored;
      storedMatches += report.matches;
    }
    const totalMs = performance.now() - started;
    const storageMs = databaseMs;
    const backendAfter = await backendCpuSeconds();
    const storageCpuSeconds =
      backendBefore === null || backendAfter === null ? null : backendAfter - backendBefore + transactionCpuMs / 1000;

    const againStarted = performance.now();
    for (let index = 500; index < incoming.length; index += options.batchSize) {
      const report = await listening.ingestion.ingestMentions(
        workspace.id,
        incoming.slice(index, index + options.batchSize),
      );
      if (report.stored !== 0) throw new Error('the second pass stored mentions again: deduplication is broken');
    }
    const againMs = performance.now() - againStarted;
    const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));
    return {
      storedMentions: stored,
      batchSize: options.batchSize,
      ingestionMentionsPerSecond: perSecond(stored, totalMs),
      storageMentionsPerSecond: perSecond(stored, storageMs),
      storagePerCpuSecond: storageCpuSeconds === null ? null : Math.round(stored / storageCpuSeconds),
      storedMatches,
      duplicatePassMentionsPerSecond: perSecond(stored, againMs),
      databaseUrl: databaseUrl.replace(/\/\/[^@/]*@/, '//'),
    };
  } finally {
    await database.close();
  }
}
