import type { Executor } from '../db/database.ts';

export type AttemptKind = 'publish' | 'reconcile' | 'refresh';
export type AttemptOutcome =
  | 'published'
  | 'rejected'
  | 'transient'
  | 'rate_limited'
  | 'auth_expired'
  | 'needs_reconnect'
  | 'outcome_unknown'
  | 'found'
  | 'absent'
  | 'stale'
  | 'refreshed'
  | 'gave_up';

export type AttemptRecord = {
  id: string;
  publicationId: string;
  fence: number;
  kind: AttemptKind;
  startedAt: Date;
  endedAt: Date | null;
  outcome: AttemptOutcome | null;
  reason: string | null;
  networkPostId: string | null;
};

export function createPublicationAttemptsRepository(db: Executor) {
  return {
    /** Records the start of a call to the network before it is made, so a crash still leaves a trace. */
    async start(
      attempt: { workspaceId: string; publicationId: string; fence: number; kind: AttemptKind; now: Date },
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('publication_attempts')
        .values({
          workspace_id: attempt.workspaceId,
          publication_id: attempt.publicationId,
          fence: attempt.fence,
          kind: attempt.kind,
          started_at: attempt.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async finish(
      id: string,
      result: { outcome: AttemptOutcome; reason?: string | null; networkPostId?: string | null; now: Date },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('publication_attempts')
        .set({
          ended_at: result.now,
          outcome: result.outcome,
          reason: result.reason?.slice(0, 2000) ?? null,
          network_post_id: result.networkPostId ?? null,
        })
        .where('id', '=', id)
        .execute();
    },

    async listOfPublications(publicationIds: readonly string[], executor: Executor = db): Promise<AttemptRecord[]> {
      if (publicationIds.length === 0) return [];
      const rows = await executor
        .selectFrom('publication_attempts')
        .select([
          'id',
          'publication_id as publicationId',
          'fence',
          'kind',
          'started_at as startedAt',
          'ended_at as endedAt',
          'outcome',
          'reason',
          'network_post_id as networkPostId',
        ])
        .where('publication_id', 'in', [...publicationIds])
        .orderBy('sequence')
        .execute();
      return rows.map((row) => ({ ...row, outcome: row.outcome as AttemptOutcome | null }));
    },
  };
}

export type PublicationAttemptsRepository = ReturnType<typeof createPublicationAttemptsRepository>;
