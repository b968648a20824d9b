import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { createPlansRepository } from './plans.repository.ts';
import { plansRoutes } from './plans.routes.ts';
import { createPlansService } from './plans.service.ts';

/** Wires the strategy pillar: the SMM plan's repository, service and routes. */
export function createStrategy(deps: { db: Kysely<DB>; audit: AuditRepository; now: () => Date }) {
  const plans = createPlansService({ ...deps, plans: createPlansRepository(deps.db) });
  return { plans, routes: plansRoutes(plans) };
}
