import type { Executor } from '../db/database.ts';
import type { Mailer } from '../email/mailer.ts';
import type { Logger } from '../jobs/queue.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { AnalyticsService } from '../analytics/analytics.service.ts';
import { createReportDelivery } from './report-delivery.ts';
import { createReportDispatcher } from './report-dispatcher.ts';
import { createReportsRepository } from './reports.repository.ts';
import { reportsRoutes } from './reports.routes.ts';
import { createReportsService } from './reports.service.ts';

/** Wires saved reports, their delivery, the scheduled dispatcher and the routes (called from the composition). */
export function createReports(options: {
  db: Executor;
  analytics: AnalyticsService;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
}) {
  const repository = createReportsRepository(options.db);
  const delivery = createReportDelivery({ ...options, repository });
  const service = createReportsService({ ...options, repository, delivery });
  const dispatcher = createReportDispatcher({ repository, delivery, logger: options.logger, now: options.now });
  return {
    repository,
    service,
    dispatcher,
    routes: reportsRoutes({ reports: service, analytics: options.analytics }),
  };
}

export type Reports = ReturnType<typeof createReports>;
