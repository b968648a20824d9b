import type { Logger } from '../jobs/queue.ts';
import type { ReportDelivery } from './report-delivery.ts';
import { deliveryLeaseMs } from './report-delivery.ts';
import { latestOccurrence, reportPeriod } from './report-schedule.ts';
import type { ReportsRepository } from './reports.repository.ts';

/**
 * Sends scheduled reports that came due, each report's period once: the delivery row keyed by report and
 * occurrence is inserted before sending (the unique constraint lets one dispatcher win), and retries take a
 * failed delivery (after its backoff) or one whose worker stopped (after its lease) with a conditional update.
 * Only the latest occurrence of a report is considered: a server down for weeks sends the last period, once.
 */
export function createReportDispatcher(deps: {
  repository: ReportsRepository;
  delivery: ReportDelivery;
  logger: Logger;
  now: () => Date;
}) {
  const { repository, delivery, now } = deps;

  return {
    /** One pass: due occurrences, then retries. Returns what this call sent or tried. */
    async dispatchDue(): Promise<{ sent: number; failed: number }> {
      const counts = { sent: 0, failed: 0 };
      for (const report of await repository.listScheduled()) {
        const at = now();
        let occurrence;
        try {
          occurrence = latestOccurrence(report.schedule, report.timeZone, at);
        } catch (error) {
          // One workspace with a broken zone must not stop the others' reports.
          deps.logger.warn({ reportId: report.id, err: { message: String(error) } }, 'report schedule unreadable');
          continue;
        }
        if (!occurrence || !report.scheduleSince || occurrence.dueAt < report.scheduleSince) continue;
        const period = reportPeriod(report.period, occurrence.date);
        const claimed = await repository.claimNew(
          {
            workspaceId: report.workspaceId,
            reportId: report.id,
            trigger: 'schedule',
            occurrence: occurrence.date,
            dueAt: occurrence.dueAt,
            periodStart: period.start,
            periodEnd: period.end,
          },
          at,
          new Date(at.getTime() + deliveryLeaseMs),
        );
        if (!claimed) continue;
        counts[(await delivery.deliver(claimed, report)).status] += 1;
      }
      for (const candidate of await repository.retryable(now())) {
        const report = await repository.find(candidate.workspaceId, candidate.reportId);
        if (!report) continue;
        const at = now();
        const claimed = await repository.claimRetry(candidate, at, new Date(at.getTime() + deliveryLeaseMs));
        if (!claimed) continue;
        counts[(await delivery.deliver(claimed, report, null)).status] += 1;
      }
      return counts;
    },
  };
}

export type ReportDispatcher = ReturnType<typeof createReportDispatcher>;

/** Runs the dispatcher every `intervalMs` in a worker process; returns how to stop it. */
export function startReportDispatcher(options: {
  dispatcher: ReportDispatcher;
  intervalMs: number;
  logger: Logger;
}): () => void {
  let running = false;
  const tick = (): void => {
    if (running) return;
    running = true;
    options.dispatcher
      .dispatchDue()
      .catch((error: unknown) => options.logger.warn({ err: { message: String(error) } }, 'report dispatch failed'))
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
