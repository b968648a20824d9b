import { EscalationRulesBody, EscalationRulesView, WorkspaceParams } from '@sillage/contracts';
import type { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../../http/route.ts';
import type { EscalationRuleRecord } from './escalation.repository.ts';
import type { EscalationService } from './escalation.service.ts';

const url = '/api/workspaces/:workspaceId/inbox/escalation-rules';

function present(rules: EscalationRuleRecord[]): z.input<typeof EscalationRulesView> {
  return {
    rules: rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      threshold: rule.threshold,
      windowMinutes: rule.windowMinutes,
      severity: rule.severity,
      recipients: rule.recipients,
      webhookUrl: rule.webhookUrl,
      enabled: rule.enabled,
      lastEscalatedAt: rule.lastEscalatedAt ? rule.lastEscalatedAt.toISOString() : null,
    })),
  };
}

/** Inbox escalation rules: read by whoever reads the inbox, replaced by whoever manages the workspace. */
export function escalationRoutes(services: { escalation: EscalationService }): RouteDefinition[] {
  const { escalation } = services;
  return [
    defineRoute({
      method: 'GET',
      url,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'inbox.read' },
      summary: "The workspace's inbox escalation rules (N negative items within M minutes) and each one's last alert",
      params: WorkspaceParams,
      response: EscalationRulesView,
      handler: async (context) => present(await escalation.getRules(actorOf(context))),
    }),
    defineRoute({
      method: 'PUT',
      url,
      tag: 'Inbox',
      access: { kind: 'workspace', permission: 'workspace.update' },
      summary:
        "Replaces the workspace's inbox escalation rules: rules sent with their id are kept (with their alert history), " +
        'new ones are created, the others deleted; recipients must be members; webhooks must be https',
      params: WorkspaceParams,
      body: EscalationRulesBody,
      response: EscalationRulesView,
      handler: async (context) => present(await escalation.putRules(actorOf(context), context.body)),
    }),
  ];
}
