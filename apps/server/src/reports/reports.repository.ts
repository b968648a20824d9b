import type { ReportBody, ReportSchedule } from '@sillage/contracts';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type ReportRecord = ReportBody & {
  id: string;
  workspaceId: string;
  scheduleSince: Date | null;
  updatedBy: string | null;
  updatedAt: Date;
};

export type DeliveryRecord = {
  id: string;
  workspaceId: string;
  reportId: string;
  trigger: 'schedule' | 'manual';
  occurrence: string;
  dueAt: Date;
  periodStart: string;
  periodEnd: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  sentTo: string[];
  error: string | null;
  nextAttemptAt: Date | null;
  finishedAt: Date | null;
};

type ReportRow = {
  id: string;
  workspace_id: string;
  title: string;
  language: 'fr' | 'en';
  period: ReportBody['period'];
  kpis: string[];
  sections: string[];
  commentary: string;
  recipients: string[];
  brand_color: string;
  agency_name: string | null;
  logo_data_url: string | null;
  schedule_kind: 'none' | 'weekly' | 'monthly';
  schedule_weekday: number | null;
  schedule_day_of_month: number | null;
  schedule_time: string | null;
  schedule_since: Date | string | null;
  updated_by: string | null;
  updated_at: Date | string;
};

function scheduleOf(row: ReportRow): ReportSchedule {
  if (row.schedule_kind === 'weekly' && row.schedule_weekday !== null && row.schedule_time !== null)
    return { kind: 'weekly', weekday: row.schedule_weekday, time: row.schedule_time };
  if (row.schedule_kind === 'monthly' && row.schedule_day_of_month !== null && row.schedule_time !== null)
    return { kind: 'monthly', dayOfMonth: row.schedule_day_of_month, time: row.schedule_time };
  return { kind: 'none' };
}

const toReport = (row: ReportRow): ReportRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  language: row.language,
  period: row.period,
  kpis: row.kpis as ReportBody['kpis'],
  sections: row.sections as ReportBody['sections'],
  commentary: row.commentary,
  recipients: row.recipients,
  branding: { brandColor: row.brand_color, agencyName: row.agency_name, logoDataUrl: row.logo_data_url },
  schedule: scheduleOf(row),
  scheduleSince: row.schedule_since === null ? null : new Date(row.schedule_since),
  updatedBy: row.updated_by,
  updatedAt: new Date(row.updated_at),
});

type DeliveryRow = {
  id: string;
  workspace_id: string;
  report_id: string;
  trigger: 'schedule' | 'manual';
  occurrence: string;
  due_at: Date | string;
  period_start: string;
  period_end: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  sent_to: string[];
  error: string | null;
  next_attempt_at: Date | string | null;
  finished_at: Date | string | null;
};

const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

const toDelivery = (row: DeliveryRow): DeliveryRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  reportId: row.report_id,
  trigger: row.trigger,
  occurrence: row.occurrence,
  dueAt: new Date(row.due_at),
  periodStart: row.period_start,
  periodEnd: row.period_end,
  status: row.status,
  attempts: row.attempts,
  sentTo: row.sent_to,
  error: row.error,
  nextAttemptAt: dateOrNull(row.next_attempt_at),
  finishedAt: dateOrNull(row.finished_at),
});

function columnsOf(body: ReportBody) {
  const schedule = body.schedule;
  return {
    title: body.title,
    language: body.language,
    period: body.period,
    kpis: [...body.kpis],
    sections: [...body.sections],
    commentary: body.commentary,
    recipients: [...body.recipients],
    brand_color: body.branding.brandColor,
    agency_name: body.branding.agencyName,
    logo_data_url: body.branding.logoDataUrl,
    schedule_kind: schedule.kind,
    schedule_weekday: schedule.kind === 'weekly' ? schedule.weekday : null,
    schedule_day_of_month: schedule.kind === 'monthly' ? schedule.dayOfMonth : null,
    schedule_time: schedule.kind === 'none' ? null : schedule.time,
  };
}

const sameSchedule = (a: ReportSchedule, b: ReportSchedule) => JSON.stringify(a) === JSON.stringify(b);

