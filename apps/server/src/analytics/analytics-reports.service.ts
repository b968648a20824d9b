import type { AnalyticsReportDefinition } from '@sillage/contracts';
import { addLocalDays, utcToZoned } from '@sillage/domain';
import type { Mailer } from '../email/mailer.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { renderReportCsv, renderReportPdf, reportMessage } from './analytics-report.ts';
import type { AnalyticsService } from './analytics.service.ts';

/**
 * The analytics report e-mail: the chosen KPIs over the last `periodDays` whole days (ending yesterday in the
 * workspace's zone) against the period before, as a PDF and a CSV, sent to members of the workspace only
 * (a report never leaves the workspace's people). Each sending writes the audit trail.
 */
export function createAnalyticsReports(deps: {
  analytics: AnalyticsService;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  mailer: Mailer;
  now: () => Date;
}) {
  const { analytics, workspaces, audit, mailer, now } = deps;

  async function send(actor: ActorInWorkspace, definition: AnalyticsReportDefinition) {
    const workspace = await workspaces.findById(actor.workspaceId);
    if (!workspace) throw notFound('workspace');
    const members = new Set(
      (await workspaces.listMembers(actor.workspaceId)).map((member) => member.email.toLowerCase()),
    );
    const outsiders = definition.recipients.filter((email) => !members.has(email.toLowerCase()));
    if (outsiders.length > 0)
      throw badRequest(
        'recipients_not_members',
        `Reports go to members of the workspace only; invite ${outsiders.join(', ')} first or remove them.`,
        outsiders.map((email) => ({ path: 'body.recipients', message: `${email} is not a member of this workspace` })),
      );
    const end = utcToZoned(now(), workspace.timeZone).date;
    const overview = await analytics.overview(actor, { start: addLocalDays(end, -definition.periodDays), end });
    const pdf = await renderReportPdf({ workspaceName: workspace.name, overview, definition });
    const csv = renderReportCsv(overview, definition);
    const stem = `analytics-report-${overview.period.start}-${overview.period.end}`;
    const attachments = [
      { filename: `${stem}.pdf`, content: pdf, contentType: 'application/pdf' },
      { filename: `${stem}.csv`, content: csv, contentType: 'text/csv; charset=utf-8' },
    ];
    const message = reportMessage(workspace.name, overview, definition.language);
    const recipients = [...new Set(definition.recipients.map((email) => email.toLowerCase()))];
    for (const to of recipients) await mailer.send({ to, ...message, attachments });
    await audit.insert({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      actorEmail: actor.email,
      action: 'analytics.report_sent',
      targetType: 'analytics_report',
      targetId: null,
      ip: actor.ip,
      outcome: 'success',
      details: {
        recipients,
        kpis: definition.kpis,
        period: overview.period,
        language: definition.language,
        delivered: mailer.configured,
      },
    });
    return {
      period: overview.period,
      recipients,
      attachments: attachments.map((attachment) => attachment.filename),
      delivered: mailer.configured,
    };
  }

  return { send };
}

export type AnalyticsReports = ReturnType<typeof createAnalyticsReports>;
