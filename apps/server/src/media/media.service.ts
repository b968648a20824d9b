import { createHmac } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { safeEqual } from '../security/tokens.ts';
import type { ActorInWorkspace } from '../services/workspaces.service.ts';
import { makeRendition, makeThumbnail, probeAgrees, probeFile } from './ffmpeg.ts';
import type { MediaAsset, MediaRendition, MediaRepository } from './media.repository.ts';
import type { MediaStorage } from './media-storage.ts';
import { planRendition, renditionAspects, type RenditionAspect } from './renditions.ts';
import { RemoteFetchError, safeFetchToFile, type Resolver } from './safe-fetch.ts';
import { extensionOf, kindOf, sniffFile, type AcceptedMediaType } from './sniff.ts';

export type RemoteOptions = {
  /** The DNS resolver (tests map a public-looking name to their own server). */
  resolve?: Resolver;
  /** Which resolved addresses may be reached (public unicast by default). */
  permitAddress?: (address: string, port: number, hostname: string) => boolean;
  timeoutMs?: number;
};

export type IngestInput = { originalName: string; altText?: string; tags?: string[]; sourceUrl?: string | null };
export type StoredFile = { path: string; mimeType: string; bytes: number; name: string };

const MAX_PIXELS = 100_000_000;

const refused = (message: string, reason: string) => new AppError(415, 'media_refused', message, { reason });

/** A name safe to show and to put in a Content-Disposition header: no folders, no control characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'media').slice(0, 200);
}

/** Tags as stored: trimmed, without a leading #, lowercase, unique, at most 30. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [
    ...new Set(
      tags
        .map((tag) => tag.trim().replace(/^#+/, '').toLowerCase())
        .filter((tag) => tag.length > 0)
        .map((tag) => tag.slice(0, 50)),
    ),
  ].slice(0, 30);
}

/**
 * The media library: files checked by their content (sniffed, then read by ffprobe, which must agree), described
 * (dimensions, duration, thumbnail), stored by hash per workspace, cropped for each network's aspect ratio on
 * demand, imported from public URLs only, and deleted unless a post on its way out still uses them.
 */
