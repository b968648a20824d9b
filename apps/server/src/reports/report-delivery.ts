import type { AnalyticsOverview } from '@sillage/contracts';
import { addLocalDays } from '@sillage/domain';
import type { Mailer } from '../email/mailer.ts';
import type { Logger } from '../jobs/queue.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { renderReportCsv } from '../analytics/analytics-report.ts';
import type { AnalyticsService } from '../analytics/analytics.service.ts';
import { renderSavedReportPdf } from './report-pdf.ts';
import { sectionWords } from './report-words.ts';
import type { DeliveryRecord, ReportRecord, ReportsRepository } from './reports.repository.ts';

/** Attempts of one sending before it is left failed; between them 5, 10, 20 then 40 minutes. */
export const maxDeliveryAttempts = 5;
/** How long a worker holds a sending; past it (the worker stopped) another worker finishes it. */
export const deliveryLeaseMs = 15 * 60_000;
const backoffMs = (attempts: number) => 5 * 60_000 * 2 ** (attempts - 1);

/** A failure that no retry will cure (the report's author left, no recipient is a member, no SMTP). */
class PermanentFailure extends Error {}

/** The report's PDF, CSV and message for a period, as the given member sees the analytics. */
export async function renderReport(
  deps: { analytics: AnalyticsService; workspaceName: string },
  actor: ActorInWorkspace,
  report: ReportRecord,
  period: { start: string; end: string },
) {
  const overview: AnalyticsOverview = await deps.analytics.overview(actor, period);
  const pdf = await renderSavedReportPdf({ workspaceName: deps.workspaceName, overview, report });
  const csv = renderReportCsv(overview, report);
  const stem = `report-${overview.period.start}-${overview.period.end}`;
  const lastDay = addLocalDays(overview.period.end, -1);
  const words = sectionWords[report.language];
  return {
    overview,
    pdf,
    attachments: [
      { filename: `${stem}.pdf`, content: pdf, contentType: 'application/pdf' },
      { filename: `${stem}.csv`, content: csv, contentType: 'text/csv; charset=utf-8' },
    ],
    subject: words.subject(report.title, overview.period.start, lastDay),
    text: words.body(report.title, deps.workspaceName, overview.period.start, lastDay),
  };
}

/**
 * Sends one claimed delivery: to each recipient who is still a member and not yet recorded as sent, recording
 * each one as the SMTP server accepts it; then marks the delivery sent, or failed with its reason and, while
 * attempts remain, when to try again. Writes the audit trail. Never throws.
 */
export function createReportDelivery(deps: {
  repository: ReportsRepository;
  analytics: AnalyticsService;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
}) {
  const { repository, workspaces, mailer, now } = deps;

  async function attempt(delivery: DeliveryRecord, report: ReportRecord, sender: ActorInWorkspace | null) {
    if (!mailer.configured) throw new PermanentFailure('SMTP is not configured: set SILLAGE_SMTP_URL and send again.');
    const workspace = await workspaces.findById(report.workspaceId);
    if (!workspace) throw new PermanentFailure('The workspace no longer exists.');
    let actor = sender;
    if (!actor) {
      const author = report.updatedBy ? await workspaces.findMember(report.workspaceId, report.updatedBy) : undefined;
      if (!author)
        throw new PermanentFailure(
          'The member who last saved this report has left the workspace; save the report again to send it.',
        );
      actor = {
        userId: author.userId,
        email: author.email,
        ip: 'scheduler',
        workspaceId: report.workspaceId,
        role: author.role,
      };
    }
    const members = new Set(
      (await workspaces.listMembers(report.workspaceId)).map((member) => member.email.toLowerCase()),
    );
    const recipients = [...new Set(report.recipients.map((email) => email.toLowerCase()))].filter((email) =>
      members.has(email),
    );
    if (recipients.length === 0)
      throw new PermanentFailure('No recipient of this report is a member of the workspace; choose members.');
    const rendered = await renderReport({ analytics: deps.analytics, workspaceName: workspace.name }, actor, report, {
      start: delivery.periodStart,
      end: delivery.periodEnd,
    });
    const done = new Set(delivery.sentTo);
    for (const to of recipients) {
      if (done.has(to)) continue;
      await mailer.send({ to, subject: rendered.subject, text: rendered.text, attachments: rendered.attachments });
      await repository.markSentTo(delivery, to);
      done.add(to);
    }
    return { actor, recipients, skipped: report.recipients.filter((email) => !members.has(email.toLowerCase())) };
  }

  return {
    async deliver(delivery: DeliveryRecord, report: ReportRecord, sender: ActorInWorkspace | null = null) {
      let outcome: 'sent' | 'failed';
      let error: string | null = null;
      let details: Record<string, unknown> = {};
      try {
        const result = await attempt(delivery, report, sender);
        await repository.finish(delivery, { status: 'sent' }, now());
        outcome = 'sent';
        details = { recipients: result.recipients, skippedNotMembers: result.skipped };
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
        const retry = !(caught instanceof PermanentFailure) && delivery.attempts < maxDeliveryAttempts;
        const nextAttemptAt = retry ? new Date(now().getTime() + backoffMs(delivery.attempts)) : null;
        await repository.finish(delivery, { status: 'failed', error, nextAttemptAt }, now());
        outcome = 'failed';
        details = { error, nextAttemptAt: nextAttemptAt?.toISOString() ?? null };
        deps.logger.warn({ deliveryId: delivery.id, reportId: report.id, error }, 'report delivery failed');
      }
      await deps.audit.insert({
        workspaceId: report.workspaceId,
        actorUserId: sender?.userId ?? null,
        actorEmail: sender?.email ?? null,
        action: 'analytics.report_delivered',
        targetType: 'analytics_report',
        targetId: report.id,
        ip: sender?.ip ?? null,
        outcome: outcome === 'sent' ? 'success' : 'failure',
        details: {
          deliveryId: delivery.id,
          trigger: delivery.trigger,
          period: { start: delivery.periodStart, end: delivery.periodEnd },
          attempt: delivery.attempts,
          ...details,
        },
      });
      return { status: outcome, error };
    },
  };
}

export type ReportDelivery = ReturnType<typeof createReportDelivery>;
