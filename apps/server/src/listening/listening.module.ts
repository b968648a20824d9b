import { createTextAnalyzer } from '@sillage/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import { createListeningAlertsRepository } from './listening-alerts.repository.ts';
import { createListeningAnalyticsRepository } from './listening-analytics.repository.ts';
import { createListeningQueriesRepository } from './listening-queries.repository.ts';
import { listeningRoutes } from './listening.routes.ts';
import { createListeningService } from './listening.service.ts';
import { createMentionIngestion } from './mention-ingestion.ts';
import { createMentionsRepository } from './mentions.repository.ts';
import { createSpikeMonitor, type SpikeMonitorSettings } from './spike-monitor.ts';

/** Wires listening: repositories, the ingestion pipeline, spike detection, the service and its routes. */
export function createListening(options: {
  db: Kysely<DB>;
  audit: AuditRepository;
  workspaces: WorkspacesRepository;
  now: () => Date;
  spikes?: Partial<SpikeMonitorSettings>;
}) {
  const { db, now } = options;
  const queries = createListeningQueriesRepository(db);
  const mentions = createMentionsRepository(db);
  const analytics = createListeningAnalyticsRepository(db);
  const alerts = createListeningAlertsRepository(db);
  const monitor = createSpikeMonitor({
    queries,
    analytics,
    alerts,
    now,
    ...(options.spikes ? { settings: options.spikes } : {}),
  });
  const ingestion = createMentionIngestion({
    db,
    queries,
    mentions,
    analyzer: createTextAnalyzer(),
    now,
    onStored: (workspaceId, matches) => monitor.observe(workspaceId, matches),
  });
  const service = createListeningService({
    db,
    queries,
    mentions,
    analytics,
    alerts,
    workspaces: options.workspaces,
    audit: options.audit,
    onQueriesChanged: (workspaceId) => ingestion.invalidate(workspaceId),
    now,
  });
  return {
    queries,
    mentions,
    analytics,
    alerts,
    monitor,
    ingestion,
    service,
    routes: listeningRoutes({ listening: service }),
  };
}

export type Listening = ReturnType<typeof createListening>;
