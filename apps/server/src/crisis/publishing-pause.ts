import type { PublishingPauseView } from '@sillage/contracts';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { CrisisRepository } from './crisis.repository.ts';

/**
 * The pause of a workspace's scheduled publishing (the crisis playbook's "stop the calendar"). While paused, the
 * publishing claim takes nothing of the workspace but approved holding statements, and the late sweep marks
 * nothing missed (see publishing-pause-condition.ts). At resume, the publications whose time came during the
 * pause are taken off the schedule (state approved, their time kept) rather than sent late: they are listed for
 * the user to publish now or reschedule.
 */
export function createPublishingPause(deps: {
  db: Kysely<DB>;
  crises: CrisisRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, crises, audit, now } = deps;

  const record = (actor: ActorInWorkspace, action: string, details: Record<string, unknown>, executor: Kysely<DB>) =>
    audit.insert(
      {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        action,
        targetType: 'workspace',
        targetId: actor.workspaceId,
        ip: actor.ip,
        outcome: 'success',
        details,
      },
      executor,
    );

  const lockWorkspace = (workspaceId: string, executor: Kysely<DB>) =>
    executor
      .selectFrom('workspaces')
      .select([
        'publishing_paused_at as pausedAt',
        'publishing_paused_by as pausedBy',
        'publishing_pause_reason as reason',
        'publishing_pause_crisis_id as crisisId',
      ])
      .where('id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirstOrThrow();

  /** The publications held by the last pause that still wait for a decision (not rescheduled, published or cancelled). */
  async function held(workspaceId: string, executor: Kysely<DB>) {
    const last = await executor
      .selectFrom('publishing_pauses')
      .select('held_publication_ids as ids')
      .where('workspace_id', '=', workspaceId)
      .where('resumed_at', 'is not', null)
      .orderBy('resumed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last || last.ids.length === 0) return [];
    return executor
      .selectFrom('publications as p')
      .innerJoin('posts', 'posts.id', 'p.post_id')
      .innerJoin('channels as c', 'c.id', 'p.channel_id')
      .select([
        'p.id as publicationId',
        'p.post_id as postId',
        'posts.text',
        'c.display_name as channelName',
        'p.scheduled_at as scheduledAt',
        'p.state',
      ])
      .where('p.workspace_id', '=', workspaceId)
      .where('p.id', 'in', last.ids)
      .where('p.state', '=', 'approved')
      .where('p.next_attempt_at', 'is', null)
      .orderBy('p.scheduled_at')
      .execute();
  }

  async function state(workspaceId: string, executor: Kysely<DB> = db): Promise<PublishingPauseView> {
    const workspace = await executor
      .selectFrom('workspaces as w')
      .leftJoin('users as u', 'u.id', 'w.publishing_paused_by')
      .select([
        'w.publishing_paused_at as pausedAt',
        'u.name as pausedByName',
        'w.publishing_pause_reason as reason',
        'w.publishing_pause_crisis_id as crisisId',
      ])
      .where('w.id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return {
      paused: workspace.pausedAt !== null,
      pausedAt: workspace.pausedAt?.toISOString() ?? null,
      pausedByName: workspace.pausedByName,
      reason: workspace.reason,
      crisisId: workspace.crisisId,
      held: (await held(workspaceId, executor)).map((row) => ({
        ...row,
        scheduledAt: row.scheduledAt?.toISOString() ?? null,
      })),
    };
  }

  return {
    state,

    /** Pauses every scheduled publication of the workspace; pausing a paused workspace changes nothing. */
    async pause(actor: ActorInWorkspace, input: { reason: string; crisisId?: string | undefined }) {
      const at = now();
      await db.transaction().execute(async (trx) => {
        const current = await lockWorkspace(actor.workspaceId, trx);
        if (current.pausedAt !== null) return;
        if (input.crisisId && !(await crises.find(actor.workspaceId, input.crisisId, trx))) throw notFound('crisis');
        await trx
          .updateTable('workspaces')
          .set({
            publishing_paused_at: at,
            publishing_paused_by: actor.userId,
            publishing_pause_reason: input.reason,
            publishing_pause_crisis_id: input.crisisId ?? null,
          })
          .where('id', '=', actor.workspaceId)
          .execute();
        await trx
          .insertInto('publishing_pauses')
          .values({
            workspace_id: actor.workspaceId,
            crisis_id: input.crisisId ?? null,
            reason: input.reason,
            paused_at: at,
            paused_by: actor.userId,
          })
          .execute();
        if (input.crisisId)
          await crises.addEvent(
            {
              workspaceId: actor.workspaceId,
              crisisId: input.crisisId,
              at,
              actorId: actor.userId,
              kind: 'publishing.paused',
              details: { reason: input.reason },
            },
            trx,
          );
        await record(actor, 'publishing.paused', { reason: input.reason, crisisId: input.crisisId ?? null }, trx);
      });
      return state(actor.workspaceId);
    },

    /**
     * Resumes publishing. Publications due during the pause are held (approved, off the schedule) in the same
     * transaction, so none goes out late on its own; resuming a workspace that is not paused changes nothing.
     */
    async resume(actor: ActorInWorkspace) {
      const at = now();
      await db.transaction().execute(async (trx) => {
        const current = await lockWorkspace(actor.workspaceId, trx);
        if (current.pausedAt === null) return;
        const heldRows = await sql<{ id: string }>`
          update publications p set state = 'approved', next_attempt_at = null, updated_at = ${at}
           where p.workspace_id = ${actor.workspaceId}
             and p.state = 'scheduled'
             and p.next_attempt_at <= ${at}
             and not exists (select 1 from crisis_statements s
                              where s.post_id = p.post_id and s.status in ('approved', 'published'))
          returning p.id`.execute(trx);
        const heldIds = heldRows.rows.map((row) => row.id);
        await trx
          .updateTable('workspaces')
          .set({
            publishing_paused_at: null,
            publishing_paused_by: null,
            publishing_pause_reason: null,
            publishing_pause_crisis_id: null,
          })
          .where('id', '=', actor.workspaceId)
          .execute();
        await trx
          .updateTable('publishing_pauses')
          .set({ resumed_at: at, resumed_by: actor.userId, held_publication_ids: heldIds })
          .where('workspace_id', '=', actor.workspaceId)
          .where('resumed_at', 'is', null)
          .execute();
        if (current.crisisId)
          await crises.addEvent(
            {
              workspaceId: actor.workspaceId,
              crisisId: current.crisisId,
              at,
              actorId: actor.userId,
              kind: 'publishing.resumed',
              details: { held: heldIds.length },
            },
            trx,
          );
        await record(
          actor,
          'publishing.resumed',
          { pausedAt: current.pausedAt.toISOString(), held: heldIds.length, crisisId: current.crisisId },
          trx,
        );
      });
      return state(actor.workspaceId);
    },
  };
}

export type PublishingPause = ReturnType<typeof createPublishingPause>;
