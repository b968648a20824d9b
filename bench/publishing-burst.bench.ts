// Publishing burst: 10,000 publications due at the same instant, published by real worker processes
// (`sillage start --role worker`) on PostgreSQL to the X simulator running in this process.
// Lateness is measured on the network's side: the instant the simulator received each publish request minus
// the scheduled instant. Drain time runs from the scheduled instant to the last publication recorded as
// published in the database.
//   npm run bench -- publishing-burst
// Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sillage_bench_publishing; the
// database is dropped and recreated), BENCH_PUBLICATIONS (10000), BENCH_WORKERS (2), BENCH_ACCOUNTS (500),
// BENCH_PUBLISH_CONCURRENCY (the workers' SILLAGE_PUBLISH_CONCURRENCY: calls in flight per worker; their
// default when unset),
// BENCH_WORKER_NODE_ARGS (extra Node.js flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { startXSimulator } from '../packages/simulators/src/x/x-simulator.ts';
import { resetDatabase } from './lib/bench-database.ts';
import { seedBurst } from './lib/burst-seed.ts';
import { cpuTimeMs, totalCpuTimeMs } from './lib/cpu-time.ts';
import { summarize } from './lib/percentiles.ts';
import { startWorkers } from './lib/worker-processes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`${name} must be a positive integer (got "${raw}").\n`);
    process.exit(2);
  }
  return value;
}

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sillage_bench_publishing';
const publicationCount = positiveInteger('BENCH_PUBLICATIONS', 10_000);
const workerCount = positiveInteger('BENCH_WORKERS', 2);
const accountCount = Math.min(positiveInteger('BENCH_ACCOUNTS', 500), publicationCount);
const publishConcurrency = process.env.BENCH_PUBLISH_CONCURRENCY;
const DRAIN_TIMEOUT_MS = 180_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

await resetDatabase(databaseUrl);
const database = await openDatabase({ databaseUrl, dataDir: tmpdir() });
await migrate(database);
const db = database.db;

// The network: X's simulator, one account per channel. Every request it receives is stamped when the
// simulator has read it whole, before it handles it (the hook is its log of requests).
const x = await startXSimulator({ host: '127.0.0.1' });
const arrivals: { at: number; text: string }[] = [];
const pushRequest = x.requests.push.bind(x.requests);
x.requests.push = (...entries) => {
  const at = Date.now();
  for (const entry of entries)
    if (entry.method === 'POST' && entry.path === '/2/tweets')
      arrivals.push({ at, text: typeof entry.body.text === 'string' ? entry.body.text : '' });
  return pushRequest(...entries);
};

const secretKey = randomBytes(32);
const seeded = await seedBurst(db, {
  secretKey,
  publications: publicationCount,
  accounts: Array.from({ length: accountCount }, (_, index) => {
    const { account, accessToken, refreshToken } = x.createAccount({ username: `burst${index + 1}` });
    return { id: account.id, accessToken, refreshToken };
  }),
});
log(`seeded ${publicationCount} scheduled publications on ${accountCount} X accounts`);

const dataDir = await mkdtemp(path.join(tmpdir(), 'sillage-bench-'));
const workers = await startWorkers({
  root,
  count: workerCount,
  nodeArgs: (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  env: {
    DATABASE_URL: databaseUrl,
    SILLAGE_SECRET_KEY: secretKey.toString('base64'),
    SILLAGE_NETWORK_X_URL: x.baseUrl,
    SILLAGE_DATA_DIR: dataDir,
    SILLAGE_DEMO: 'false',
    SILLAGE_LOG_LEVEL: 'warn',
    ...(publishConcurrency ? { SILLAGE_PUBLISH_CONCURRENCY: publishConcurrency } : {}),
  },
});
log(`${workerCount} worker processes running`);

// Everything is due at one whole second a few seconds from now, as posts scheduled for the same minute are.
const dueAt = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000);
await seeded.scheduleAllAt(dueAt);
log(`all due at ${dueAt.toISOString()}`);

// CPU time spent from the due instant on: the workers, this process (the simulator) and PostgreSQL's backends
// serving this database, sampled as they come and go. On a shared machine this says what the burst costs.
const backendCpu = new Map<number, { from: number; to: number }>();
async function sampleBackends(): Promise<void> {
  const result = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(db);
  for (const { pid } of result.rows) {
    const used = cpuTimeMs(pid);
    if (used === undefined) continue;
    const known = backendCpu.get(pid);
    if (known) known.to = used;
    else backendCpu.set(pid, { from: Date.now() < dueAt.getTime() ? used : 0, to: used });
  }
}
await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() - Date.now() - 200)));
await sampleBackends();
const workersCpuAtDue = totalCpuTimeMs(workers.pids);
const ownCpuAtDue = process.cpuUsage();

