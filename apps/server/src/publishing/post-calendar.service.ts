import {
  createDraftPublication,
  transition,
  zonedToUtc,
  type Publication,
  type PublicationEvent,
} from '@sillage/domain';
import { expandRrule, formatRrule, parseRrule, type RecurrenceRule } from '@sillage/domain/calendar/rrule';
import type { Kysely } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { createAuditRepository } from '../repositories/audit.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { postsInScope } from '../scopes/scope.ts';
import { createCalendarFeed } from './calendar-feed.ts';
import { createPostScheduleRepository, type SeriesRecord } from './post-schedule.repository.ts';
import type { PublicationAttemptsRepository } from './publication-attempts.repository.ts';
import type { PublicationRecord, PublicationsRepository } from './publications.repository.ts';
import type { LocalSchedule, PostWithPublications } from './posts.service.ts';

/** How far ahead a series' occurrences exist as scheduled posts. */
export const SERIES_HORIZON_DAYS = 90;
// Viewing a range materialises it, but never more than this far ahead.
const MAX_MATERIALISE_DAYS = 400;
const CALENDAR_LIMIT = 5_000;
const dayMs = 86_400_000;
const waiting = ['draft', 'in_review', 'approved', 'scheduled'];

const toScheduled = (state: Publication['state'], at: Date): PublicationEvent[] => {
  const schedule: PublicationEvent = { type: 'schedule', scheduledAt: at };
  if (state === 'draft') return [{ type: 'submit' }, { type: 'approve' }, schedule];
  if (state === 'in_review') return [{ type: 'approve' }, schedule];
  return [schedule];
};

function run(publication: Publication, events: readonly PublicationEvent[], now: Date) {
  let current = publication;
  for (const event of events) {
    const result = transition(current, event, { now });
    if (!result.ok) return undefined;
    current = result.publication;
  }
  return current;
}

function ruleOf(rrule: string): RecurrenceRule {
  const parsed = parseRrule(rrule);
  if (!parsed.ok)
    throw badRequest('invalid_rrule', `The recurrence rule is not valid (${parsed.part}): ${parsed.message}`, {
      part: parsed.part,
    });
  return parsed.rule;
}

/** The one wall clock the post's waiting publications share (a post is scheduled on one local date and time). */
function wallClockOf(rows: readonly PublicationRecord[]): LocalSchedule {
  const clocks = new Set(rows.map((row) => `${row.localTime ?? ''}|${row.timeZone ?? ''}`));
  const [first] = rows;
  if (!first?.localTime || !first.timeZone || !first.localDate)
    throw badRequest('not_scheduled', 'This post has no scheduled time yet; schedule it first, then move it.');
  if (clocks.size > 1)
    throw conflict('The publications of this post are at different times; move each channel from the post page.');
  return { date: first.localDate, time: first.localTime, timeZone: first.timeZone };
}

/**
 * The calendar's actions on posts: moving a post to another day at the same wall-clock time, recurring series
 * (materialised a rolling horizon ahead, never twice), and the calendar's range. Services own transactions
 * and the audit trail.
 */
