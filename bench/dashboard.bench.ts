// Analytics dashboard on PostgreSQL: BENCH_ROWS (10,000,000) metric observations generated in SQL with
// generate_series, rolled up into metric_daily by the repository's own SQL, then the overview of random
// 28-day periods of random workspaces: every query the dashboard makes (daily totals of the period and the one
// before, each publication's totals, lifetime reach, the publications, the channels) and the KPI engine over
// them, as the API runs it. Target: p95 < 200 ms.
//   npm run bench -- dashboard
// Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sillage_bench_dashboard; the
// database is dropped and recreated), BENCH_ROWS (10000000), BENCH_WORKSPACES (50), BENCH_RUNS (200),
// BENCH_REUSE=1 (time the overviews on the database a previous run generated, if it holds at least 95% of
// BENCH_ROWS observations and its rollup; generating 10 million rows takes several minutes).
import { cpus, loadavg, tmpdir } from 'node:os';
import { sql } from 'kysely';
import { createAnalyticsService } from '../apps/server/src/analytics/analytics.service.ts';
import { createMetricsRepository } from '../apps/server/src/analytics/metrics.repository.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { createWorkspacesRepository } from '../apps/server/src/repositories/workspaces.repository.ts';
import { resetDatabase } from './lib/bench-database.ts';
import { summarize } from './lib/percentiles.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sillage_bench_dashboard';
const targetRows = Number(process.env.BENCH_ROWS ?? 10_000_000);
const workspaceCount = Number(process.env.BENCH_WORKSPACES ?? 50);
const runs = Number(process.env.BENCH_RUNS ?? 200);
const BUDGET_MS = 200;
// Each publication: 7 additive metrics on each of its first 14 days, and a lifetime reach.
const POST_METRICS = ['impressions', 'reactions', 'comments', 'shares', 'saves', 'link_clicks', 'video_views'];
const POST_DAYS = 14;
const CHANNELS_PER_WORKSPACE = 5;
const HISTORY_DAYS = 730;
const rowsPerPublication = POST_METRICS.length * POST_DAYS + 1;
const accountRows = workspaceCount * CHANNELS_PER_WORKSPACE * HISTORY_DAYS * 2;
const publicationsPerChannel = Math.max(
  1,
  Math.round((targetRows - accountRows) / rowsPerPublication / (workspaceCount * CHANNELS_PER_WORKSPACE)),
);
const historyStart = '2024-12-01';