const deadline = dueAt.getTime() + DRAIN_TIMEOUT_MS;
let unsettled = publicationCount;
// The drain is watched on one connection of its own that reads what is left through the partial indexes of
// these states, not the whole table four times a second (its CPU is counted with PostgreSQL's).
const watcher = new pg.Client({ connectionString: databaseUrl });
await watcher.connect();
await watcher.query('set enable_seqscan = off');
while (Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  await sampleBackends();
  const left = await watcher.query<{ unsettled: string }>(
    `select ((select count(*) from publications where state = 'scheduled')
           + (select count(*) from publications where state = 'publishing')
           + (select count(*) from publications where state = 'unknown_outcome'))::text as unsettled`,
  );
  unsettled = Number(left.rows[0]!.unsettled);
  if (unsettled === 0) break;
}
await watcher.end();
const timedOut = unsettled > 0;
const ownCpu = process.cpuUsage(ownCpuAtDue);
const cpuMs = {
  workers: Math.round(totalCpuTimeMs(workers.pids) - workersCpuAtDue),
  simulator: Math.round((ownCpu.user + ownCpu.system) / 1000),
  postgres: Math.round([...backendCpu.values()].reduce((sum, used) => sum + used.to - used.from, 0)),
};

const states = await sql<{ state: string; count: string }>`
  select state, count(*)::text as count from publications group by state order by state`.execute(db);
const counts = {
  published: Number(states.rows.find((row) => row.state === 'published')?.count ?? 0),
  settled: publicationCount - unsettled,
};
const last = await sql<{ last: Date | null; distinct_ids: string }>`
  select max(published_at) as last, count(distinct network_post_id)::text as distinct_ids
    from publications where state = 'published'`.execute(db);
const postgresVersion = await sql<{ server_version: string }>`show server_version`
  .execute(db)
  .then((result) => result.rows[0]?.server_version ?? 'unknown');
await workers.stop();
await x.close();
await database.close();
await rm(dataDir, { recursive: true, force: true });

// On the network's side: one request per publication, no text twice, none missing.
const expected = new Set(seeded.texts);
const seen = new Map<string, number>();
for (const arrival of arrivals) seen.set(arrival.text, (seen.get(arrival.text) ?? 0) + 1);
const duplicates = [...seen.values()].reduce((sum, times) => sum + Math.max(0, times - 1), 0);
const missing = [...expected].filter((text) => !seen.has(text)).length;
const stored = x.posts().filter((post) => expected.has(post.text)).length;
const lateness = summarize(arrivals.map((arrival) => arrival.at - dueAt.getTime()));
const lastPublished = last.rows[0]?.last;
const drainMs = lastPublished ? new Date(lastPublished).getTime() - dueAt.getTime() : Number.NaN;
const arrivalTimes = arrivals.map((arrival) => arrival.at - dueAt.getTime());
const firstArrivalMs = Math.min(...arrivalTimes);
const lastArrivalMs = Math.max(...arrivalTimes);

const figures = {
  bench: 'publishing-burst',
  publications: publicationCount,
  workers: workerCount,
  publishConcurrency: publishConcurrency ? Number(publishConcurrency) : 'default',
  accounts: accountCount,
  firstMs: firstArrivalMs,
  p50Ms: lateness.p50,
  p95Ms: lateness.p95,
  p99Ms: lateness.p99,
  maxMs: lateness.max,
  drainMs,
  publishedPerSecond: Math.round((counts.published / drainMs) * 1000),
  published: counts.published,
  distinctNetworkIds: Number(last.rows[0]?.distinct_ids ?? 0),
  storedOnNetwork: stored,
  duplicates,
  missing,
  cpuMsWorkers: cpuMs.workers,
  cpuMsSimulator: cpuMs.simulator,
  cpuMsPostgres: cpuMs.postgres,
  workerErrors: workers.errors.length,
  timedOut,
  cpus: cpus().length,
  node: process.version,
  postgres: postgresVersion,
};

log('');
log(`Publishing burst: ${publicationCount} publications due at the same instant, ${workerCount} workers`);
log(
  `  lateness (network received - scheduled): p50 ${lateness.p50} ms, p95 ${lateness.p95} ms, p99 ${lateness.p99} ms, max ${lateness.max} ms`,
);
log(
  `  first request reached the network at +${firstArrivalMs} ms, the last at +${lastArrivalMs} ms; drain (last recorded published) +${drainMs} ms`,
);
log(
  `  ${figures.publishedPerSecond} publications/s; states: ${states.rows.map((row) => `${row.state} ${row.count}`).join(', ')}`,
);
log(
  `  network: ${arrivals.length} publish requests, ${stored} posts stored, ${duplicates} duplicates, ${missing} missing`,
);
log(
  `  CPU from the due instant: workers ${cpuMs.workers} ms, simulator and this process ${cpuMs.simulator} ms, ` +
    `PostgreSQL backends ${cpuMs.postgres} ms (${((cpuMs.workers + cpuMs.simulator + cpuMs.postgres) / publicationCount).toFixed(2)} ms per publication)`,
);
if (workers.errors.length) log(`  worker errors (${workers.errors.length}), first: ${workers.errors[0]}`);
if (timedOut) log(`  TIMED OUT after ${DRAIN_TIMEOUT_MS} ms with ${counts.settled} settled`);
process.stdout.write(`${JSON.stringify(figures)}\n`);
if (timedOut || duplicates > 0 || missing > 0) process.exitCode = 1;
