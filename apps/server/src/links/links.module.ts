import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import type { WorkspacesRepository } from '../repositories/workspaces.repository.ts';
import type { RateLimitService } from '../services/rate-limit.service.ts';
import { conversionsRoutes } from './conversions.routes.ts';
import { createConversionsRepository } from './conversions.repository.ts';
import { createConversionsService } from './conversions.service.ts';
import { linksRoutes } from './links.routes.ts';
import { createLinksRepository } from './links.repository.ts';
import { createLinksService } from './links.service.ts';
import { createSiteKeysRepository } from './site-keys.repository.ts';

/** Wires tracked links and conversions: repositories, services and routes (called from the composition). */
export function createLinks(options: {
  db: Kysely<DB>;
  audit: AuditRepository;
  workspaces: WorkspacesRepository;
  rateLimit: RateLimitService;
  secretKey: Buffer;
  publicUrl: () => string;
  secureCookies: boolean;
  now: () => Date;
}) {
  const repository = createLinksRepository(options.db);
  const siteKeys = createSiteKeysRepository(options.db);
  const conversionsRepository = createConversionsRepository(options.db);
  const service = createLinksService({
    db: options.db,
    links: repository,
    audit: options.audit,
    secretKey: options.secretKey,
    now: options.now,
  });
  const conversions = createConversionsService({
    db: options.db,
    siteKeys,
    conversions: conversionsRepository,
    links: repository,
    workspaces: options.workspaces,
    audit: options.audit,
    rateLimit: options.rateLimit,
    now: options.now,
  });
  return {
    repository,
    service,
    conversions,
    routes: [
      ...linksRoutes({ links: service, publicUrl: options.publicUrl, secureCookies: options.secureCookies }),
      ...conversionsRoutes({ conversions, publicUrl: options.publicUrl }),
    ],
  };
}

export type Links = ReturnType<typeof createLinks>;

/**
 * What the conversion endpoint needs of the HTTP layer beyond its routes: CSV bodies for the import, and the
 * CORS preflight of browsers that post JSON (the snippet itself sends text/plain, which needs none). The
 * preflight allows any origin: the POST itself checks the origin against the site key's list.
 */
export function registerLinksHttp(app: FastifyInstance): void {
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'OPTIONS' || request.url.split('?')[0] !== '/api/conversions') return;
    const origin = request.headers.origin;
    await reply
      .code(204)
      .header('access-control-allow-origin', typeof origin === 'string' ? origin : '*')
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .header('vary', 'Origin')
      .send();
  });
}