export function createPostCalendar(deps: {
  db: Kysely<DB>;
  publications: PublicationsRepository;
  attempts: PublicationAttemptsRepository;
  lateWindowMinutes: number;
  now: () => Date;
  get: (actor: ActorInWorkspace, postId: string) => Promise<PostWithPublications>;
}) {
  const { db, publications, now } = deps;
  const schedule = createPostScheduleRepository(db);
  const audit = createAuditRepository(db);
  const auditEntry = (actor: ActorInWorkspace, action: string, postId: string, details: Record<string, unknown>) => ({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action,
    targetType: 'post',
    targetId: postId,
    ip: actor.ip,
    outcome: 'success' as const,
    details,
  });

  /** Creates occurrence posts of `series` with an instant in [now, until), copying the template's channels. */
  async function materialise(series: SeriesRecord, until: Date, trx: Executor): Promise<number> {
    const at = now();
    const template = await publications.listOfPosts(series.workspaceId, [series.templatePostId], trx);
    const [post] = await trx
      .selectFrom('posts')
      .select(['text', 'author_id as authorId'])
      .where('id', '=', series.templatePostId)
      .execute();
    if (!post || template.length === 0) return 0;
    const start = { date: series.startDate, time: series.startTime, timeZone: series.timeZone };
    const occurrences = expandRrule(ruleOf(series.rrule), start, { limit: 1_000, from: at, to: until });
    let created = 0;
    for (const occurrence of occurrences) {
      if (occurrence.index === 1) continue;
      const postId = await schedule.insertOccurrence(
        { workspaceId: series.workspaceId, seriesId: series.id, index: occurrence.index, ...post },
        at,
        trx,
      );
      if (postId === undefined) continue;
      const publication = run(createDraftPublication(at), toScheduled('draft', occurrence.instant), at);
      if (!publication) continue;
      await publications.insert(
        template.map((row) => ({
          workspaceId: series.workspaceId,
          postId,
          channelId: row.channelId,
          publication,
          timeZone: occurrence.timeZone,
          localDate: occurrence.date,
          localTime: occurrence.time,
          content: row.content ?? { format: 'text' as const, text: post.text, media: [] },
        })),
        trx,
      );
      created += 1;
    }
    if (until.getTime() > series.materialisedUntil.getTime())
      await schedule.setMaterialisedUntil(series.id, until, trx);
    return created;
  }

  /**
   * Tops up every workspace's series to the rolling horizon; idempotent. For a periodic job (or a worker's
   * loop): without it, series are materialised at creation and whenever the calendar shows a later range.
   */
  async function materialiseDue(): Promise<number> {
    const until = new Date(now().getTime() + SERIES_HORIZON_DAYS * dayMs);
    return db.transaction().execute(async (trx) => {
      let created = 0;
      for (const series of await schedule.lockAllSeriesBehind(until, 100, trx))
        created += await materialise(series, until, trx);
      return created;
    });
  }

  /** Materialises the workspace's series up to `until` (capped); idempotent. */
  async function materialiseWorkspace(workspaceId: string, until: Date): Promise<number> {
    const cap = new Date(now().getTime() + MAX_MATERIALISE_DAYS * dayMs);
    const target = until.getTime() > cap.getTime() ? cap : until;
    return db.transaction().execute(async (trx) => {
      let created = 0;
      for (const series of await schedule.lockSeriesBehind(workspaceId, target, trx))
        created += await materialise(series, target, trx);
      return created;
    });
  }

  async function setRecurrence(actor: ActorInWorkspace, postId: string, rrule: string) {
    const rule = ruleOf(rrule);
    const canonical = formatRrule(rule);
    const at = now();
    await db.transaction().execute(async (trx) => {
      const rows = (await publications.lockOfPost(trx, actor.workspaceId, postId)).filter((row) =>
        waiting.includes(row.state),
      );
      if (rows.length === 0) throw notFound('scheduled post');
      if (await schedule.findSeriesOfPost(actor.workspaceId, postId, trx))
        throw conflict('This post already repeats; its series keeps its rule (changing a rule is not supported yet).');
      const start = wallClockOf(rows);
      const series = await schedule.insertSeries(
        {
          workspaceId: actor.workspaceId,
          templatePostId: postId,
          rrule: canonical,
          timeZone: start.timeZone,
          startDate: start.date,
          startTime: start.time,
          materialisedUntil: at,
          createdBy: actor.userId,
          now: at,
        },
        trx,
      );
      await schedule.attachToSeries(actor.workspaceId, postId, series.id, 1, trx);
      const created = await materialise(series, new Date(at.getTime() + SERIES_HORIZON_DAYS * dayMs), trx);
      await audit.insert(auditEntry(actor, 'post.recurrence_set', postId, { rrule: canonical, created }), trx);
    });
    return occurrences(actor, postId, 8);
  }

  async function occurrences(actor: ActorInWorkspace, postId: string, count: number) {
    const series = await schedule.findSeriesOfPost(actor.workspaceId, postId);
    if (!series) throw notFound('recurring post');
    const start = { date: series.startDate, time: series.startTime, timeZone: series.timeZone };
    const upcoming = expandRrule(ruleOf(series.rrule), start, { limit: count, from: now() });
    const posts = new Map(
      (await schedule.occurrencePosts(actor.workspaceId, series.id)).map((row) => [row.occurrenceIndex, row.id]),
    );
    return {
      id: series.id,
      rrule: series.rrule,
      timeZone: series.timeZone,
      startDate: series.startDate,
      startTime: series.startTime,
      occurrences: upcoming.map((occurrence) => ({
        index: occurrence.index,
        date: occurrence.date,
        time: occurrence.time,
        timeZone: occurrence.timeZone,
        at: occurrence.instant.toISOString(),
        postId: posts.get(occurrence.index) ?? null,
      })),
    };
  }

  return {
    /** The members' secret iCalendar feeds (calendar-feed.ts). */
    feed: createCalendarFeed({ db, now }),
    materialiseWorkspace,
    materialiseDue,
    setRecurrence,
    occurrences,

    /** Checks a rule before a post is created with it (so a bad rule writes nothing). */
    checkRule(rrule: string, input: { schedule?: LocalSchedule }): void {
      ruleOf(rrule);
      if (!input.schedule)
        throw badRequest('recurrence_without_schedule', 'A recurring post needs a schedule: its first occurrence.');
    },

    /**
     * Moves the post's not-yet-published publications to `date`, each at its wall-clock time in its zone
     * (09:00 stays 09:00 across a DST change); published or in-flight ones stay where they are.
     */
    async reschedule(actor: ActorInWorkspace, postId: string, date: string): Promise<PostWithPublications> {
      const at = now();
      await db.transaction().execute(async (trx) => {
        const rows = await publications.lockOfPost(trx, actor.workspaceId, postId);
        if (rows.length === 0) throw notFound('post');
        const movable = rows.filter((row) => waiting.includes(row.state) && row.scheduledAt !== null);
        if (movable.length === 0)
          throw conflict('Nothing to move: every publication of this post is published, in flight or unscheduled.');
        const from = wallClockOf(movable);
        const target = { ...from, date };
        const result = zonedToUtc(target, { disambiguation: 'earlier' });
        if (!result.ok) throw badRequest(result.reason, result.message, result);
        if (result.instant.getTime() < at.getTime() - deps.lateWindowMinutes * 60_000)
          throw badRequest(
            'scheduled_in_past',
            `${date} ${from.time} has already passed; drop the post on a later day.`,
          );
        let moved = 0;
        for (const row of movable) {
          const next = run(row, toScheduled(row.state, result.instant), at);
          if (!next) continue;
          const saved = await publications.save(row.id, { state: row.state, fence: row.fence }, next, trx, {
            timeZone: target.timeZone,
            localDate: target.date,
            localTime: target.time,
          });
          if (saved) moved += 1;
        }
        await audit.insert(
          auditEntry(actor, 'post.reschedule', postId, {
            from: `${from.date} ${from.time} ${from.timeZone}`,
            to: `${date} ${from.time} ${from.timeZone}`,
            moved,
            kept: rows.length - moved,
          }),
          trx,
        );
      });
      return deps.get(actor, postId);
    },

    /** The posts scheduled in [from, to) (default: the next 7 days) with their publications and series; materialises series up to `to`. */
    async range(actor: ActorInWorkspace, bounds?: { from: Date; to: Date }) {
      const from = bounds?.from ?? now();
      const to = bounds?.to ?? new Date(from.getTime() + 7 * dayMs);
      if (to.getTime() <= from.getTime()) throw badRequest('invalid_range', '"to" must be after "from".');
      if (to.getTime() - from.getTime() > 62 * dayMs)
        throw badRequest('invalid_range', 'Ask for at most 62 days at a time (a month view with its edges).');
      await materialiseWorkspace(actor.workspaceId, to);
      const list = await schedule.listScheduledBetween(actor.workspaceId, { from, to, limit: CALENDAR_LIMIT + 1 });
      const posts = list.slice(0, CALENDAR_LIMIT);
      const rows = await publications.listOfPosts(
        actor.workspaceId,
        posts.map((post) => post.id),
      );
      const attempts = await deps.attempts.listOfPublications(rows.map((row) => row.id));
      const byPost = new Map<string, PostWithPublications['publications']>();
      const attemptsOf = new Map<string, typeof attempts>();
      for (const attempt of attempts) {
        const list = attemptsOf.get(attempt.publicationId) ?? [];
        list.push(attempt);
        attemptsOf.set(attempt.publicationId, list);
      }
      for (const row of rows) {
        const list = byPost.get(row.postId) ?? [];
        list.push({ ...row, attemptLog: attemptsOf.get(row.id) ?? [] });
        byPost.set(row.postId, list);
      }
      return {
        truncated: list.length > CALENDAR_LIMIT,
        // A scoped member sees only posts whose every channel is in their scope (scopes/scope.ts).
        posts: postsInScope(
          actor,
          posts.map((post) => ({ ...post, publications: byPost.get(post.id) ?? [] })),
        ),
      };
    },
  };
}

export type PostCalendar = ReturnType<typeof createPostCalendar>;