const existing = process.env.BENCH_REUSE === '1' ? await generatedRows() : 0;
const reused = existing >= targetRows * 0.95;
if (!reused) await resetDatabase(databaseUrl);
const database = await openDatabase({ databaseUrl, dataDir: tmpdir() });
await migrate(database);
const db = database.db;
const timed = async <T>(label: string, action: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await action();
  log(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
};

if (reused) log(`reusing the ${existing} observations and their rollup already in ${new URL(databaseUrl).pathname}`);
else await generate();

async function generate() {
  await timed('workspaces, channels and publications', async () => {
    await sql`insert into workspaces (id, name, time_zone)
    select md5('w' || w)::uuid, 'Workspace ' || w, 'Europe/Paris' from generate_series(1, ${workspaceCount}) w`.execute(
      db,
    );
    await sql`insert into channels (id, workspace_id, network, network_account_id, display_name, access_token_encrypted)
    select md5('c' || w || '-' || c)::uuid, md5('w' || w)::uuid,
      (array['facebook', 'instagram', 'linkedin', 'x', 'tiktok'])[c], 'account-' || c, 'Channel ' || c, 'sealed'
    from generate_series(1, ${workspaceCount}) w cross join generate_series(1, ${CHANNELS_PER_WORKSPACE}) c`.execute(
      db,
    );
    await sql`insert into posts (id, workspace_id, text)
    select md5('p' || ch.id || '-' || n)::uuid, ch.workspace_id, 'Post ' || n
    from channels ch cross join generate_series(1, ${publicationsPerChannel}) n`.execute(db);
    // Spread over the history, at hours between 08:00 and 21:00 UTC.
    await sql`insert into publications (id, workspace_id, post_id, channel_id, state, network_post_id, published_at, content)
    select md5('p' || ch.id || '-' || n)::uuid, ch.workspace_id, md5('p' || ch.id || '-' || n)::uuid, ch.id,
      'published', 'net-' || n,
      ${historyStart}::timestamptz + (n * ${HISTORY_DAYS - POST_DAYS}::float / ${publicationsPerChannel}) * interval '1 day'
        + (8 + (n % 14)) * interval '1 hour',
      jsonb_build_object('format', (array['text', 'image', 'video', 'carousel'])[1 + n % 4], 'text', 'Post ' || n, 'media', '[]'::jsonb)
    from channels ch cross join generate_series(1, ${publicationsPerChannel}) n`.execute(db);
  });

  await timed('metric observations', async () => {
    await sql`insert into metric_observations
      (workspace_id, channel_id, publication_id, metric, granularity, bucket_start, value, delivery, source, collected_at)
    select p.workspace_id, p.channel_id, p.id, m.metric, 'day',
      date_trunc('day', p.published_at at time zone 'Europe/Paris') at time zone 'Europe/Paris' + d * interval '1 day',
      floor(random() * 1000 / (d + 1)), 'organic', 'bench', now()
    from publications p cross join generate_series(0, ${POST_DAYS - 1}) d
    cross join unnest(${sql.raw(`array['${POST_METRICS.join("','")}']`)}) m(metric)`.execute(db);
    await sql`insert into metric_observations
      (workspace_id, channel_id, publication_id, metric, granularity, bucket_start, value, delivery, source, collected_at)
    select p.workspace_id, p.channel_id, p.id, 'reach', 'lifetime', p.published_at, floor(random() * 5000), 'organic', 'bench', now()
    from publications p`.execute(db);
    await sql`insert into metric_observations
      (workspace_id, channel_id, publication_id, metric, granularity, bucket_start, value, delivery, source, collected_at)
    select ch.workspace_id, ch.id, null, m.metric, 'day',
      (${historyStart}::date + d)::timestamp at time zone 'Europe/Paris', 1000 + d * 3 + floor(random() * 50), 'organic', 'bench', now()
    from channels ch cross join generate_series(0, ${HISTORY_DAYS - 1}) d cross join unnest(array['followers', 'reach']) m(metric)`.execute(
      db,
    );
  });
  const generatedCount = Number(
    (await sql<{ count: string }>`select count(*) as count from metric_observations`.execute(db)).rows[0]?.count,
  );
  log(`${generatedCount} metric observations`);

  const rollup = createMetricsRepository(db);
  const ids = (await db.selectFrom('workspaces').select('id').orderBy('id').execute()).map((row) => row.id);
  await timed('daily rollup (the repository’s SQL)', async () => {
    for (const workspaceId of ids) await rollup.rebuildAllDaily(workspaceId);
  });
  const dailyCount = Number(
    (await sql<{ count: string }>`select count(*) as count from metric_daily`.execute(db)).rows[0]?.count,
  );
  log(`${dailyCount} daily rollup rows`);
  await sql`vacuum analyze metric_observations`.execute(db);
  await sql`vacuum analyze metric_daily`.execute(db);
  await sql`vacuum analyze publications`.execute(db);
}
const rows = Number(
  (await sql<{ count: string }>`select count(*) as count from metric_observations`.execute(db)).rows[0]?.count,
);
const dailyRows = Number(
  (await sql<{ count: string }>`select count(*) as count from metric_daily`.execute(db)).rows[0]?.count,
);
const workspaceIds = (await db.selectFrom('workspaces').select('id').orderBy('id').execute()).map((row) => row.id);
const metrics = createMetricsRepository(db);

// The overview as the API computes it, for a fixed "now" at the end of the history.
const now = () => new Date('2026-11-20T09:00:00Z');
const analytics = createAnalyticsService({ metrics, workspaces: createWorkspacesRepository(db), now });
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const durations: number[] = [];
let posts = 0;
for (let run = 0; run < runs + 5; run += 1) {
  const workspaceId = workspaceIds[Math.floor(random() * workspaceIds.length)]!;
  const endOffset = Math.floor(random() * (HISTORY_DAYS - 60));
  const end = new Date(Date.parse(`${historyStart}T12:00:00Z`) + (60 + endOffset) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const start = new Date(Date.parse(`${end}T12:00:00Z`) - 28 * 86_400_000).toISOString().slice(0, 10);
  const actor = {
    userId: workspaceId,
    email: 'bench@sillage.test',
    ip: '127.0.0.1',
    workspaceId,
    role: 'owner' as const,
  };
  const began = performance.now();
  const overview = await analytics.overview(actor, { start, end });
  const elapsed = performance.now() - began;
  if (run >= 5) {
    durations.push(elapsed);
    posts += overview.posts.length;
  }
}
await database.close();
const summary = summarize(durations);
log(
  `overview of 28 days (${(posts / runs).toFixed(0)} posts each on average): p50 ${summary.p50} ms, p95 ${summary.p95} ms, max ${summary.max} ms (budget p95 < ${BUDGET_MS} ms)`,
);
process.stdout.write(
  `${JSON.stringify({
    bench: 'dashboard',
    database: 'postgresql',
    observations: rows,
    dailyRows,
    reusedData: reused,
    workspaces: workspaceCount,
    publicationsPerChannel,
    runs,
    overviewMs: summary,
    budgetP95Ms: BUDGET_MS,
    withinBudget: summary.p95 < BUDGET_MS,
    cpus: cpus().length,
    loadAverage: Number(loadavg()[0]?.toFixed(2)),
  })}\n`,
);
if (summary.p95 >= BUDGET_MS) process.exitCode = 1;

/** Observations in a database a previous run left, with its rollup (0 when there is none). */
async function generatedRows(): Promise<number> {
  const probe = await openDatabase({ databaseUrl, dataDir: tmpdir() }).catch(() => undefined);
  if (!probe) return 0;
  try {
    const counts = await sql<{ observations: string; daily: string }>`select
        (select count(*) from metric_observations) as observations,
        (select count(*) from metric_daily) as daily`.execute(probe.db);
    const row = counts.rows[0];
    return row && Number(row.daily) > 0 ? Number(row.observations) : 0;
  } catch {
    return 0;
  } finally {
    await probe.close();
  }
}
