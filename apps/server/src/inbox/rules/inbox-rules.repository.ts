import { InboxRuleActions, InboxRuleConditions } from '@sillage/contracts';
import type { InboxRuleDecision } from '@sillage/domain';
import type { z } from 'zod';
import type { Executor } from '../../db/database.ts';

export type InboxRuleRecord = {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: z.output<typeof InboxRuleConditions>;
  actions: z.output<typeof InboxRuleActions>;
  updatedAt: Date;
};

/** What a rule reads and changes on a new item. */
export type RuleTargetItem = {
  id: string;
  workspaceId: string;
  channelId: string;
  network: string;
  kind: string;
  text: string;
  lang: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  authorHandle: string | null;
  spam: boolean;
  tags: string[];
};

const targetColumns = [
  'id',
  'workspace_id as workspaceId',
  'channel_id as channelId',
  'network',
  'kind',
  'text',
  'lang',
  'sentiment',
  'author_handle as authorHandle',
  'spam',
  'tags',
] as const;

/** Moderation rules, the items they act on and the actions they took; all SQL scoped by workspace. */
export function createInboxRulesRepository(db: Executor) {
  return {
    async listRules(workspaceId: string, executor: Executor = db): Promise<InboxRuleRecord[]> {
      const rows = await executor
        .selectFrom('inbox_rules')
        .select(['id', 'name', 'position', 'enabled', 'conditions', 'actions', 'updated_at as updatedAt'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('position')
        .execute();
      return rows.map((row) => ({
        ...row,
        // Stored as the contract validated them; parsed again so a hand-edited row cannot slip through.
        conditions: InboxRuleConditions.parse(row.conditions),
        actions: InboxRuleActions.parse(row.actions),
      }));
    },

    async existingRuleIds(workspaceId: string, ids: readonly string[], executor: Executor = db): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await executor
        .selectFrom('inbox_rules')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .execute();
      return rows.map((row) => row.id);
    },

    /** Keeps the rules sent with an id (updated, re-ordered), creates the others, deletes the rest. */
    async replaceRules(
      workspaceId: string,
      rules: readonly {
        id?: string | undefined;
        name: string;
        enabled: boolean;
        conditions: z.output<typeof InboxRuleConditions>;
        actions: z.output<typeof InboxRuleActions>;
      }[],
      at: Date,
      executor: Executor,
    ): Promise<void> {
      const kept = rules.flatMap((rule) => (rule.id ? [rule.id] : []));
      let removal = executor.deleteFrom('inbox_rules').where('workspace_id', '=', workspaceId);
      if (kept.length > 0) removal = removal.where('id', 'not in', kept);
      await removal.execute();
      for (const [position, rule] of rules.entries()) {
        const values = {
          position,
          name: rule.name,
          enabled: rule.enabled,
          conditions: JSON.stringify(rule.conditions),
          actions: JSON.stringify(rule.actions),
          updated_at: at,
        };
        if (rule.id)
          await executor
            .updateTable('inbox_rules')
            .set(values)
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', rule.id)
            .execute();
        else
          await executor
            .insertInto('inbox_rules')
            .values({ ...values, workspace_id: workspaceId, created_at: at })
            .execute();
      }
    },

    /**
     * Marks the given items as moderated and returns those not moderated before, locked: the rules act on an
     * item once, whoever (poll, webhook, retry) stored or re-read it.
     */
    async claimItems(
      workspaceId: string,
      itemIds: readonly string[],
      at: Date,
      executor: Executor,
    ): Promise<RuleTargetItem[]> {
      if (itemIds.length === 0) return [];
      return executor
        .updateTable('inbox_items')
        .set({ rules_applied_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', itemIds)
        .where('rules_applied_at', 'is', null)
        .returning(targetColumns)
        .execute();
    },

    /** The workspace's latest items, newest first (the dry run's sample). */
    async recentItemIds(workspaceId: string, limit: number, executor: Executor = db): Promise<string[]> {
      const rows = await executor
        .selectFrom('inbox_items')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    async targets(workspaceId: string, itemIds: readonly string[], executor: Executor = db) {
      if (itemIds.length === 0) return [];
      return executor
        .selectFrom('inbox_items')
        .select(targetColumns)
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', itemIds)
        .execute();
    },

    async applyToItem(
      item: RuleTargetItem,
      changes: { tags: string[]; assigneeId?: string; priority?: string; spam: boolean },
      executor: Executor,
    ): Promise<void> {
      await executor
        .updateTable('inbox_items')
        .set({
          tags: changes.tags,
          spam: changes.spam,
          ...(changes.assigneeId === undefined ? {} : { assignee_id: changes.assigneeId }),
          ...(changes.priority === undefined
            ? {}
            : { priority: changes.priority as 'low' | 'normal' | 'high' | 'urgent' }),
        })
        .where('workspace_id', '=', item.workspaceId)
        .where('id', '=', item.id)
        .execute();
    },

    async recordActions(
      item: { id: string; workspaceId: string },
      actions: readonly (InboxRuleDecision & { outcome: 'applied' | 'pending' | 'failed'; error: string | null })[],
      at: Date,
      executor: Executor,
    ): Promise<void> {
      if (actions.length === 0) return;
      await executor
        .insertInto('inbox_rule_actions')
        .values(
          actions.map((action, position) => ({
            position,
            workspace_id: item.workspaceId,
            item_id: item.id,
            rule_id: action.ruleId,
            rule_name: action.ruleName,
            action: action.action,
            value: 'value' in action ? action.value : null,
            outcome: action.outcome,
            error: action.error,
            applied_at: at,
          })),
        )
        .onConflict((conflict) => conflict.columns(['item_id', 'rule_id', 'action']).doNothing())
        .execute();
    },

    /** Hides decided by rules that the network has not confirmed yet, for these items. */
    async pendingHides(itemIds: readonly string[], executor: Executor = db) {
      if (itemIds.length === 0) return [];
      return executor
        .selectFrom('inbox_rule_actions')
        .select([
          'id',
          'workspace_id as workspaceId',
          'item_id as itemId',
          'rule_id as ruleId',
          'rule_name as ruleName',
        ])
        .where('item_id', 'in', itemIds)
        .where('action', '=', 'hide')
        .where('outcome', '=', 'pending')
        .execute();
    },

    async settleAction(
      id: string,
      result: { outcome: 'applied' | 'failed'; error: string | null },
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('inbox_rule_actions')
        .set({ outcome: result.outcome, error: result.error })
        .where('id', '=', id)
        .where('outcome', '=', 'pending')
        .execute();
    },

    /** What the rules did to an item, in order. */
    async actionsOf(workspaceId: string, itemId: string, executor: Executor = db) {
      return executor
        .selectFrom('inbox_rule_actions')
        .select([
          'rule_id as ruleId',
          'rule_name as ruleName',
          'action',
          'value',
          'outcome',
          'error',
          'applied_at as appliedAt',
        ])
        .where('workspace_id', '=', workspaceId)
        .where('item_id', '=', itemId)
        .orderBy('applied_at')
        .orderBy('position')
        .execute();
    },

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
  };
}

export type InboxRulesRepository = ReturnType<typeof createInboxRulesRepository>;
