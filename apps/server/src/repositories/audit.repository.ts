import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type AuditEntryInput = {
  workspaceId: string | null;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip: string | null;
  outcome: 'success' | 'denied' | 'failure';
  details?: Record<string, unknown>;
};

export type AuditEntryRecord = {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: 'success' | 'denied' | 'failure';
  details: Record<string, unknown>;
  /** Position in the trail at full (microsecond) precision, for the next page's cursor. */
  cursor: string;
};

export function createAuditRepository(db: Executor) {
  return {
    async insert(entry: AuditEntryInput, executor: Executor = db): Promise<void> {
      await executor
        .insertInto('audit_log')
        .values({
          workspace_id: entry.workspaceId,
          actor_user_id: entry.actorUserId,
          actor_email: entry.actorEmail,
          action: entry.action,
          target_type: entry.targetType ?? null,
          target_id: entry.targetId ?? null,
          ip: entry.ip,
          outcome: entry.outcome,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },
    /** One page of a workspace's trail, newest first, strictly after (older than) the cursor `<instant>~<id>`. */
    async list(
      workspaceId: string,
      options: { before?: string | undefined; limit: number; action?: string | undefined },
      executor: Executor = db,
    ): Promise<AuditEntryRecord[]> {
      let query = executor
        .selectFrom('audit_log')
        .select([
          'id',
          'created_at as at',
          'actor_email as actorEmail',
          'action',
          'target_type as targetType',
          'target_id as targetId',
          'ip',
          'outcome',
          'details',
          sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '~' || seq::text`.as(
            'cursor',
          ),
        ])
        .where('workspace_id', '=', workspaceId);
      if (options.before) {
        const [at, seq] = options.before.split('~');
        query = query.where(sql<boolean>`(created_at, seq) < (${at}::timestamptz, ${seq}::bigint)`);
      }
      if (options.action) query = query.where('action', '=', options.action);
      return query.orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(options.limit).execute();
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
