import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ApprovalsService } from '../approvals/approvals.service.ts';
import type { Listening } from '../listening/listening.module.ts';
import type { PostsService } from '../publishing/posts.service.ts';
import type { PublicationsRepository } from '../publishing/publications.repository.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { createCrisisFigures } from './crisis-figures.ts';
import { createCrisisRepository } from './crisis.repository.ts';
import { crisisRoutes } from './crisis.routes.ts';
import { createCrisisService } from './crisis.service.ts';
import { createHoldingStatements } from './holding-statements.ts';
import { createPublishingPause } from './publishing-pause.ts';

/** Wires crisis management: the room, holding statements (through posts and approvals), the pause, routes. */
export function createCrisis(deps: {
  db: Kysely<DB>;
  listening: Pick<Listening, 'queries' | 'alerts'>;
  posts: PostsService;
  publications: PublicationsRepository;
  approvals: ApprovalsService;
  audit: AuditRepository;
  now: () => Date;
}) {
  const { db, audit, now } = deps;
  const crises = createCrisisRepository(db);
  const statements = createHoldingStatements({
    db,
    crises,
    posts: deps.posts,
    publications: deps.publications,
    approvals: deps.approvals,
    audit,
    now,
  });
  const service = createCrisisService({
    db,
    crises,
    figures: createCrisisFigures(db),
    statements,
    queries: deps.listening.queries,
    alerts: deps.listening.alerts,
    audit,
    now,
  });
  const pause = createPublishingPause({ db, crises, audit, now });
  return { crises, service, statements, pause, routes: crisisRoutes({ crisis: service, statements, pause }) };
}

export type Crisis = ReturnType<typeof createCrisis>;