export function createMediaService(deps: {
  db: Kysely<DB>;
  repository: MediaRepository;
  storage: MediaStorage;
  audit: AuditRepository;
  secretKey: Buffer;
  maxBytes: number;
  remote?: RemoteOptions;
  publicUrl: () => string;
  now: () => Date;
}) {
  const { db, repository, storage, audit, now } = deps;
  // A key for media links only, derived from the instance key (never the key itself).
  const linkKey = createHmac('sha256', deps.secretKey).update('sillage:media-link').digest();
  const signatureOf = (workspaceId: string, id: string) =>
    createHmac('sha256', linkKey).update(`${workspaceId}:${id}`).digest('base64url').slice(0, 32);

  const auditEntry = (actor: ActorInWorkspace, action: string, targetId: string, details: Record<string, unknown>) => ({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action,
    targetType: 'media',
    targetId,
    ip: actor.ip,
    outcome: 'success' as const,
    details,
  });

  /** Checks a temporary file, describes it and keeps it; the temporary file is gone afterwards either way. */
  async function ingest(
    workspaceId: string,
    actor: ActorInWorkspace | undefined,
    temporary: string,
    input: IngestInput,
  ): Promise<{ asset: MediaAsset; duplicate: boolean }> {
    let thumbnailTemp: string | undefined;
    try {
      const size = (await stat(temporary)).size;
      if (size > deps.maxBytes) throw tooLarge(deps.maxBytes);
      const sniffed = await sniffFile(temporary);
      if (!sniffed.ok) throw refused(sniffed.message, sniffed.reason);
      const mimeType: AcceptedMediaType = sniffed.mimeType;
      const kind = kindOf(mimeType);
      let probed: Awaited<ReturnType<typeof probeFile>> | undefined;
      if (kind !== 'document') {
        probed = await probeFile(temporary).catch(() => {
          throw refused('The file could not be read as the picture or video it claims to be.', 'unreadable');
        });
        if (!probeAgrees(mimeType, probed))
          throw refused(
            `The file starts like ${mimeType} but reads as ${probed.formatName || 'something else'}: it is refused.`,
            'polyglot',
          );
        if (!probed.width || !probed.height) throw refused('The picture or video has no readable size.', 'unreadable');
        // A picture this large would take gigabytes to decode for its thumbnail (a "decompression bomb").
        if (probed.width * probed.height > MAX_PIXELS || probed.width > 16_384 || probed.height > 16_384)
          throw refused(
            `The picture is ${probed.width}×${probed.height} pixels; the library accepts up to 16,384 pixels a side and 100 megapixels.`,
            'dimensions',
          );
        if (kind === 'video' && !probed.durationSeconds)
          throw refused('The video has no readable duration.', 'unreadable');
      }
      const kept = await storage.keep(workspaceId, temporary);
      const existing = await repository.findBySha(workspaceId, kept.sha256);
      if (existing) return { asset: existing, duplicate: true };

      let thumbnailSha256: string | null = null;
      try {
        if (kind !== 'document') {
          thumbnailTemp = await storage.tempPath();
          await makeThumbnail(storage.pathOf(workspaceId, kept.sha256), thumbnailTemp, {
            video: kind === 'video',
            ...(probed?.durationSeconds ? { durationSeconds: probed.durationSeconds } : {}),
          });
          thumbnailSha256 = (await storage.keep(workspaceId, thumbnailTemp)).sha256;
          thumbnailTemp = undefined;
        }
        const asset = await db.transaction().execute(async (trx) => {
          const inserted = await repository.insert(
            {
              workspaceId,
              kind,
              mimeType,
              sha256: kept.sha256,
              byteLength: kept.bytes,
              width: probed?.width ?? null,
              height: probed?.height ?? null,
              durationSeconds: kind === 'video' ? (probed?.durationSeconds ?? null) : null,
              thumbnailSha256,
              altText: (input.altText ?? '').trim().slice(0, 2000),
              tags: normalizeTags(input.tags ?? []),
              originalName: cleanName(input.originalName),
              sourceUrl: input.sourceUrl ?? null,
              uploadedBy: actor?.userId ?? null,
              now: now(),
            },
            trx,
          );
          if (actor)
            await audit.insert(
              auditEntry(actor, input.sourceUrl ? 'media.imported' : 'media.uploaded', inserted.id, {
                name: inserted.originalName,
                mimeType,
                bytes: kept.bytes,
                sha256: kept.sha256,
                ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
              }),
              trx,
            );
          return inserted;
        });
        return { asset, duplicate: false };
      } catch (error) {
        // Nothing half-kept: the files written for this upload go unless a row of the workspace uses them.
        for (const hash of [kept.sha256, thumbnailSha256])
          if (hash && !(await repository.contentInUse(workspaceId, hash))) await storage.remove(workspaceId, hash);
        throw error;
      }
    } finally {
      await storage.discard(temporary);
      if (thumbnailTemp) await storage.discard(thumbnailTemp);
    }
  }

  async function mustFind(workspaceId: string, id: string): Promise<MediaAsset> {
    const asset = await repository.find(workspaceId, id);
    if (!asset) throw notFound('media');
    return asset;
  }

  const stored = (workspaceId: string, sha256: string, mimeType: string, bytes: number, name: string) => ({
    path: storage.pathOf(workspaceId, sha256),
    mimeType,
    bytes,
    name,
  });

  return {
    ingest,
    tempPath: () => storage.tempPath(),
    discard: (temporary: string) => storage.discard(temporary),
    maxBytes: deps.maxBytes,

    upload(actor: ActorInWorkspace, temporary: string, input: IngestInput) {
      return ingest(actor.workspaceId, actor, temporary, input);
    },

    /** Downloads a public http(s) URL (see safe-fetch.ts) and ingests it like an upload. */
    async importFromUrl(actor: ActorInWorkspace, input: { url: string; altText?: string; tags?: string[] }) {
      const temporary = await storage.tempPath();
      try {
        const fetched = await safeFetchToFile(input.url, temporary, {
          maxBytes: deps.maxBytes,
          timeoutMs: deps.remote?.timeoutMs ?? 30_000,
          ...(deps.remote?.resolve ? { resolve: deps.remote.resolve } : {}),
          ...(deps.remote?.permitAddress ? { permitAddress: deps.remote.permitAddress } : {}),
        });
        return await ingest(actor.workspaceId, actor, temporary, {
          originalName: fetched.name,
          sourceUrl: input.url,
          ...(input.altText !== undefined ? { altText: input.altText } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
        });
      } catch (error) {
        await storage.discard(temporary);
        if (!(error instanceof RemoteFetchError)) throw error;
        if (error.code === 'too_large') throw tooLarge(deps.maxBytes);
        throw new AppError(400, 'import_refused', error.message, { reason: error.code, path: 'body.url' });
      }
    },

    list: (
      workspaceId: string,
      filter: { search?: string | undefined; kind?: MediaAsset['kind'] | undefined; limit: number },
    ) => repository.list(workspaceId, filter),
    get: mustFind,
    hasContent: async (workspaceId: string, sha256: string) =>
      (await repository.findBySha(workspaceId, sha256)) !== undefined,
    renditionsOf: (workspaceId: string, id: string) => repository.renditions(workspaceId, id),

    async update(
      actor: ActorInWorkspace,
      id: string,
      patch: { altText?: string | undefined; tags?: string[] | undefined },
    ) {
      return db.transaction().execute(async (trx) => {
        const before = await repository.find(actor.workspaceId, id, trx);
        if (!before) throw notFound('media');
        const after = await repository.update(
          actor.workspaceId,
          id,
          {
            ...(patch.altText !== undefined ? { altText: patch.altText.trim() } : {}),
            ...(patch.tags !== undefined ? { tags: normalizeTags(patch.tags) } : {}),
            now: now(),
          },
          trx,
        );
        if (!after) throw notFound('media');
        await audit.insert(
          auditEntry(actor, 'media.updated', id, {
            before: { altText: before.altText, tags: before.tags },
            after: { altText: after.altText, tags: after.tags },
          }),
          trx,
        );
        return after;
      });
    },

    /** Deletes a media and its renditions; refused (409) while a post in review, approved or scheduled uses it. */
    async remove(actor: ActorInWorkspace, id: string): Promise<void> {
      const hashes = await db.transaction().execute(async (trx) => {
        const asset = await repository.find(actor.workspaceId, id, trx);
        if (!asset) throw notFound('media');
        const posts = await repository.usedByPendingPosts(actor.workspaceId, id, trx);
        if (posts.length > 0)
          throw conflict(
            `This media is used by ${posts.length} post(s) waiting to be published; remove it from them first.`,
            { postIds: posts },
          );
        const renditions = await repository.remove(actor.workspaceId, id, trx);
        await audit.insert(
          auditEntry(actor, 'media.deleted', id, { name: asset.originalName, sha256: asset.sha256 }),
          trx,
        );
        return [asset.sha256, asset.thumbnailSha256, ...renditions.map((rendition) => rendition.sha256)].filter(
          (hash): hash is string => hash !== null,
        );
      });
      // Files go once the rows are gone, unless another row still uses the same content.
      for (const hash of new Set(hashes))
        if (!(await repository.contentInUse(actor.workspaceId, hash))) await storage.remove(actor.workspaceId, hash);
    },

    async original(workspaceId: string, id: string): Promise<StoredFile> {
      const asset = await mustFind(workspaceId, id);
      return stored(workspaceId, asset.sha256, asset.mimeType, asset.byteLength, asset.originalName);
    },

    async thumbnail(workspaceId: string, id: string): Promise<StoredFile> {
      const asset = await mustFind(workspaceId, id);
      if (!asset.thumbnailSha256) throw notFound('thumbnail');
      const { size } = await stat(storage.pathOf(workspaceId, asset.thumbnailSha256));
      return stored(workspaceId, asset.thumbnailSha256, 'image/jpeg', size, `thumbnail-${asset.originalName}.jpg`);
    },

    /** The rendition at an aspect ratio, made on first request (centred crop, resized) and kept. */
    async rendition(
      workspaceId: string,
      id: string,
      aspect: RenditionAspect,
    ): Promise<StoredFile & { rendition: MediaRendition }> {
      const asset = await mustFind(workspaceId, id);
      if (asset.kind === 'document' || !asset.width || !asset.height)
        throw new AppError(400, 'no_rendition', 'Only pictures and videos have renditions.');
      const name = `${asset.originalName.replace(/\.[^.]+$/, '')}-${aspect}`;
      let rendition = await repository.findRendition(workspaceId, id, aspect);
      if (!rendition) {
        const plan = planRendition(asset.width, asset.height, aspect);
        const video = asset.kind === 'video';
        const png = asset.mimeType === 'image/png';
        const temporary = await storage.tempPath();
        try {
          await makeRendition(storage.pathOf(workspaceId, asset.sha256), temporary, plan, { video, png });
          const kept = await storage.keep(workspaceId, temporary);
          rendition = await repository.insertRendition({
            workspaceId,
            mediaId: id,
            aspect,
            mimeType: video ? 'video/mp4' : png ? 'image/png' : 'image/jpeg',
            sha256: kept.sha256,
            byteLength: kept.bytes,
            width: plan.width,
            height: plan.height,
          });
        } finally {
          await storage.discard(temporary);
        }
      }
      const extension = extensionOf[rendition.mimeType as AcceptedMediaType] ?? 'bin';
      return {
        ...stored(workspaceId, rendition.sha256, rendition.mimeType, rendition.byteLength, `${name}.${extension}`),
        rendition,
      };
    },

    /** The public, signed address networks fetch a media from (no session: the signature is the credential). */
    publicUrlOf(asset: Pick<MediaAsset, 'id' | 'workspaceId' | 'mimeType'>): string {
      const extension = extensionOf[asset.mimeType as AcceptedMediaType] ?? 'bin';
      return `${deps.publicUrl()}/media/${asset.id}.${signatureOf(asset.workspaceId, asset.id)}.${extension}`;
    },

    /** The media a signed public address names, when its signature is right. */
    async bySignedToken(token: string): Promise<StoredFile | undefined> {
      const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{32})(?:\.[a-z0-9]{2,4})?$/.exec(token);
      if (!match) return undefined;
      const [, id, signature] = match;
      const row = await db.selectFrom('media_assets').select('workspace_id').where('id', '=', id!).executeTakeFirst();
      if (!row || !safeEqual(signature!, signatureOf(row.workspace_id, id!))) return undefined;
      const asset = await repository.find(row.workspace_id, id!);
      return asset
        ? stored(row.workspace_id, asset.sha256, asset.mimeType, asset.byteLength, asset.originalName)
        : undefined;
    },
    aspects: renditionAspects,
  };
}

const tooLarge = (maxBytes: number) =>
  new AppError(
    413,
    'media_too_large',
    `The file is larger than ${Math.floor(maxBytes / 1_048_576)} MB, the largest the media library accepts; compress it or shorten the video.`,
    { maxBytes },
  );

export { tooLarge as mediaTooLarge };
export type MediaService = ReturnType<typeof createMediaService>;
