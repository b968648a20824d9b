import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { mediaRoutes } from './media.routes.ts';
import { createMediaRepository } from './media.repository.ts';
import { createMediaService, type RemoteOptions } from './media.service.ts';
import { createMediaStorage } from './media-storage.ts';

/** What tests replace in the media library: the DNS resolver and address policy of imports. */
export type MediaOverrides = { remote?: RemoteOptions };

/** Wires the media library: storage on disk, repository, service and routes (called from the composition). */
export function createMedia(options: {
  db: Kysely<DB>;
  audit: AuditRepository;
  dir: string;
  maxBytes: number;
  secretKey: Buffer;
  publicUrl: () => string;
  now: () => Date;
  overrides?: MediaOverrides | undefined;
}) {
  const repository = createMediaRepository(options.db);
  const storage = createMediaStorage(options.dir);
  const service = createMediaService({
    db: options.db,
    repository,
    storage,
    audit: options.audit,
    secretKey: options.secretKey,
    maxBytes: options.maxBytes,
    publicUrl: options.publicUrl,
    now: options.now,
    ...(options.overrides?.remote ? { remote: options.overrides.remote } : {}),
  });
  return { repository, storage, service, routes: mediaRoutes({ media: service }) };
}

export type Media = ReturnType<typeof createMedia>;

/** Multipart bodies for uploads: parsed only when a route reads them, so the route's checks come first. */
export async function registerMediaHttp(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { throwFileSizeLimit: true });
}
