import type { Executor } from '../../db/database.ts';

export type EscalationSeverity = 'notice' | 'warning' | 'crisis';

export type EscalationRuleRecord = {
  id: string;
  workspaceId: string;
  name: string;
  threshold: number;
  windowMinutes: number;
  severity: EscalationSeverity;
  recipients: string[];
  webhookUrl: string | null;
  enabled: boolean;
  lastEscalatedAt: Date | null;
};

export type EscalationRuleWrite = Omit<EscalationRuleRecord, 'id' | 'workspaceId' | 'lastEscalatedAt'> & {
  id?: string | undefined;
};

const ruleColumns = [
  'inbox_escalation_rules.id',
  'inbox_escalation_rules.workspace_id as workspaceId',
  'inbox_escalation_rules.name',
  'inbox_escalation_rules.threshold',
  'inbox_escalation_rules.window_minutes as windowMinutes',
  'inbox_escalation_rules.severity',
  'inbox_escalation_rules.recipients',
  'inbox_escalation_rules.webhook_url as webhookUrl',
  'inbox_escalation_rules.enabled',
] as const;

/** The only SQL of inbox escalation: rules, negative item counts, alerts. Every read names its workspace. */
export function createEscalationRepository(db: Executor) {
  return {
    async listRules(workspaceId: string, executor: Executor = db): Promise<EscalationRuleRecord[]> {
      const rows = await executor
        .selectFrom('inbox_escalation_rules')
        .select([
          ...ruleColumns,
          (eb) =>
            eb
              .selectFrom('inbox_escalations')
              .select((inner) => inner.fn.max('inbox_escalations.triggered_at').as('at'))
              .whereRef('inbox_escalations.rule_id', '=', 'inbox_escalation_rules.id')
              .as('lastEscalatedAt'),
        ])
        .where('inbox_escalation_rules.workspace_id', '=', workspaceId)
        .orderBy('inbox_escalation_rules.created_at')
        .orderBy('inbox_escalation_rules.id')
        .execute();
      return rows.map((row) => ({
        ...row,
        lastEscalatedAt: row.lastEscalatedAt ? new Date(row.lastEscalatedAt) : null,
      }));
    },

    /** Replaces a workspace's rules: rules named by id are updated, others inserted, the rest deleted. */
    async replaceRules(
      workspaceId: string,
      rules: readonly EscalationRuleWrite[],
      now: Date,
      executor: Executor,
    ): Promise<void> {
      const kept = rules.flatMap((rule) => (rule.id ? [rule.id] : []));
      let remove = executor.deleteFrom('inbox_escalation_rules').where('workspace_id', '=', workspaceId);
      if (kept.length > 0) remove = remove.where('id', 'not in', kept);
      await remove.execute();
      for (const rule of rules) {
        const values = {
          name: rule.name,
          threshold: rule.threshold,
          window_minutes: rule.windowMinutes,
          severity: rule.severity,
          recipients: rule.recipients,
          webhook_url: rule.webhookUrl,
          enabled: rule.enabled,
          updated_at: now,
        };
        if (rule.id) {
          await executor
            .updateTable('inbox_escalation_rules')
            .set(values)
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', rule.id)
            .execute();
        } else {
          await executor
            .insertInto('inbox_escalation_rules')
            .values({ ...values, workspace_id: workspaceId, created_at: now })
            .execute();
        }
      }
    },

    /** Which of these ids are rules of the workspace. */
    async existingRuleIds(workspaceId: string, ids: readonly string[], executor: Executor = db): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await executor
        .selectFrom('inbox_escalation_rules')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .execute();
      return rows.map((row) => row.id);
    },

    /** Which of these user ids are members of the workspace. */
    async memberIds(workspaceId: string, userIds: readonly string[], executor: Executor = db): Promise<string[]> {
      if (userIds.length === 0) return [];
      const rows = await executor
        .selectFrom('memberships')
        .select('user_id')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', 'in', userIds)
        .execute();
      return rows.map((row) => row.user_id);
    },

    /** E-mail and locale of the recipients who are still members. */
    async recipients(
      workspaceId: string,
      userIds: readonly string[],
      executor: Executor = db,
    ): Promise<{ email: string; locale: 'fr' | 'en' }[]> {
      if (userIds.length === 0) return [];
      return executor
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.email', 'users.locale'])
        .where('memberships.workspace_id', '=', workspaceId)
        .where('memberships.user_id', 'in', userIds)
        .orderBy('users.email')
        .execute();
    },

    async enabledRules(workspaceId: string, executor: Executor = db): Promise<EscalationRuleRecord[]> {
      const rows = await executor
        .selectFrom('inbox_escalation_rules')
        .select(ruleColumns)
        .where('workspace_id', '=', workspaceId)
        .where('enabled', '=', true)
        .execute();
      return rows.map((row) => ({ ...row, lastEscalatedAt: null }));
    },

    /** Locks a rule's row so evaluators of one workspace decide one after the other; false when it is gone. */
    async lockRule(workspaceId: string, ruleId: string, executor: Executor): Promise<boolean> {
      const row = await executor
        .selectFrom('inbox_escalation_rules')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', ruleId)
        .forUpdate()
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Negative items written on the network and stored by Sillage in [since, until]. */
    async countNegative(workspaceId: string, since: Date, until: Date, executor: Executor = db): Promise<number> {
      const row = await executor
        .selectFrom('inbox_items')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('workspace_id', '=', workspaceId)
        .where('sentiment', '=', 'negative')
        .where('created_at', '>=', since)
        .where('received_at', '>=', since)
        .where('received_at', '<=', until)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** Whether the rule raised an alert at or after `since`. */
    async escalatedSince(ruleId: string, since: Date, executor: Executor): Promise<boolean> {
      const row = await executor
        .selectFrom('inbox_escalations')
        .select('id')
        .where('rule_id', '=', ruleId)
        .where('triggered_at', '>=', since)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Stores an alert; undefined when one already holds this rule's window. */
    async insertEscalation(
      escalation: {
        workspaceId: string;
        ruleId: string;
        windowStart: Date;
        triggeredAt: Date;
        negativeCount: number;
        severity: EscalationSeverity;
      },
      executor: Executor,
    ): Promise<string | undefined> {
      const row = await executor
        .insertInto('inbox_escalations')
        .values({
          workspace_id: escalation.workspaceId,
          rule_id: escalation.ruleId,
          window_start: escalation.windowStart,
          triggered_at: escalation.triggeredAt,
          negative_count: escalation.negativeCount,
          severity: escalation.severity,
        })
        .onConflict((conflict) => conflict.columns(['rule_id', 'window_start']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async recordDelivery(
      escalationId: string,
      outcome: {
        emailsSent: number;
        emailError: string | null;
        webhookStatus: 'sent' | 'failed' | 'refused' | null;
        webhookError: string | null;
      },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('inbox_escalations')
        .set({
          emails_sent: outcome.emailsSent,
          email_error: outcome.emailError,
          webhook_status: outcome.webhookStatus,
          webhook_error: outcome.webhookError,
        })
        .where('id', '=', escalationId)
        .execute();
    },

    async listEscalations(workspaceId: string, executor: Executor = db) {
      return executor
        .selectFrom('inbox_escalations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('triggered_at')
        .execute();
    },
  };
}

export type EscalationRepository = ReturnType<typeof createEscalationRepository>;
