import { netSentiment, type MetricResult, type Ratio } from '@sillage/domain';
import { parseQuery } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, conflict, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { ListeningAlertsRepository, ListeningAlertStatus } from './listening-alerts.repository.ts';
import type { ListeningAnalyticsRepository } from './listening-analytics.repository.ts';
import type {
  ListeningQueriesRepository,
  ListeningQueryKind,
  ListeningQueryRecord,
} from './listening-queries.repository.ts';
import type { MentionFilters, MentionsRepository } from './mentions.repository.ts';
import { topTermsAndHashtags } from './top-terms.ts';

const DAY = 86_400_000;
const TERMS_SAMPLE = 5_000;

/** A query text that does not parse: 400 with where it is wrong, for the form to underline. */
function checkQueryText(text: string): void {
  const parsed = parseQuery(text);
  if (parsed.ok) return;
  const { error } = parsed;
  throw new AppError(400, 'invalid_query', `text: ${error.message} (at character ${error.offset + 1}).`, {
    field: 'text',
    code: error.code,
    message: error.message,
    params: error.params,
    offset: error.offset,
    length: error.length,
  });
}

/** [from, to) from the request, the last 7 days by default, at most `maxDays` long. */
export function periodOf(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
  maxDays = 400,
): { from: Date; to: Date } {
  if ((query.from === undefined) !== (query.to === undefined))
    throw badRequest('invalid_period', 'Give both "from" and "to", or neither (the last 7 days).');
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * DAY);
  if (!(from < to)) throw badRequest('invalid_period', '"from" must be before "to".');
  if (to.getTime() - from.getTime() > maxDays * DAY)
    throw badRequest('invalid_period', `The period may span at most ${maxDays} days: shorten it.`);
  return { from, to };
}

