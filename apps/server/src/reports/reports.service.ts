import { randomUUID } from 'node:crypto';
import type { ReportBody, ReportView } from '@sillage/contracts';
import { utcToZoned } from '@sillage/domain';
import type { Executor } from '../db/database.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import type { AnalyticsService } from '../analytics/analytics.service.ts';
import { deliveryLeaseMs, renderReport, type ReportDelivery } from './report-delivery.ts';
import { nextOccurrence, reportPeriod } from './report-schedule.ts';
import type { DeliveryRecord, ReportRecord, ReportsRepository } from './reports.repository.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentDelivery(delivery: DeliveryRecord): ReportView['deliveries'][number] {
  return {
    id: delivery.id,
    trigger: delivery.trigger,
    dueAt: delivery.dueAt.toISOString(),
    periodStart: delivery.periodStart,
    periodEnd: delivery.periodEnd,
    status: delivery.status,
    attempts: delivery.attempts,
    sentTo: delivery.sentTo,
    error: delivery.error,
    nextAttemptAt: iso(delivery.nextAttemptAt),
    finishedAt: iso(delivery.finishedAt),
  };
}

/** Saved reports of a workspace: kept, previewed and sent by its members; every change is in the audit trail. */
export function createReportsService(deps: {
  db: Executor;
  repository: ReportsRepository;
  delivery: ReportDelivery;
  analytics: AnalyticsService;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, repository, workspaces, audit, now } = deps;

  async function workspaceOf(actor: ActorInWorkspace) {
    const workspace = await workspaces.findById(actor.workspaceId);
    if (!workspace) throw notFound('workspace');
    return workspace;
  }

  async function checkRecipients(actor: ActorInWorkspace, recipients: readonly string[]) {
    const members = new Set(
      (await workspaces.listMembers(actor.workspaceId)).map((member) => member.email.toLowerCase()),
    );
    const outsiders = recipients.filter((email) => !members.has(email.toLowerCase()));
    if (outsiders.length > 0)
      throw badRequest(
        'recipients_not_members',
        `Reports go to members of the workspace only; invite ${outsiders.join(', ')} first or remove them.`,
        outsiders.map((email) => ({ path: 'body.recipients', message: `${email} is not a member of this workspace` })),
      );
  }

  async function findOrThrow(actor: ActorInWorkspace, reportId: string) {
    const report = await repository.find(actor.workspaceId, reportId);
    if (!report) throw notFound('report');
    return report;
  }

  async function present(actor: ActorInWorkspace, reports: ReportRecord[]): Promise<ReportView[]> {
    const workspace = await workspaceOf(actor);
    const deliveries = await repository.recentDeliveries(
      actor.workspaceId,
      reports.map((report) => report.id),
      10,
    );
    return reports.map((report) => ({
      id: report.id,
      title: report.title,
      language: report.language,
      period: report.period,
      kpis: report.kpis,
      sections: report.sections,
      commentary: report.commentary,
      recipients: report.recipients,
      branding: report.branding,
      schedule: report.schedule,
      timeZone: workspace.timeZone,
      nextSendAt: iso(nextOccurrence(report.schedule, workspace.timeZone, now())?.dueAt ?? null),
      deliveries: deliveries.filter((delivery) => delivery.reportId === report.id).map(presentDelivery),
      updatedAt: report.updatedAt.toISOString(),
    }));
  }

  function record(actor: ActorInWorkspace, action: string, reportId: string, details: Record<string, unknown>) {
    return (executor: Executor) =>
      audit.insert(
        {
          workspaceId: actor.workspaceId,
          actorUserId: actor.userId,
          actorEmail: actor.email,
          action,
          targetType: 'analytics_report',
          targetId: reportId,
          ip: actor.ip,
          outcome: 'success',
          details,
        },
        executor,
      );
  }

  const summary = (body: ReportBody) => ({
    title: body.title,
    period: body.period,
    sections: body.sections,
    recipients: body.recipients,
    schedule: body.schedule,
    language: body.language,
  });

  return {
    async list(actor: ActorInWorkspace): Promise<ReportView[]> {
      return present(actor, await repository.list(actor.workspaceId));
    },

    async get(actor: ActorInWorkspace, reportId: string): Promise<ReportView> {
      const [view] = await present(actor, [await findOrThrow(actor, reportId)]);
      return view!;
    },

    async create(actor: ActorInWorkspace, body: ReportBody): Promise<ReportView> {
      await checkRecipients(actor, body.recipients);
      const id = await db.transaction().execute(async (trx) => {
        const created = await repository.insert(actor.workspaceId, body, actor.userId, now(), trx);
        await record(actor, 'analytics.report_created', created, summary(body))(trx);
        return created;
      });
      return this.get(actor, id);
    },

    async update(actor: ActorInWorkspace, reportId: string, body: ReportBody): Promise<ReportView> {
      const existing = await findOrThrow(actor, reportId);
      await checkRecipients(actor, body.recipients);
      await db.transaction().execute(async (trx) => {
        await repository.update(existing, body, actor.userId, now(), trx);
        await record(actor, 'analytics.report_updated', reportId, summary(body))(trx);
      });
      return this.get(actor, reportId);
    },

    async remove(actor: ActorInWorkspace, reportId: string): Promise<void> {
      const existing = await findOrThrow(actor, reportId);
      await db.transaction().execute(async (trx) => {
        if (!(await repository.remove(actor.workspaceId, reportId, trx))) throw notFound('report');
        await record(actor, 'analytics.report_deleted', reportId, { title: existing.title })(trx);
      });
    },

    /** The PDF as it would be sent today (the period ending yesterday in the workspace's zone). */
    async preview(actor: ActorInWorkspace, reportId: string): Promise<{ filename: string; pdf: Buffer }> {
      const report = await findOrThrow(actor, reportId);
      const workspace = await workspaceOf(actor);
      const period = reportPeriod(report.period, utcToZoned(now(), workspace.timeZone).date);
      const rendered = await renderReport(
        { analytics: deps.analytics, workspaceName: workspace.name },
        actor,
        report,
        period,
      );
      return { filename: rendered.attachments[0]!.filename, pdf: rendered.pdf };
    },

    /** Sends the report now, for the period ending yesterday, recorded among its deliveries. */
    async sendNow(actor: ActorInWorkspace, reportId: string) {
      const report = await findOrThrow(actor, reportId);
      const workspace = await workspaceOf(actor);
      await checkRecipients(actor, report.recipients);
      if (report.recipients.length === 0)
        throw badRequest('no_recipients', 'Add at least one member as a recipient, save, then send.', [
          { path: 'body.recipients', message: 'No recipient' },
        ]);
      const at = now();
      const period = reportPeriod(report.period, utcToZoned(at, workspace.timeZone).date);
      const delivery = await repository.claimNew(
        {
          workspaceId: actor.workspaceId,
          reportId,
          trigger: 'manual',
          occurrence: `manual:${randomUUID()}`,
          dueAt: at,
          periodStart: period.start,
          periodEnd: period.end,
        },
        at,
        new Date(at.getTime() + deliveryLeaseMs),
      );
      if (!delivery) throw new Error('A manual sending could not be recorded.');
      await deps.delivery.deliver(delivery, report, actor);
      const stored = await repository.findDelivery(actor.workspaceId, delivery.id);
      return presentDelivery(stored ?? delivery);
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
