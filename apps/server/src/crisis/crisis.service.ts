import type { CrisisRoomView, CrisisSeverity, CrisisSummaryView } from '@sillage/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { ListeningAlertsRepository } from '../listening/listening-alerts.repository.ts';
import type { ListeningQueriesRepository } from '../listening/listening-queries.repository.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { presentFigures, type CrisisFiguresReader } from './crisis-figures.ts';
import type { CrisisRecord, CrisisRepository } from './crisis.repository.ts';
import type { HoldingStatements } from './holding-statements.ts';
import { postmortemTimeline } from './postmortem-document.ts';

const iso = (date: Date) => date.toISOString();

export function presentCrisis(crisis: CrisisRecord): CrisisSummaryView {
  return {
    id: crisis.id,
    title: crisis.title,
    severity: crisis.severity,
    status: crisis.status,
    queryId: crisis.queryId,
    queryName: crisis.queryName,
    alertId: crisis.alertId,
    ownerId: crisis.ownerId,
    ownerName: crisis.ownerName,
    onsetAt: iso(crisis.onsetAt),
    openedAt: iso(crisis.openedAt),
    closedAt: crisis.closedAt ? iso(crisis.closedAt) : null,
  };
}

/**
 * The crisis room: a crisis opened from a listening alert (its query and window start) or by hand, its owner and
 * severity, the figures of its query since the onset against the week before, the actions log, the team's
 * notes, its holding statements, and the closing with a summary and lessons learned (for the post-mortem).
 */