/** Listening queries (with the audit trail) and the reads of the crisis room: mentions, series, share, tops. */
export function createListeningService(deps: {
  db: Kysely<DB>;
  queries: ListeningQueriesRepository;
  mentions: MentionsRepository;
  analytics: ListeningAnalyticsRepository;
  alerts: ListeningAlertsRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  /** Drops the workspace's compiled matcher when its queries change. */
  onQueriesChanged: (workspaceId: string) => void;
  now: () => Date;
}) {
  const { db, queries, audit, now } = deps;

  const record = (actor: ActorInWorkspace, action: string, targetId: string, details: Record<string, unknown>) => ({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action,
    targetType: 'listening_query',
    targetId,
    ip: actor.ip,
    outcome: 'success' as const,
    details,
  });

  async function requireQuery(workspaceId: string, queryId: string): Promise<ListeningQueryRecord> {
    const query = await queries.find(workspaceId, queryId);
    if (!query) throw notFound('listening query');
    return query;
  }

  const nameTaken = (name: string) =>
    conflict(`A listening query is already named "${name}": choose another name.`, { field: 'name' });
  // Two requests creating the same name at once: the unique index decides, and the loser gets the same 409.
  const sameNameRace = (name: string | undefined) => (error: unknown) => {
    if (name !== undefined && (error as { code?: string }).code === '23505') throw nameTaken(name);
    throw error;
  };

  return {
    listQueries: (actor: ActorInWorkspace) => queries.list(actor.workspaceId),

    async createQuery(
      actor: ActorInWorkspace,
      input: { name: string; text: string; kind: ListeningQueryKind; active?: boolean | undefined },
    ): Promise<ListeningQueryRecord> {
      checkQueryText(input.text);
      const created = await db
        .transaction()
        .execute(async (trx) => {
          if (await queries.findByName(actor.workspaceId, input.name, trx)) throw nameTaken(input.name);
          const row = await queries.insert(
            {
              ...input,
              active: input.active ?? true,
              workspaceId: actor.workspaceId,
              createdBy: actor.userId,
              now: now(),
            },
            trx,
          );
          await audit.insert(record(actor, 'listening.query.created', row.id, { name: row.name, kind: row.kind }), trx);
          return row;
        })
        .catch(sameNameRace(input.name));
      deps.onQueriesChanged(actor.workspaceId);
      return created;
    },

    async updateQuery(
      actor: ActorInWorkspace,
      queryId: string,
      changes: {
        name?: string | undefined;
        text?: string | undefined;
        kind?: ListeningQueryKind | undefined;
        active?: boolean | undefined;
      },
    ): Promise<ListeningQueryRecord> {
      if (changes.text !== undefined) checkQueryText(changes.text);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const updated = await db
        .transaction()
        .execute(async (trx) => {
          if (changes.name !== undefined) {
            const other = await queries.findByName(actor.workspaceId, changes.name, trx);
            if (other && other.id !== queryId) throw nameTaken(changes.name);
          }
          const row = await queries.update(actor.workspaceId, queryId, { ...defined, now: now() }, trx);
          if (!row) throw notFound('listening query');
          await audit.insert(record(actor, 'listening.query.updated', row.id, { changed: Object.keys(defined) }), trx);
          return row;
        })
        .catch(sameNameRace(changes.name));
      deps.onQueriesChanged(actor.workspaceId);
      return updated;
    },

    async deleteQuery(actor: ActorInWorkspace, queryId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const existing = await queries.find(actor.workspaceId, queryId, trx);
        if (!existing || !(await queries.remove(actor.workspaceId, queryId, trx))) throw notFound('listening query');
        await audit.insert(record(actor, 'listening.query.deleted', queryId, { name: existing.name }), trx);
      });
      deps.onQueriesChanged(actor.workspaceId);
    },

    /** Creates the named queries a workspace does not have yet (the demo's defaults); audited as the system. */
    async seedQueries(
      workspaceId: string,
      seeds: readonly { name: string; text: string; kind: ListeningQueryKind }[],
    ): Promise<number> {
      let created = 0;
      await db.transaction().execute(async (trx) => {
        for (const seed of seeds) {
          checkQueryText(seed.text);
          if (await queries.findByName(workspaceId, seed.name, trx)) continue;
          const row = await queries.insert({ ...seed, active: true, workspaceId, createdBy: null, now: now() }, trx);
          await audit.insert(
            {
              workspaceId,
              actorUserId: null,
              actorEmail: null,
              action: 'listening.query.created',
              targetType: 'listening_query',
              targetId: row.id,
              ip: null,
              outcome: 'success',
              details: { name: row.name, kind: row.kind, seeded: true },
            },
            trx,
          );
          created += 1;
        }
      });
      if (created > 0) deps.onQueriesChanged(workspaceId);
      return created;
    },

    async listMentions(
      actor: ActorInWorkspace,
      filters: Omit<MentionFilters, 'from' | 'to' | 'before'> & {
        from?: string;
        to?: string;
        before?: string | undefined;
      },
    ) {
      const period = periodOf(filters, now());
      if (filters.queryId !== undefined) await requireQuery(actor.workspaceId, filters.queryId);
      let before: MentionFilters['before'];
      if (filters.before !== undefined) {
        const [instant, id] = filters.before.split('~');
        const publishedAt = new Date(instant ?? '');
        if (Number.isNaN(publishedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? ''))
          throw badRequest(
            'invalid_cursor',
            'This "before" cursor is not one the API gave: start again from the first page.',
          );
        before = { publishedAt, id: id! };
      }
      const rows = await deps.mentions.list(actor.workspaceId, {
        ...filters,
        lang: filters.lang?.toLowerCase(),
        ...period,
        before,
        limit: filters.limit + 1,
      });
      const page = rows.slice(0, filters.limit);
      const last = page.at(-1);
      return {
        mentions: page,
        nextCursor: rows.length > filters.limit && last ? `${last.publishedAt.toISOString()}~${last.id}` : null,
      };
    },

    async series(
      actor: ActorInWorkspace,
      queryId: string,
      options: { from?: string | undefined; to?: string | undefined; interval: 'hour' | 'day' },
    ) {
      await requireQuery(actor.workspaceId, queryId);
      const period = periodOf(options, now(), options.interval === 'hour' ? 31 : 400);
      const workspace = await deps.workspaces.findById(actor.workspaceId);
      const timeZone = workspace?.timeZone ?? 'UTC';
      const request = { ...period, interval: options.interval, timeZone };
      const [rows, starts] = await Promise.all([
        deps.analytics.series(actor.workspaceId, { ...request, queryId }),
        deps.analytics.bucketStarts(request),
      ]);
      const byStart = new Map(rows.map((row) => [row.start.getTime(), row]));
      const buckets = starts.map((start) => {
        const row = byStart.get(start.getTime()) ?? { total: 0, negative: 0, neutral: 0, positive: 0 };
        return {
          start,
          total: row.total,
          negative: row.negative,
          neutral: row.neutral,
          positive: row.positive,
          // docs/metrics.md: (positive − negative) / (positive + negative), through the KPI engine.
          netSentiment: roundedRatio(
            netSentiment({ positive: row.positive, negative: row.negative, neutral: row.neutral }).netSentiment,
          ),
        };
      });
      return { queryId, ...period, interval: options.interval, timeZone, buckets };
    },

    async shareOfVoice(actor: ActorInWorkspace, options: { from?: string | undefined; to?: string | undefined }) {
      const period = periodOf(options, now());
      const rows = await deps.analytics.shareOfVoice(actor.workspaceId, period);
      const total = rows.reduce((sum, row) => sum + row.total, 0);
      return {
        ...period,
        total,
        entries: rows.map((row) => ({
          queryId: row.queryId,
          name: row.name,
          kind: row.kind,
          mentions: row.total,
          share: total === 0 ? null : Math.round((row.total / total) * 10_000) / 10_000,
          negative: row.negative,
          positive: row.positive,
        })),
      };
    },

    async top(
      actor: ActorInWorkspace,
      options: { queryId?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number },
    ) {
      const period = periodOf(options, now());
      if (options.queryId !== undefined) await requireQuery(actor.workspaceId, options.queryId);
      const scope = { queryId: options.queryId, ...period };
      const [texts, authors] = await Promise.all([
        deps.mentions.latestTexts(actor.workspaceId, { ...scope, limit: TERMS_SAMPLE }),
        deps.mentions.topAuthors(actor.workspaceId, { ...scope, limit: options.limit }),
      ]);
      return { ...period, sampledMentions: texts.length, ...topTermsAndHashtags(texts, options.limit), authors };
    },

    listAlerts: (
      actor: ActorInWorkspace,
      options: { status?: ListeningAlertStatus | undefined; queryId?: string | undefined; limit: number },
    ) => deps.alerts.list(actor.workspaceId, options),

    async setAlertStatus(actor: ActorInWorkspace, alertId: string, status: ListeningAlertStatus) {
      const alert = await db.transaction().execute(async (trx) => {
        if (!(await deps.alerts.setStatus(actor.workspaceId, alertId, status, now(), trx)))
          throw notFound('listening alert');
        await audit.insert(
          { ...record(actor, 'listening.alert.updated', alertId, { status }), targetType: 'listening_alert' },
          trx,
        );
        return deps.alerts.find(actor.workspaceId, alertId, trx);
      });
      if (!alert) throw notFound('listening alert');
      return alert;
    },
  };
}

export type ListeningService = ReturnType<typeof createListeningService>;

/** A ratio of the KPI engine as the routes show it: three decimals, or null where it is undefined. */
function roundedRatio(result: MetricResult<Ratio>): number | null {
  return result.kind === 'value' ? Math.round(result.value * 1000) / 1000 : null;
}
