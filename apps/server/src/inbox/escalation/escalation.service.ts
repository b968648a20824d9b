import type { EscalationRulesBody } from '@sillage/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Mailer } from '../../email/mailer.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import type { Logger } from '../../jobs/queue.ts';
import type { AuditRepository } from '../../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../../services/workspaces.service.ts';
import { escalationEmail, escalationWebhookBody, type EscalationFacts } from './escalation-message.ts';
import type { EscalationRepository, EscalationRuleRecord } from './escalation.repository.ts';
import { resolvedWebhookProblem, webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url.ts';

export type EscalationOutcome = {
  ruleId: string;
  escalationId: string;
  count: number;
  emailsSent: number;
  webhookStatus: 'sent' | 'failed' | 'refused' | null;
};

/**
 * Inbox escalation: the rules (read and replaced by members, audited) and the evaluator called after new items
 * are stored. An alert is stored once per rule and window before anything is sent, so a crash or a second
 * evaluator never sends it twice; e-mail and webhook failures are logged and recorded on the alert, never thrown.
 */
export function createEscalationService(deps: {
  db: Kysely<DB>;
  escalation: EscalationRepository;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  mailer: Mailer;
  logger: Logger;
  publicUrl: () => string;
  webhookPolicy: WebhookUrlPolicy;
  webhookTimeoutMs: number;
  fetch: typeof globalThis.fetch;
  now: () => Date;
}) {
  const { db, escalation, now } = deps;

  async function getRules(actor: ActorInWorkspace): Promise<EscalationRuleRecord[]> {
    return escalation.listRules(actor.workspaceId);
  }

  async function putRules(
    actor: ActorInWorkspace,
    body: z.output<typeof EscalationRulesBody>,
  ): Promise<EscalationRuleRecord[]> {
    const problems: { field: string; reason: string }[] = [];
    body.rules.forEach((rule, index) => {
      if (rule.webhookUrl) {
        const problem = webhookUrlProblem(rule.webhookUrl, deps.webhookPolicy);
        if (problem) problems.push({ field: `rules.${index}.webhookUrl`, reason: `The webhook URL ${problem}.` });
      }
    });
    const ids = body.rules.flatMap((rule) => (rule.id ? [rule.id] : []));
    if (new Set(ids).size !== ids.length)
      problems.push({ field: 'rules', reason: 'A rule id appears twice; send each rule once.' });
    if (problems.length > 0)
      throw badRequest('invalid_escalation_rules', problems.map((p) => `${p.field}: ${p.reason}`).join(' '), {
        issues: problems,
      });
    return db.transaction().execute(async (trx) => {
      const existing = new Set(await escalation.existingRuleIds(actor.workspaceId, ids, trx));
      const unknownRule = ids.find((id) => !existing.has(id));
      if (unknownRule) throw notFound(`escalation rule ${unknownRule}`);
      const wanted = [...new Set(body.rules.flatMap((rule) => rule.recipients))];
      const members = new Set(await escalation.memberIds(actor.workspaceId, wanted, trx));
      const outsiders = wanted.filter((id) => !members.has(id));
      if (outsiders.length > 0)
        throw new AppError(
          422,
          'recipient_not_member',
          `rules.recipients: ${outsiders.join(', ')} ${outsiders.length > 1 ? 'are not members' : 'is not a member'} of this workspace; choose recipients among the members.`,
          { userIds: outsiders },
        );
      const before = await escalation.listRules(actor.workspaceId, trx);
      await escalation.replaceRules(actor.workspaceId, body.rules, now(), trx);
      const after = await escalation.listRules(actor.workspaceId, trx);
      await deps.audit.insert(
        {
          workspaceId: actor.workspaceId,
          actorUserId: actor.userId,
          actorEmail: actor.email,
          action: 'inbox.escalation_rules.update',
          targetType: 'workspace',
          targetId: actor.workspaceId,
          ip: actor.ip,
          outcome: 'success',
          details: {
            before: before.map(({ lastEscalatedAt: _last, workspaceId: _ws, ...rule }) => rule),
            after: after.map(({ lastEscalatedAt: _last, workspaceId: _ws, ...rule }) => rule),
          },
        },
        trx,
      );
      return after;
    });
  }

  async function postWebhook(url: string, body: { text: string }): Promise<'sent' | 'refused' | 'failed'> {
    const problem = await resolvedWebhookProblem(url, deps.webhookPolicy).catch(
      (error: unknown) => `could not be resolved (${(error as Error).message})`,
    );
    if (problem) throw Object.assign(new Error(`The webhook URL ${problem}`), { refused: true });
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(deps.webhookTimeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
    return 'sent';
  }

  /** Sends an alert already stored: e-mail to each recipient in their language, then the webhook. */
  async function deliver(
    rule: EscalationRuleRecord,
    escalationId: string,
    facts: EscalationFacts,
    workspaceLocale: 'fr' | 'en',
  ): Promise<EscalationOutcome> {
    let emailsSent = 0;
    const emailErrors: string[] = [];
    const recipients = await escalation.recipients(rule.workspaceId, rule.recipients);
    if (recipients.length > 0 && !deps.mailer.configured)
      emailErrors.push('SMTP is not configured (set SILLAGE_SMTP_URL): no e-mail was sent');
    for (const recipient of deps.mailer.configured ? recipients : []) {
      try {
        await deps.mailer.send({ to: recipient.email, ...escalationEmail(facts, recipient.locale) });
        emailsSent += 1;
      } catch (error) {
        emailErrors.push(`${recipient.email}: ${(error as Error).message}`);
        deps.logger.warn(
          { ruleId: rule.id, escalationId, to: recipient.email, err: { message: String(error) } },
          'escalation e-mail not sent',
        );
      }
    }
    let webhookStatus: EscalationOutcome['webhookStatus'] = null;
    let webhookError: string | null = null;
    if (rule.webhookUrl) {
      try {
        webhookStatus = await postWebhook(rule.webhookUrl, escalationWebhookBody(facts, workspaceLocale));
      } catch (error) {
        webhookStatus = (error as { refused?: boolean }).refused ? 'refused' : 'failed';
        webhookError = (error as Error).message.slice(0, 500);
        deps.logger.warn(
          { ruleId: rule.id, escalationId, err: { message: webhookError } },
          'escalation webhook failed',
        );
      }
    }
    await escalation.recordDelivery(escalationId, {
      emailsSent,
      emailError: emailErrors.length > 0 ? emailErrors.join('; ').slice(0, 2000) : null,
      webhookStatus,
      webhookError,
    });
    return { ruleId: rule.id, escalationId, count: facts.count, emailsSent, webhookStatus };
  }

  /** Checks one workspace's rules now; stores and sends each alert whose threshold is crossed. */
  async function evaluateWorkspace(workspaceId: string): Promise<EscalationOutcome[]> {
    const rules = await escalation.enabledRules(workspaceId);
    if (rules.length === 0) return [];
    const workspace = await deps.workspaces.findById(workspaceId);
    if (!workspace) return [];
    const outcomes: EscalationOutcome[] = [];
    for (const rule of rules) {
      const at = now();
      const windowMs = rule.windowMinutes * 60_000;
      const since = new Date(at.getTime() - windowMs);
      const stored = await db.transaction().execute(async (trx) => {
        if (!(await escalation.lockRule(workspaceId, rule.id, trx))) return undefined;
        const count = await escalation.countNegative(workspaceId, since, at, trx);
        if (count < rule.threshold) return undefined;
        // Not again while the last alert is inside the sliding window.
        if (await escalation.escalatedSince(rule.id, since, trx)) return undefined;
        const windowStart = new Date(Math.floor(at.getTime() / windowMs) * windowMs);
        const id = await escalation.insertEscalation(
          { workspaceId, ruleId: rule.id, windowStart, triggeredAt: at, negativeCount: count, severity: rule.severity },
          trx,
        );
        return id ? { id, count } : undefined;
      });
      if (!stored) continue;
      const facts: EscalationFacts = {
        workspaceName: workspace.name,
        ruleName: rule.name,
        severity: rule.severity,
        count: stored.count,
        threshold: rule.threshold,
        windowMinutes: rule.windowMinutes,
        triggeredAt: at,
        timeZone: workspace.timeZone,
        inboxUrl: `${deps.publicUrl()}/`,
      };
      outcomes.push(await deliver(rule, stored.id, facts, workspace.locale));
    }
    return outcomes;
  }

  return {
    getRules,
    putRules,
    evaluateWorkspace,
    /**
     * Called by the ingestion after new items are stored. Never throws: an evaluation failure is logged, and the
     * items stay stored.
     */
    async afterItemsStored(workspaceIds: readonly string[]): Promise<void> {
      for (const workspaceId of new Set(workspaceIds)) {
        try {
          await evaluateWorkspace(workspaceId);
        } catch (error) {
          deps.logger.error({ workspaceId, err: { message: String(error) } }, 'inbox escalation evaluation failed');
        }
      }
    },
  };
}

export type EscalationService = ReturnType<typeof createEscalationService>;
