import {
  networkIds,
  postMetricNames,
  RateLimited,
  type Connector,
  type PostMetricName,
  type PostMetrics,
} from '@sillage/connectors';
import { utcToZoned, zonedToUtc } from '@sillage/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { InboxChannels } from '../inbox/inbox-channels.ts';
import type { Logger } from '../jobs/queue.ts';
import { nonAdditiveMetrics, type MetricObservation, type MetricsRepository } from './metrics.repository.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Posts older than this are no longer read: their figures have settled. */
const maxAgeMs = 90 * dayMs;
/** Publications looked at per round (the least recently read first). */
const roundLimit = 2_000;

/**
 * How long to wait between two readings of a post's figures, by its age: hourly during its first two days (when
 * most engagement happens), every 6 hours until two weeks, daily until 90 days; null once it is older.
 * @example collectionIntervalMs(3 * 3_600_000) // 3_600_000
 */
export function collectionIntervalMs(ageMs: number): number | null {
  if (ageMs < 2 * dayMs) return hourMs;
  if (ageMs < 14 * dayMs) return 6 * hourMs;
  if (ageMs < maxAgeMs) return dayMs;
  return null;
}

/** The UTC instant a local day starts in `timeZone` (the first valid minute when midnight is skipped). */
function dayStart(instant: Date, timeZone: string): Date {
  const date = utcToZoned(instant, timeZone).date;
  const result = zonedToUtc({ date, time: '00:00', timeZone });
  if (result.ok) return result.instant;
  if (result.reason === 'nonexistent_local_time') return result.suggestion.instant;
  if (result.reason === 'ambiguous_local_time') return result.candidates[0];
  throw new Error(result.message);
}

type DuePublication = {
  publicationId: string;
  workspaceId: string;
  channelId: string;
  network: string;
  networkPostId: string;
  publishedAt: Date;
  timeZone: string;
};

type Previous = { value: number | null; collectedAt: Date };

/**
 * Turns one reading of a post's lifetime figures into observations. Networks report running totals; the
 * dashboards need what happened on each day. So each reading stores the total (granularity `lifetime`, which
 * also keeps the post's deduplicated reach) and, for additive figures, the growth since the previous reading
 * as the collection day's figure (added to what that day already holds). The first reading is the post's
 * figure on the day it was published. A figure the network does not report is stored as null ("not
 * reported"), never 0. A total that went down (an unlike) adds nothing; a reading older than the stored one
 * is ignored. Pure, for tests.
 */
export function observationsOfReading(input: {
  publication: DuePublication;
  figures: PostMetrics['figures'];
  collectedAt: Date;
  source: string;
  previous: ReadonlyMap<PostMetricName, Previous>;
  /** What the collection day already holds for each additive figure of this source. */
  today: ReadonlyMap<PostMetricName, number | null>;
}): MetricObservation[] {
  const { publication, collectedAt, source } = input;
  const base = {
    channelId: publication.channelId,
    publicationId: publication.publicationId,
    delivery: 'organic' as const,
    source,
    collectedAt,
  };
  const publishedDay = dayStart(publication.publishedAt, publication.timeZone);
  const collectionDay = dayStart(collectedAt, publication.timeZone);
  const observations: MetricObservation[] = [];
  for (const metric of postMetricNames) {
    const value = input.figures[metric] ?? null;
    const previous = input.previous.get(metric);
    if (previous && previous.collectedAt.getTime() >= collectedAt.getTime()) continue;
    observations.push({ ...base, metric, granularity: 'lifetime', bucketStart: publication.publishedAt, value });
    if (nonAdditiveMetrics.includes(metric)) continue;
    if (!previous || previous.value === null) {
      // First figure: the post's total so far, on the day it was published (or "not reported" there).
      if (previous && value === null) continue;
      observations.push({ ...base, metric, granularity: 'day', bucketStart: publishedDay, value });
      continue;
    }
    if (value === null || value <= previous.value) continue;
    const sameDay = collectionDay.getTime() === publishedDay.getTime();
    const already = input.today.get(metric) ?? (sameDay ? previous.value : 0);
    observations.push({
      ...base,
      metric,
      granularity: 'day',
      bucketStart: collectionDay,
      value: (already ?? 0) + (value - previous.value),
    });
  }
  return observations;
}

/**
 * Reads post figures from the networks on a schedule (hourly for new posts, then less often) and stores them as
 * time series (see `observationsOfReading`); the daily rollup follows. One channel at a time under an advisory
 * lock, so two workers never count the same growth twice.
 */