/** The only SQL of saved reports and their deliveries. Every read and write names its workspace. */
export function createReportsRepository(db: Executor) {
  return {
    async list(workspaceId: string, executor: Executor = db): Promise<ReportRecord[]> {
      const rows = await executor
        .selectFrom('analytics_reports')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => toReport(row as ReportRow));
    },

    async find(workspaceId: string, reportId: string, executor: Executor = db): Promise<ReportRecord | undefined> {
      const row = await executor
        .selectFrom('analytics_reports')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', reportId)
        .executeTakeFirst();
      return row ? toReport(row) : undefined;
    },

    /** Scheduled reports of every workspace, with the workspace's zone (for the dispatcher). */
    async listScheduled(executor: Executor = db): Promise<(ReportRecord & { timeZone: string })[]> {
      const rows = await executor
        .selectFrom('analytics_reports')
        .innerJoin('workspaces', 'workspaces.id', 'analytics_reports.workspace_id')
        .selectAll('analytics_reports')
        .select('workspaces.time_zone as timeZone')
        .where('analytics_reports.schedule_kind', '<>', 'none')
        .execute();
      return rows.map((row) => ({ ...toReport(row as ReportRow), timeZone: row.timeZone }));
    },

    async insert(
      workspaceId: string,
      body: ReportBody,
      userId: string,
      now: Date,
      executor: Executor = db,
    ): Promise<string> {
      const row = await executor
        .insertInto('analytics_reports')
        .values({
          ...columnsOf(body),
          workspace_id: workspaceId,
          schedule_since: body.schedule.kind === 'none' ? null : now,
          created_by: userId,
          updated_by: userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Updates a report; a changed schedule starts counting from now (no past occurrence is sent for it). */
    async update(
      existing: ReportRecord,
      body: ReportBody,
      userId: string,
      now: Date,
      executor: Executor = db,
    ): Promise<void> {
      const scheduleSince =
        body.schedule.kind === 'none'
          ? null
          : sameSchedule(existing.schedule, body.schedule)
            ? existing.scheduleSince
            : now;
      await executor
        .updateTable('analytics_reports')
        .set({ ...columnsOf(body), schedule_since: scheduleSince, updated_by: userId, updated_at: now })
        .where('workspace_id', '=', existing.workspaceId)
        .where('id', '=', existing.id)
        .execute();
    },

    async remove(workspaceId: string, reportId: string, executor: Executor = db): Promise<boolean> {
      const result = await executor
        .deleteFrom('analytics_reports')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', reportId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async recentDeliveries(
      workspaceId: string,
      reportIds: readonly string[],
      perReport: number,
      executor: Executor = db,
    ): Promise<DeliveryRecord[]> {
      if (reportIds.length === 0) return [];
      const rows = await executor
        .selectFrom((eb) =>
          eb
            .selectFrom('analytics_report_deliveries')
            .selectAll()
            .select(sql<number>`row_number() over (partition by report_id order by created_at desc, id)`.as('rank'))
            .where('workspace_id', '=', workspaceId)
            .where('report_id', 'in', reportIds)
            .as('ranked'),
        )
        .selectAll()
        .where('rank', '<=', perReport)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((row) => toDelivery(row as DeliveryRow));
    },

    /**
     * Records a sending and claims it, or returns undefined when the same report and occurrence is already
     * recorded (another dispatcher got there first, or it went out before): the unique constraint decides.
     */
    async claimNew(
      input: {
        workspaceId: string;
        reportId: string;
        trigger: 'schedule' | 'manual';
        occurrence: string;
        dueAt: Date;
        periodStart: string;
        periodEnd: string;
      },
      now: Date,
      claimedUntil: Date,
      executor: Executor = db,
    ): Promise<DeliveryRecord | undefined> {
      const row = await executor
        .insertInto('analytics_report_deliveries')
        .values({
          workspace_id: input.workspaceId,
          report_id: input.reportId,
          trigger: input.trigger,
          occurrence: input.occurrence,
          due_at: input.dueAt,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          status: 'sending',
          attempts: 1,
          claimed_until: claimedUntil,
          created_at: now,
        })
        .onConflict((conflict) => conflict.columns(['report_id', 'trigger', 'occurrence']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },

    /** Deliveries to try again: failed ones whose backoff ended, and sendings whose worker stopped (lease over). */
    async retryable(now: Date, executor: Executor = db): Promise<DeliveryRecord[]> {
      const rows = await executor
        .selectFrom('analytics_report_deliveries')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
          ]),
        )
        .orderBy('due_at')
        .limit(50)
        .execute();
      return rows.map((row) => toDelivery(row as DeliveryRow));
    },

    /** Claims a retryable delivery for one more attempt; undefined when another worker claimed it first. */
    async claimRetry(
      delivery: DeliveryRecord,
      now: Date,
      claimedUntil: Date,
      executor: Executor = db,
    ): Promise<DeliveryRecord | undefined> {
      const row = await executor
        .updateTable('analytics_report_deliveries')
        .set({ status: 'sending', attempts: sql`attempts + 1`, claimed_until: claimedUntil, next_attempt_at: null })
        .where('workspace_id', '=', delivery.workspaceId)
        .where('id', '=', delivery.id)
        .where('attempts', '=', delivery.attempts)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },

    /** Records one recipient the SMTP server accepted, so no retry sends to them again. */
    async markSentTo(delivery: DeliveryRecord, email: string, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('analytics_report_deliveries')
        .set({ sent_to: sql`array_append(sent_to, ${email}::text)` })
        .where('workspace_id', '=', delivery.workspaceId)
        .where('id', '=', delivery.id)
        .execute();
    },

    async finish(
      delivery: DeliveryRecord,
      outcome: { status: 'sent' } | { status: 'failed'; error: string; nextAttemptAt: Date | null },
      now: Date,
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('analytics_report_deliveries')
        .set({
          status: outcome.status,
          error: outcome.status === 'failed' ? outcome.error : null,
          next_attempt_at: outcome.status === 'failed' ? outcome.nextAttemptAt : null,
          claimed_until: null,
          finished_at: now,
        })
        .where('workspace_id', '=', delivery.workspaceId)
        .where('id', '=', delivery.id)
        .execute();
    },

    async findDelivery(workspaceId: string, id: string, executor: Executor = db): Promise<DeliveryRecord | undefined> {
      const row = await executor
        .selectFrom('analytics_report_deliveries')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
