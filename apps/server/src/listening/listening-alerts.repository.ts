import type { Executor } from '../db/database.ts';

export type ListeningAlertStatus = 'open' | 'acknowledged' | 'resolved';

export type ListeningAlertInput = {
  workspaceId: string;
  queryId: string;
  kind: 'volume' | 'negative_share';
  severity: 'notice' | 'warning' | 'critical';
  windowStart: Date;
  windowEnd: Date;
  observed: number;
  expected: number;
  score: number;
  raisedAt: Date;
};

export type ListeningAlertRecord = ListeningAlertInput & {
  id: string;
  queryName: string;
  status: ListeningAlertStatus;
};

/** Alerts raised by spike detection on a workspace's queries. */
export function createListeningAlertsRepository(db: Executor) {
  const selectAlerts = (executor: Executor, workspaceId: string) =>
    executor
      .selectFrom('listening_alerts as a')
      .innerJoin('listening_queries as q', 'q.id', 'a.query_id')
      .select([
        'a.id',
        'a.workspace_id as workspaceId',
        'a.query_id as queryId',
        'q.name as queryName',
        'a.kind',
        'a.severity',
        'a.window_start as windowStart',
        'a.window_end as windowEnd',
        'a.observed',
        'a.expected',
        'a.score',
        'a.status',
        'a.raised_at as raisedAt',
      ])
      .where('a.workspace_id', '=', workspaceId);

  return {
    /** Stores an alert once per (query, kind, window); returns its id, or undefined when it was already there. */
    async insert(alert: ListeningAlertInput, executor: Executor = db): Promise<string | undefined> {
      const row = await executor
        .insertInto('listening_alerts')
        .values({
          workspace_id: alert.workspaceId,
          query_id: alert.queryId,
          kind: alert.kind,
          severity: alert.severity,
          window_start: alert.windowStart,
          window_end: alert.windowEnd,
          observed: alert.observed,
          expected: alert.expected,
          score: alert.score,
          raised_at: alert.raisedAt,
          updated_at: alert.raisedAt,
        })
        .onConflict((conflict) => conflict.columns(['query_id', 'kind', 'window_start']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async list(
      workspaceId: string,
      options: { status?: ListeningAlertStatus | undefined; queryId?: string | undefined; limit: number },
      executor: Executor = db,
    ): Promise<ListeningAlertRecord[]> {
      let query = selectAlerts(executor, workspaceId);
      if (options.status !== undefined) query = query.where('a.status', '=', options.status);
      if (options.queryId !== undefined) query = query.where('a.query_id', '=', options.queryId);
      return query.orderBy('a.raised_at', 'desc').orderBy('a.id', 'desc').limit(options.limit).execute();
    },

    async find(workspaceId: string, id: string, executor: Executor = db): Promise<ListeningAlertRecord | undefined> {
      return selectAlerts(executor, workspaceId).where('a.id', '=', id).executeTakeFirst();
    },

    async setStatus(
      workspaceId: string,
      id: string,
      status: ListeningAlertStatus,
      now: Date,
      executor: Executor = db,
    ): Promise<boolean> {
      const result = await executor
        .updateTable('listening_alerts')
        .set({ status, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type ListeningAlertsRepository = ReturnType<typeof createListeningAlertsRepository>;
