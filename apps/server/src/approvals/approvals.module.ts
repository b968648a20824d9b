import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { PublicationsRepository } from '../publishing/publications.repository.ts';
import { createApprovalsRepository } from './approvals.repository.ts';
import { approvalsRoutes } from './approvals.routes.ts';
import { createApprovalsService } from './approvals.service.ts';

/** Wires the approvals: repository, service, routes. */
export function createApprovals(deps: {
  db: Kysely<DB>;
  publications: PublicationsRepository;
  audit: AuditRepository;
  publicUrl: () => string;
  now: () => Date;
}) {
  const service = createApprovalsService({ ...deps, approvals: createApprovalsRepository(deps.db) });
  return { service, routes: approvalsRoutes(service) };
}
