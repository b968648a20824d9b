import type { CrisisSeverity } from '@sillage/contracts';
import type { Executor } from '../db/database.ts';

export type CrisisRecord = {
  id: string;
  workspaceId: string;
  title: string;
  severity: CrisisSeverity;
  status: 'open' | 'closed';
  queryId: string | null;
  queryName: string | null;
  alertId: string | null;
  ownerId: string | null;
  ownerName: string | null;
  onsetAt: Date;
  openedAt: Date;
  openedBy: string | null;
  closedAt: Date | null;
  closedByName: string | null;
  summary: string | null;
  lessons: string | null;
};

export type StatementRecord = {
  id: string;
  workspaceId: string;
  crisisId: string;
  language: 'fr' | 'en';
  text: string;
  channelIds: string[];
  status: 'draft' | 'submitted' | 'approved' | 'rejected' | 'published';
  postId: string | null;
  createdAt: Date;
  createdByName: string | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  decisionComment: string | null;
  publishedAt: Date | null;
};

/** Crises, their actions log, notes and holding statements; every query is scoped to the workspace. */
export function createCrisisRepository(db: Executor) {
  const selectCrises = (executor: Executor, workspaceId: string) =>
    executor
      .selectFrom('crises as c')
      .leftJoin('listening_queries as q', 'q.id', 'c.query_id')
      .leftJoin('users as owner', 'owner.id', 'c.owner_id')
      .leftJoin('users as closer', 'closer.id', 'c.closed_by')
      .select([
        'c.id',
        'c.workspace_id as workspaceId',
        'c.title',
        'c.severity',
        'c.status',
        'c.query_id as queryId',
        'q.name as queryName',
        'c.alert_id as alertId',
        'c.owner_id as ownerId',
        'owner.name as ownerName',
        'c.onset_at as onsetAt',
        'c.opened_at as openedAt',
        'c.opened_by as openedBy',
        'c.closed_at as closedAt',
        'closer.name as closedByName',
        'c.summary',
        'c.lessons',
      ])
      .where('c.workspace_id', '=', workspaceId);

  const selectStatements = (executor: Executor, workspaceId: string) =>
    executor
      .selectFrom('crisis_statements as s')
      .leftJoin('users as author', 'author.id', 's.created_by')
      .leftJoin('users as decider', 'decider.id', 's.decided_by')
      .select([
        's.id',
        's.workspace_id as workspaceId',
        's.crisis_id as crisisId',
        's.language',
        's.text',
        's.channel_ids as channelIds',
        's.status',
        's.post_id as postId',
        's.created_at as createdAt',
        'author.name as createdByName',
        's.submitted_at as submittedAt',
        's.decided_at as decidedAt',
        'decider.name as decidedByName',
        's.decision_comment as decisionComment',
        's.published_at as publishedAt',
      ])
      .where('s.workspace_id', '=', workspaceId);

  return {
    async insert(
      input: {
        workspaceId: string;
        title: string;
        severity: CrisisSeverity;
        queryId: string | null;
        alertId: string | null;
        ownerId: string;
        onsetAt: Date;
        openedAt: Date;
        openedBy: string | null;
      },
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('crises')
        .values({
          workspace_id: input.workspaceId,
          title: input.title,
          severity: input.severity,
          query_id: input.queryId,
          alert_id: input.alertId,
          owner_id: input.ownerId,
          onset_at: input.onsetAt,
          opened_at: input.openedAt,
          opened_by: input.openedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    list(workspaceId: string, executor: Executor = db): Promise<CrisisRecord[]> {
      return selectCrises(executor, workspaceId).orderBy('c.opened_at', 'desc').limit(200).execute();
    },

    find(workspaceId: string, id: string, executor: Executor = db): Promise<CrisisRecord | undefined> {
      return selectCrises(executor, workspaceId).where('c.id', '=', id).executeTakeFirst();
    },

    /** Locks the crisis row until the transaction ends (actions on one crisis serialise here). */
    async lock(workspaceId: string, id: string, executor: Executor): Promise<{ status: string } | undefined> {
      return executor
        .selectFrom('crises')
        .select('status')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async update(
      workspaceId: string,
      id: string,
      changes: { severity?: CrisisSeverity; ownerId?: string },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('crises')
        .set({
          ...(changes.severity ? { severity: changes.severity } : {}),
          ...(changes.ownerId ? { owner_id: changes.ownerId } : {}),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    async close(
      workspaceId: string,
      id: string,
      input: { at: Date; by: string | null; summary: string; lessons: string },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('crises')
        .set({
          status: 'closed',
          closed_at: input.at,
          closed_by: input.by,
          summary: input.summary,
          lessons: input.lessons,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    async addEvent(
      input: { workspaceId: string; crisisId: string; at: Date; actorId: string | null; kind: string; details: object },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .insertInto('crisis_events')
        .values({
          workspace_id: input.workspaceId,
          crisis_id: input.crisisId,
          at: input.at,
          actor_id: input.actorId,
          kind: input.kind,
          details: JSON.stringify(input.details),
        })
        .execute();
    },

    events(workspaceId: string, crisisId: string, executor: Executor = db) {
      return executor
        .selectFrom('crisis_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.id', 'e.at', 'e.kind', 'e.details', 'u.name as actorName'])
        .where('e.workspace_id', '=', workspaceId)
        .where('e.crisis_id', '=', crisisId)
        .orderBy('e.at')
        .orderBy('e.seq')
        .execute();
    },

    async addNote(
      input: { workspaceId: string; crisisId: string; authorId: string | null; text: string; at: Date },
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('crisis_notes')
        .values({
          workspace_id: input.workspaceId,
          crisis_id: input.crisisId,
          author_id: input.authorId,
          text: input.text,
          created_at: input.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    notes(workspaceId: string, crisisId: string, executor: Executor = db) {
      return executor
        .selectFrom('crisis_notes as n')
        .leftJoin('users as u', 'u.id', 'n.author_id')
        .select(['n.id', 'n.text', 'n.created_at as createdAt', 'u.name as authorName'])
        .where('n.workspace_id', '=', workspaceId)
        .where('n.crisis_id', '=', crisisId)
        .orderBy('n.created_at')
        .execute();
    },

    async insertStatement(
      input: {
        workspaceId: string;
        crisisId: string;
        language: 'fr' | 'en';
        text: string;
        channelIds: string[];
        createdBy: string | null;
        at: Date;
      },
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('crisis_statements')
        .values({
          workspace_id: input.workspaceId,
          crisis_id: input.crisisId,
          language: input.language,
          text: input.text,
          channel_ids: input.channelIds,
          created_by: input.createdBy,
          created_at: input.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    statements(workspaceId: string, crisisId: string, executor: Executor = db): Promise<StatementRecord[]> {
      return selectStatements(executor, workspaceId)
        .where('s.crisis_id', '=', crisisId)
        .orderBy('s.created_at')
        .execute();
    },

    /** The statement, locked until the transaction ends when `executor` is one. */
    async findStatement(
      workspaceId: string,
      crisisId: string,
      id: string,
      executor: Executor = db,
      lock = false,
    ): Promise<StatementRecord | undefined> {
      if (lock)
        await executor
          .selectFrom('crisis_statements')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .forUpdate()
          .execute();
      return selectStatements(executor, workspaceId)
        .where('s.crisis_id', '=', crisisId)
        .where('s.id', '=', id)
        .executeTakeFirst();
    },

    async setStatement(
      workspaceId: string,
      id: string,
      changes: {
        status: StatementRecord['status'];
        postId?: string;
        submittedBy?: string | null;
        submittedAt?: Date;
        decidedBy?: string | null;
        decidedAt?: Date;
        decisionComment?: string;
        publishedBy?: string | null;
        publishedAt?: Date;
      },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('crisis_statements')
        .set({
          status: changes.status,
          ...(changes.postId !== undefined ? { post_id: changes.postId } : {}),
          ...(changes.submittedAt !== undefined
            ? { submitted_at: changes.submittedAt, submitted_by: changes.submittedBy ?? null }
            : {}),
          ...(changes.decidedAt !== undefined
            ? {
                decided_at: changes.decidedAt,
                decided_by: changes.decidedBy ?? null,
                decision_comment: changes.decisionComment ?? null,
              }
            : {}),
          ...(changes.publishedAt !== undefined
            ? { published_at: changes.publishedAt, published_by: changes.publishedBy ?? null }
            : {}),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    /** Members' names by user id (only members of the workspace are returned). */
    async memberNames(workspaceId: string, userIds: readonly string[], executor: Executor = db) {
      if (userIds.length === 0) return new Map<string, string>();
      const rows = await executor
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name'])
        .where('m.workspace_id', '=', workspaceId)
        .where('u.id', 'in', [...userIds])
        .execute();
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /** The first alert raised on the query at or after `from` (the crisis's first alert, for the timeline). */
    async firstAlertSince(workspaceId: string, queryId: string, from: Date, executor: Executor = db) {
      return executor
        .selectFrom('listening_alerts')
        .select(['id', 'raised_at as raisedAt', 'kind', 'severity'])
        .where('workspace_id', '=', workspaceId)
        .where('query_id', '=', queryId)
        .where('raised_at', '>=', from)
        .orderBy('raised_at')
        .limit(1)
        .executeTakeFirst();
    },
  };
}

export type CrisisRepository = ReturnType<typeof createCrisisRepository>;
