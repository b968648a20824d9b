import type { InboxRulesBody, InboxRuleDryRunBody } from '@sillage/contracts';
import {
  evaluateInboxRules,
  inboxRuleActionsEmpty,
  inboxRuleConditionsEmpty,
  type InboxRule,
  type InboxRuleDecision,
} from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import type { Logger } from '../../jobs/queue.ts';
import type { AuditRepository } from '../../repositories/audit.repository.ts';
import { channelInScope } from '../../scopes/scope.ts';
import type { ActorInWorkspace } from '../../services/workspaces.service.ts';
import type { InboxChannels } from '../inbox-channels.ts';
import type { InboxItemRecord, InboxRepository } from '../inbox.repository.ts';
import { refOf } from '../inbox.service.ts';
import type { InboxRuleRecord, InboxRulesRepository, RuleTargetItem } from './inbox-rules.repository.ts';

/** How many of the latest items a dry run reads. */
export const dryRunSampleSize = 500;

const subjectOf = (item: RuleTargetItem) => ({
  text: item.text,
  sentiment: item.sentiment,
  language: item.lang,
  network: item.network,
  kind: item.kind,
  authorHandle: item.authorHandle,
  spam: item.spam,
});

const asDomainRule = (rule: InboxRuleRecord): InboxRule => ({
  id: rule.id,
  name: rule.name,
  enabled: rule.enabled,
  conditions: rule.conditions,
  actions: rule.actions,
});

/**
 * Moderation rules: replaced as an ordered list by members who manage the workspace (audited), tried on the
 * latest items without saving (dry run), and applied by the ingestion to each new item once: tags, assignee,
 * priority and the spam flag in the transaction that stores the item, hiding on the network right after it.
 */