export function createMetricsCollection(deps: {
  db: Executor;
  metrics: MetricsRepository;
  channels: InboxChannels;
  logger: Pick<Logger, 'warn'>;
  now: () => Date;
}) {
  const { db, now } = deps;
  const sourceOf = (network: string) => `api.${network}`;

  function collectingConnector(network: string): Connector | undefined {
    const connector = deps.channels.connectorOf(network);
    return connector?.fetchPostMetrics && connector.postMetrics ? connector : undefined;
  }

  async function duePublications(at: Date): Promise<DuePublication[]> {
    const networks = networkIds.filter((network) => collectingConnector(network) !== undefined);
    if (networks.length === 0) return [];
    const rows = await sql<{
      publicationId: string;
      workspaceId: string;
      channelId: string;
      network: string;
      networkPostId: string;
      publishedAt: Date;
      timeZone: string;
      lastCollectedAt: Date | null;
    }>`
      select p.id as "publicationId", p.workspace_id as "workspaceId", p.channel_id as "channelId",
        c.network, p.network_post_id as "networkPostId", p.published_at as "publishedAt", w.time_zone as "timeZone",
        (select max(o.collected_at) from metric_observations o
          where o.publication_id = p.id and o.granularity = 'lifetime' and o.source = 'api.' || c.network
        ) as "lastCollectedAt"
      from publications p
      join channels c on c.id = p.channel_id and c.workspace_id = p.workspace_id
      join workspaces w on w.id = p.workspace_id
      where p.state = 'published' and p.network_post_id is not null
        and p.published_at > ${new Date(at.getTime() - maxAgeMs)} and p.published_at <= ${at}
        and c.status = 'active' and (c.blocked_until is null or c.blocked_until <= ${at})
        and c.network in (${sql.join(networks)})
      order by "lastCollectedAt" asc nulls first, p.published_at desc
      limit ${roundLimit}`.execute(db);
    return rows.rows
      .map((row) => ({ ...row, publishedAt: new Date(row.publishedAt) }))
      .filter((row) => {
        const interval = collectionIntervalMs(at.getTime() - row.publishedAt.getTime());
        if (interval === null) return false;
        return row.lastCollectedAt === null || at.getTime() - new Date(row.lastCollectedAt).getTime() >= interval;
      });
  }

  /** Stores one channel's readings in one transaction under the channel's advisory lock. */
  async function store(publications: readonly DuePublication[], answers: readonly PostMetrics[], collectedAt: Date) {
    const byPostId = new Map(publications.map((publication) => [publication.networkPostId, publication]));
    const answered = answers.flatMap((answer) => {
      const publication = byPostId.get(answer.networkPostId);
      return publication ? [{ publication, figures: answer.figures }] : [];
    });
    if (answered.length === 0) return 0;
    const { workspaceId, channelId, network, timeZone } = answered[0]!.publication;
    const source = sourceOf(network);
    const ids = answered.map((item) => item.publication.publicationId);
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`metrics:${channelId}`}))`.execute(trx);
      const stored = await trx
        .selectFrom('metric_observations')
        .select(['publication_id', 'metric', 'granularity', 'bucket_start', 'value', 'collected_at'])
        .where('workspace_id', '=', workspaceId)
        .where('publication_id', 'in', ids)
        .where('source', '=', source)
        .where('delivery', '=', 'organic')
        .where((eb) =>
          eb.or([
            eb('granularity', '=', 'lifetime'),
            eb.and([eb('granularity', '=', 'day'), eb('bucket_start', '=', dayStart(collectedAt, timeZone))]),
          ]),
        )
        .execute();
      const observations = answered.flatMap(({ publication, figures }) => {
        const own = stored.filter((row) => row.publication_id === publication.publicationId);
        const previous = new Map(
          own
            .filter((row) => row.granularity === 'lifetime')
            .map((row) => [
              row.metric as PostMetricName,
              {
                value: row.value === null ? null : Number(row.value),
                collectedAt: new Date(row.collected_at),
              },
            ]),
        );
        const today = new Map(
          own
            .filter((row) => row.granularity === 'day')
            .map((row) => [row.metric as PostMetricName, row.value === null ? null : Number(row.value)]),
        );
        return observationsOfReading({ publication, figures, collectedAt, source, previous, today });
      });
      await deps.metrics.record(workspaceId, observations, trx);
      return answered.length;
    });
  }

  async function collectChannel(publications: readonly DuePublication[]) {
    const first = publications[0]!;
    const connector = collectingConnector(first.network)!;
    const opened = await deps.channels.open(first.channelId);
    if (!opened) return 0;
    let read = 0;
    const batch = Math.max(1, connector.postMetrics!.batch);
    for (let index = 0; index < publications.length; index += batch) {
      const slice = publications.slice(index, index + batch);
      const answers = await deps.channels.withFreshToken(first.channelId, opened.context, (context) =>
        connector.fetchPostMetrics!(
          context,
          slice.map((publication) => publication.networkPostId),
        ),
      );
      read += await store(slice, answers, now());
    }
    return read;
  }

  /** The channel's freshness row: its last successful read (with how many posts it read) or its last failure. */
  async function recordRound(
    channelId: string,
    workspaceId: string,
    outcome: { ok: true; read: number } | { ok: false; reason: string },
  ) {
    const at = now();
    const values = outcome.ok
      ? { last_success_at: at, publications_read: outcome.read }
      : { last_failure_at: at, last_failure: outcome.reason.slice(0, 500) };
    await db
      .insertInto('metric_collections')
      .values({ channel_id: channelId, workspace_id: workspaceId, ...values })
      .onConflict((conflict) => conflict.column('channel_id').doUpdateSet(values))
      .execute();
  }

  return {
    /**
     * One round: every published post whose figures are due is read from its network, channel by channel. A
     * channel that fails (rate limit, expired access, network error) is left for the next round; the others go
     * on. Returns what was read and what failed.
     */
    async collectDue(): Promise<{ read: number; failures: { channelId: string; reason: string }[] }> {
      const due = await duePublications(now());
      const byChannel = new Map<string, DuePublication[]>();
      for (const publication of due)
        byChannel.set(publication.channelId, [...(byChannel.get(publication.channelId) ?? []), publication]);
      let read = 0;
      const failures: { channelId: string; reason: string }[] = [];
      for (const [channelId, publications] of byChannel) {
        const workspaceId = publications[0]!.workspaceId;
        try {
          const readNow = await collectChannel(publications);
          read += readNow;
          await recordRound(channelId, workspaceId, { ok: true, read: readNow });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          failures.push({ channelId, reason });
          await recordRound(channelId, workspaceId, { ok: false, reason }).catch(() => undefined);
          deps.logger.warn(
            { channelId, retryAt: error instanceof RateLimited ? error.retryAt : undefined, reason },
            'post metrics collection failed for a channel',
          );
        }
      }
      return { read, failures };
    },
  };
}

export type MetricsCollection = ReturnType<typeof createMetricsCollection>;