export function createCrisisService(deps: {
  db: Kysely<DB>;
  crises: CrisisRepository;
  figures: CrisisFiguresReader;
  statements: HoldingStatements;
  queries: ListeningQueriesRepository;
  alerts: ListeningAlertsRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, crises, audit, now } = deps;

  async function log(
    actor: ActorInWorkspace,
    crisisId: string,
    action: string,
    details: Record<string, unknown>,
    executor: Kysely<DB>,
  ) {
    await crises.addEvent(
      { workspaceId: actor.workspaceId, crisisId, at: now(), actorId: actor.userId, kind: action, details },
      executor,
    );
    await audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'crisis',
        targetId: crisisId,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      executor,
    );
  }

  async function ensureMember(workspaceId: string, userId: string) {
    if (!(await crises.memberNames(workspaceId, [userId])).has(userId))
      throw badRequest('unknown_member', 'The owner must be a member of this workspace.', [
        { path: 'ownerId', message: 'Choose a member of this workspace.' },
      ]);
  }

  async function find(workspaceId: string, crisisId: string) {
    const crisis = await crises.find(workspaceId, crisisId);
    if (!crisis) throw notFound('crisis');
    return crisis;
  }

  /** Everything the room and the post-mortem show. */
  async function room(workspaceId: string, crisisId: string) {
    const crisis = await find(workspaceId, crisisId);
    const figures = await deps.figures.of({
      workspaceId,
      queryId: crisis.queryId,
      onsetAt: crisis.onsetAt,
      end: crisis.closedAt ?? now(),
    });
    const events = await crises.events(workspaceId, crisisId);
    const notes = await crises.notes(workspaceId, crisisId);
    const statements = await crises.statements(workspaceId, crisisId);
    const firstAlert = crisis.queryId
      ? crisis.alertId
        ? await deps.alerts.find(workspaceId, crisis.alertId)
        : await crises.firstAlertSince(workspaceId, crisis.queryId, crisis.onsetAt)
      : undefined;
    return { crisis, figures, events, notes, statements, firstAlertAt: firstAlert?.raisedAt ?? null };
  }

  return {
    room,
    timeline: async (workspaceId: string, crisisId: string) => postmortemTimeline(await room(workspaceId, crisisId)),

    async list(workspaceId: string) {
      return (await crises.list(workspaceId)).map(presentCrisis);
    },

    async open(
      actor: ActorInWorkspace,
      input: {
        title: string;
        severity: CrisisSeverity;
        alertId?: string | undefined;
        queryId?: string | undefined;
        ownerId?: string | undefined;
        onsetAt?: string | undefined;
      },
    ): Promise<string> {
      const at = now();
      let queryId = input.queryId ?? null;
      let onsetAt = input.onsetAt ? new Date(input.onsetAt) : undefined;
      if (input.alertId) {
        const alert = await deps.alerts.find(actor.workspaceId, input.alertId);
        if (!alert) throw notFound('alert');
        if (queryId && queryId !== alert.queryId)
          throw badRequest('query_mismatch', 'The alert belongs to another query; leave the query out.', [
            { path: 'queryId', message: 'Leave it out: the alert names its query.' },
          ]);
        queryId = alert.queryId;
        onsetAt ??= alert.windowStart;
      }
      if (queryId && !(await deps.queries.find(actor.workspaceId, queryId))) throw notFound('listening query');
      onsetAt ??= at;
      if (onsetAt.getTime() > at.getTime())
        throw badRequest('onset_in_future', 'The onset cannot be in the future.', [
          { path: 'onsetAt', message: 'Choose a past instant.' },
        ]);
      const ownerId = input.ownerId ?? actor.userId;
      await ensureMember(actor.workspaceId, ownerId);
      return db.transaction().execute(async (trx) => {
        const id = await crises.insert(
          {
            workspaceId: actor.workspaceId,
            title: input.title,
            severity: input.severity,
            queryId,
            alertId: input.alertId ?? null,
            ownerId,
            onsetAt,
            openedAt: at,
            openedBy: actor.userId,
          },
          trx,
        );
        if (input.alertId) await deps.alerts.setStatus(actor.workspaceId, input.alertId, 'acknowledged', at, trx);
        await log(
          actor,
          id,
          'crisis.opened',
          { title: input.title, severity: input.severity, alertId: input.alertId ?? null, queryId, ownerId },
          trx,
        );
        return id;
      });
    },

    async update(actor: ActorInWorkspace, crisisId: string, input: { severity?: CrisisSeverity; ownerId?: string }) {
      if (input.ownerId) await ensureMember(actor.workspaceId, input.ownerId);
      await db.transaction().execute(async (trx) => {
        const locked = await crises.lock(actor.workspaceId, crisisId, trx);
        if (!locked) throw notFound('crisis');
        if (locked.status !== 'open') throw new AppError(409, 'crisis_closed', 'This crisis is closed.');
        await crises.update(actor.workspaceId, crisisId, input, trx);
        await log(actor, crisisId, 'crisis.updated', { ...input }, trx);
      });
    },

    async addNote(actor: ActorInWorkspace, crisisId: string, text: string) {
      await db.transaction().execute(async (trx) => {
        if (!(await crises.lock(actor.workspaceId, crisisId, trx))) throw notFound('crisis');
        const noteId = await crises.addNote(
          { workspaceId: actor.workspaceId, crisisId, authorId: actor.userId, text, at: now() },
          trx,
        );
        await log(actor, crisisId, 'crisis.note_added', { noteId }, trx);
      });
    },

    async close(actor: ActorInWorkspace, crisisId: string, input: { summary: string; lessons: string }) {
      await db.transaction().execute(async (trx) => {
        const locked = await crises.lock(actor.workspaceId, crisisId, trx);
        if (!locked) throw notFound('crisis');
        if (locked.status !== 'open') throw new AppError(409, 'crisis_closed', 'This crisis is already closed.');
        await crises.close(actor.workspaceId, crisisId, { at: now(), by: actor.userId, ...input }, trx);
        await log(actor, crisisId, 'crisis.closed', {}, trx);
      });
    },

    /** The room as the API presents it. */
    async view(workspaceId: string, crisisId: string): Promise<CrisisRoomView> {
      const { crisis, figures, events, notes, statements } = await room(workspaceId, crisisId);
      return {
        crisis: {
          ...presentCrisis(crisis),
          summary: crisis.summary,
          lessons: crisis.lessons,
          closedByName: crisis.closedByName,
        },
        figures: presentFigures(figures),
        events: events.map((event) => ({ ...event, at: iso(event.at) })),
        notes: notes.map((note) => ({ ...note, createdAt: iso(note.createdAt) })),
        statements: await Promise.all(
          statements.map(async (statement) => ({
            id: statement.id,
            language: statement.language,
            text: statement.text,
            channelIds: statement.channelIds,
            status: statement.status,
            postId: statement.postId,
            createdAt: iso(statement.createdAt),
            createdByName: statement.createdByName,
            submittedAt: statement.submittedAt ? iso(statement.submittedAt) : null,
            decidedAt: statement.decidedAt ? iso(statement.decidedAt) : null,
            decidedByName: statement.decidedByName,
            decisionComment: statement.decisionComment,
            publishedAt: statement.publishedAt ? iso(statement.publishedAt) : null,
            throughApprovalChain: await deps.statements.throughChain(workspaceId, statement.postId),
          })),
        ),
      };
    },
  };
}

export type CrisisService = ReturnType<typeof createCrisisService>;