export function createInboxRulesService(deps: {
  db: Kysely<DB>;
  rules: InboxRulesRepository;
  inbox: InboxRepository;
  channels: InboxChannels;
  audit: AuditRepository;
  logger: Logger;
  now: () => Date;
}) {
  const { db, rules, audit, now } = deps;

  async function validate(
    workspaceId: string,
    list: readonly { conditions: InboxRule['conditions']; actions: InboxRule['actions'] }[],
    executor: Executor = db,
  ): Promise<void> {
    const problems: { field: string; reason: string }[] = [];
    list.forEach((rule, index) => {
      if (inboxRuleConditionsEmpty(rule.conditions))
        problems.push({
          field: `rules.${index}.conditions`,
          reason: 'Give at least one condition (keyword, sentiment, language, network, kind, author or spam flag).',
        });
      if (inboxRuleActionsEmpty(rule.actions))
        problems.push({
          field: `rules.${index}.actions`,
          reason: 'Give at least one action (hide, tag, assign, priority or mark spam).',
        });
    });
    if (problems.length > 0)
      throw badRequest('invalid_inbox_rules', problems.map((p) => `${p.field}: ${p.reason}`).join(' '), {
        issues: problems,
      });
    const wanted = [...new Set(list.flatMap((rule) => (rule.actions.assignTo ? [rule.actions.assignTo] : [])))];
    const members = new Set(await rules.memberIds(workspaceId, wanted, executor));
    const outsiders = wanted.filter((id) => !members.has(id));
    if (outsiders.length > 0)
      throw new AppError(
        422,
        'assignee_not_member',
        `rules.actions.assignTo: ${outsiders.join(', ')} ${outsiders.length > 1 ? 'are not members' : 'is not a member'} of this workspace; assign to a member.`,
        { userIds: outsiders },
      );
  }

  /** Hides an item on the network through its channel's connector; returns why it could not, or null. */
  async function hideOnNetwork(item: InboxItemRecord): Promise<string | null> {
    if (item.kind === 'dm') return 'A direct message cannot be hidden.';
    const opened = await deps.channels.open(item.channelId);
    const connector = opened && deps.channels.connectorOf(opened.channel.network);
    if (!opened || opened.channel.workspaceId !== item.workspaceId) return 'The channel no longer exists.';
    if (opened.channel.status !== 'active') return `Reconnect ${opened.channel.displayName} first.`;
    if (!connector?.hideItem) return `Hiding is not possible on ${item.network}.`;
    try {
      const hide = connector.hideItem.bind(connector);
      await deps.channels.withFreshToken(item.channelId, opened.context, (fresh) => hide(fresh, refOf(item), true));
      return null;
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  }

  return {
    getRules: (actor: ActorInWorkspace) => rules.listRules(actor.workspaceId),

    async putRules(actor: ActorInWorkspace, body: z.output<typeof InboxRulesBody>): Promise<InboxRuleRecord[]> {
      const ids = body.rules.flatMap((rule) => (rule.id ? [rule.id] : []));
      if (new Set(ids).size !== ids.length)
        throw badRequest('invalid_inbox_rules', 'rules: a rule id appears twice; send each rule once.');
      await validate(actor.workspaceId, body.rules);
      return db.transaction().execute(async (trx) => {
        const existing = new Set(await rules.existingRuleIds(actor.workspaceId, ids, trx));
        const unknownRule = ids.find((id) => !existing.has(id));
        if (unknownRule) throw notFound(`inbox rule ${unknownRule}`);
        const before = await rules.listRules(actor.workspaceId, trx);
        await rules.replaceRules(actor.workspaceId, body.rules, now(), trx);
        const after = await rules.listRules(actor.workspaceId, trx);
        const strip = ({ updatedAt: _updatedAt, ...rule }: InboxRuleRecord) => rule;
        await audit.insert(
          {
            workspaceId: actor.workspaceId,
            actorUserId: actor.userId,
            actorEmail: actor.email,
            action: 'inbox.rules.update',
            targetType: 'workspace',
            targetId: actor.workspaceId,
            ip: actor.ip,
            outcome: 'success',
            details: { before: before.map(strip), after: after.map(strip) },
          },
          trx,
        );
        return after;
      });
    },

    /** Which of the workspace's latest items the rule would act on, and what it would do; nothing is changed. */
    async dryRun(actor: ActorInWorkspace, body: z.output<typeof InboxRuleDryRunBody>) {
      await validate(actor.workspaceId, [body]);
      const ids = await rules.recentItemIds(actor.workspaceId, dryRunSampleSize);
      // A member scoped to some channels tries the rule on the items they may see.
      const targets = (await rules.targets(actor.workspaceId, ids)).filter((item) =>
        channelInScope(actor.scope, item.channelId),
      );
      const rule: InboxRule = { id: 'dry-run', name: 'dry run', enabled: true, ...body };
      const matches = targets.flatMap((item) => {
        const decisions = evaluateInboxRules([rule], subjectOf(item));
        return decisions.length > 0 ? [{ itemId: item.id, decisions }] : [];
      });
      const shown = matches.slice(0, 50);
      const items = await Promise.all(shown.map((match) => deps.inbox.find(actor.workspaceId, match.itemId)));
      return {
        examined: targets.length,
        matched: matches.length,
        items: items.flatMap((item, index) =>
          item ? [{ item, decisions: (shown[index] as { decisions: InboxRuleDecision[] }).decisions }] : [],
        ),
      };
    },

    /**
     * Runs the workspace's rules on newly stored items inside the storing transaction. Items already moderated
     * are skipped, so a redelivered or re-read item is never acted on twice.
     */
    async applyToNewItems(workspaceId: string, itemIds: readonly string[], executor: Executor): Promise<void> {
      const list = (await rules.listRules(workspaceId, executor)).filter((rule) => rule.enabled);
      const at = now();
      const claimed = await rules.claimItems(workspaceId, itemIds, at, executor);
      if (list.length === 0 || claimed.length === 0) return;
      const assignees = [...new Set(list.flatMap((rule) => (rule.actions.assignTo ? [rule.actions.assignTo] : [])))];
      const members = new Set(await rules.memberIds(workspaceId, assignees, executor));
      for (const item of claimed) {
        const decisions = evaluateInboxRules(list.map(asDomainRule), subjectOf(item));
        if (decisions.length === 0) continue;
        const tags = new Set(item.tags);
        let spam = item.spam;
        let assigneeId: string | undefined;
        let priority: string | undefined;
        const recorded = decisions.map((decision) => {
          if (decision.action === 'assign' && !members.has(decision.value))
            return { ...decision, outcome: 'failed' as const, error: 'This person is no longer a member.' };
          if (decision.action === 'tag') tags.add(decision.value);
          if (decision.action === 'spam') spam = true;
          if (decision.action === 'assign') assigneeId = decision.value;
          if (decision.action === 'priority') priority = decision.value;
          const outcome = decision.action === 'hide' ? ('pending' as const) : ('applied' as const);
          return { ...decision, outcome, error: null };
        });
        await rules.applyToItem(
          item,
          {
            tags: [...tags],
            spam,
            ...(assigneeId === undefined ? {} : { assigneeId }),
            ...(priority === undefined ? {} : { priority }),
          },
          executor,
        );
        await rules.recordActions(item, recorded, at, executor);
        await audit.insert(
          {
            workspaceId,
            actorUserId: null,
            actorEmail: null,
            action: 'inbox.rules_applied',
            targetType: 'inbox_item',
            targetId: item.id,
            ip: null,
            outcome: 'success',
            details: {
              actions: recorded.map((action) => ({
                ruleId: action.ruleId,
                ruleName: action.ruleName,
                action: action.action,
                value: 'value' in action ? action.value : null,
                outcome: action.outcome,
              })),
            },
          },
          executor,
        );
      }
    },

    /** After the items are committed: hides on the network what rules decided to hide. Never throws. */
    async performPendingHides(itemIds: readonly string[]): Promise<void> {
      try {
        for (const pending of await rules.pendingHides(itemIds)) {
          const item = await deps.inbox.find(pending.workspaceId, pending.itemId);
          if (!item) continue;
          const problem = await hideOnNetwork(item);
          await db.transaction().execute(async (trx) => {
            if (problem === null) await deps.inbox.update(item.workspaceId, item.id, { hidden: true }, trx);
            await rules.settleAction(
              pending.id,
              { outcome: problem === null ? 'applied' : 'failed', error: problem },
              trx,
            );
            await audit.insert(
              {
                workspaceId: item.workspaceId,
                actorUserId: null,
                actorEmail: null,
                action: problem === null ? 'inbox.item_hidden' : 'inbox.rule_hide_failed',
                targetType: 'inbox_item',
                targetId: item.id,
                ip: null,
                outcome: problem === null ? 'success' : 'failure',
                details: { ruleId: pending.ruleId, ruleName: pending.ruleName, ...(problem ? { error: problem } : {}) },
              },
              trx,
            );
          });
        }
      } catch (error) {
        deps.logger.warn({ err: { message: String(error) } }, 'inbox rules: hiding on the network failed');
      }
    },

    actionsOf: (workspaceId: string, itemId: string) => rules.actionsOf(workspaceId, itemId),
  };
}

export type InboxRulesService = ReturnType<typeof createInboxRulesService>;
