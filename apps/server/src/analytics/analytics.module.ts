import type { Executor } from '../db/database.ts';
import type { Mailer } from '../email/mailer.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import { createAnalyticsReports } from './analytics-reports.service.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { createMetricsRepository } from './metrics.repository.ts';

/** Wires the metrics repository, the analytics service and its routes (called from the composition). */
export function createAnalytics(options: {
  db: Executor;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  mailer: Mailer;
  now: () => Date;
}) {
  const { workspaces, now } = options;
  const metrics = createMetricsRepository(options.db);
  const service = createAnalyticsService({ metrics, workspaces, now });
  const reports = createAnalyticsReports({
    analytics: service,
    workspaces,
    audit: options.audit,
    mailer: options.mailer,
    now,
  });
  const workspaceLocale = async (workspaceId: string) => (await workspaces.findById(workspaceId))?.locale ?? 'en';
  return { metrics, service, reports, routes: analyticsRoutes({ analytics: service, reports, workspaceLocale }) };
}

export type Analytics = ReturnType<typeof createAnalytics>;
