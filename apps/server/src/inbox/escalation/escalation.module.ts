import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Mailer } from '../../email/mailer.ts';
import type { Logger } from '../../jobs/queue.ts';
import type { AuditRepository } from '../../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../../repositories/workspaces.repository.ts';
import { createEscalationRepository } from './escalation.repository.ts';
import { escalationRoutes } from './escalation.routes.ts';
import { createEscalationService } from './escalation.service.ts';

/** Wires inbox escalation: its repository, its service (rules and evaluator) and its routes. */
export function createEscalation(options: {
  db: Kysely<DB>;
  workspaces: WorkspacesRepository;
  audit: AuditRepository;
  mailer: Mailer;
  logger: Logger;
  publicUrl: () => string;
  now: () => Date;
  /** Tests only: lets a webhook be plain http to a loopback address (a local test server). */
  allowLoopbackWebhooks?: boolean | undefined;
  webhookTimeoutMs?: number | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}) {
  const repository = createEscalationRepository(options.db);
  const service = createEscalationService({
    db: options.db,
    escalation: repository,
    workspaces: options.workspaces,
    audit: options.audit,
    mailer: options.mailer,
    logger: options.logger,
    publicUrl: options.publicUrl,
    webhookPolicy: { allowLoopbackHttp: options.allowLoopbackWebhooks ?? false },
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5_000,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now,
  });
  return { repository, service, routes: escalationRoutes({ escalation: service }) };
}

export type Escalation = ReturnType<typeof createEscalation>;
