import { createReadStream } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import {
  MediaFileQuery,
  MediaImportBody,
  MediaList,
  MediaListQuery,
  MediaParams,
  MediaPublicParams,
  MediaRenditionParams,
  MediaUpdateBody,
  MediaUploadBody,
  MediaUploadResult,
  MediaAssetView,
  Ok,
  WorkspaceParams,
} from '@sillage/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { AppError, notFound } from '../http/errors.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { MediaAsset, MediaRendition } from './media.repository.ts';
import { mediaTooLarge, type MediaService, type StoredFile } from './media.service.ts';

const base = '/api/workspaces/:workspaceId/media';

/** A Content-Disposition value with an ASCII fallback and the UTF-8 name (RFC 6266). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams a stored file with its sniffed type, never sniffed again by the browser. */
function sendFile(reply: FastifyReply, file: StoredFile, options: { download: boolean; cache: string }) {
  reply
    .type(file.mimeType)
    .header('content-length', String(file.bytes))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', options.cache)
    .header('content-disposition', disposition(options.download ? 'attachment' : 'inline', file.name));
  return reply.send(createReadStream(file.path)) as never;
}

export function presentMedia(
  asset: MediaAsset,
  renditions: readonly MediaRendition[],
  publicUrlOf: (asset: MediaAsset) => string,
): z.input<typeof MediaAssetView> {
  const self = `/api/workspaces/${asset.workspaceId}/media/${asset.id}`;
  return {
    id: asset.id,
    kind: asset.kind,
    mimeType: asset.mimeType,
    byteLength: asset.byteLength,
    width: asset.width,
    height: asset.height,
    durationSeconds: asset.durationSeconds,
    altText: asset.altText,
    tags: asset.tags,
    originalName: asset.originalName,
    sourceUrl: asset.sourceUrl,
    uploadedBy: asset.uploadedBy,
    createdAt: asset.createdAt.toISOString(),
    fileUrl: `${self}/file`,
    thumbnailUrl: asset.thumbnailSha256 ? `${self}/thumbnail` : null,
    publicUrl: publicUrlOf(asset),
    renditions: renditions.map((rendition) => ({
      aspect: rendition.aspect as never,
      mimeType: rendition.mimeType,
      byteLength: rendition.byteLength,
      width: rendition.width,
      height: rendition.height,
      url: `${self}/renditions/${rendition.aspect}`,
    })),
  };
}

/** Reads the multipart upload: its text fields, then the file streamed to a temporary file within the size limit. */
async function receiveUpload(request: FastifyRequest, media: MediaService) {
  if (!request.isMultipart())
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the file as multipart/form-data with a "file" part (altText and tags fields first).',
    );
  const part = await request.file({ limits: { fileSize: media.maxBytes, files: 1, fields: 10, fieldSize: 4096 } });
  if (!part) throw new AppError(400, 'file_missing', 'Add the file to upload in a "file" part.');
  const field = (name: string) => {
    const value = part.fields[name];
    const single = Array.isArray(value) ? value[0] : value;
    return single && 'value' in single && typeof single.value === 'string' ? single.value : undefined;
  };
  const temporary = await media.tempPath();
  try {
    await pipeline(part.file, createWriteStream(temporary));
  } catch (error) {
    await media.discard(temporary);
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw mediaTooLarge(media.maxBytes);
    throw error;
  }
  if (part.file.truncated) {
    await media.discard(temporary);
    throw mediaTooLarge(media.maxBytes);
  }
  return {
    temporary,
    originalName: part.filename || 'upload',
    altText: field('altText'),
    tags: (field('tags') ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

/** The media library's routes: list and search, upload, import from a URL, edit, delete, and the files. */
export function mediaRoutes(deps: { media: MediaService }): RouteDefinition[] {
  const { media } = deps;
  const present = async (asset: MediaAsset) =>
    presentMedia(asset, await media.renditionsOf(asset.workspaceId, asset.id), (item) => media.publicUrlOf(item));
  return [
    defineRoute({
      method: 'GET',
      url: base,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'The media library, newest first; `search` matches names, alt texts and tags, `kind` filters',
      params: WorkspaceParams,
      query: MediaListQuery,
      response: MediaList,
      handler: async ({ params, query }) => ({
        media: await Promise.all(
          (await media.list(params.workspaceId, { search: query.search, kind: query.kind, limit: query.limit })).map(
            present,
          ),
        ),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: base,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.write' },
      status: 201,
      summary:
        'Upload a picture, video or PDF (multipart): judged by its content (SVG, HTML and polyglots refused, 415), 413 over the size limit',
      params: WorkspaceParams,
      body: MediaUploadBody,
      response: MediaUploadResult,
      handler: async (context) => {
        const upload = await receiveUpload(context.request, media);
        const result = await media.upload(actorOf(context), upload.temporary, {
          originalName: upload.originalName,
          ...(upload.altText !== undefined ? { altText: upload.altText } : {}),
          tags: upload.tags,
        });
        return { media: await present(result.asset), duplicate: result.duplicate };
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/import`,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.write' },
      status: 201,
      summary:
        'Import a file from a public http(s) URL (private, local and reserved addresses refused, redirects checked)',
      params: WorkspaceParams,
      body: MediaImportBody,
      response: MediaUploadResult,
      handler: async (context) => {
        const result = await media.importFromUrl(actorOf(context), {
          url: context.body.url,
          ...(context.body.altText !== undefined ? { altText: context.body.altText } : {}),
          ...(context.body.tags !== undefined ? { tags: context.body.tags } : {}),
        });
        return { media: await present(result.asset), duplicate: result.duplicate };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/:mediaId`,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.read' },
      summary: 'One media with its metadata and renditions',
      params: MediaParams,
      response: MediaAssetView,
      handler: async ({ params }) => present(await media.get(params.workspaceId, params.mediaId)),
    }),
    defineRoute({
      method: 'PATCH',
      url: `${base}/:mediaId`,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.write' },
      summary: 'Edit a media’s alt text and tags',
      params: MediaParams,
      body: MediaUpdateBody,
      response: MediaAssetView,
      handler: async (context) =>
        present(
          await media.update(actorOf(context), context.params.mediaId, {
            altText: context.body.altText,
            tags: context.body.tags,
          }),
        ),
    }),
    defineRoute({
      method: 'DELETE',
      url: `${base}/:mediaId`,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.write' },
      summary: 'Delete a media and its renditions (409 while a post in review, approved or scheduled uses it)',
      params: MediaParams,
      response: Ok,
      handler: async (context) => {
        await media.remove(actorOf(context), context.params.mediaId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/:mediaId/file`,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.read' },
      produces: 'application/octet-stream',
      summary: 'The original file with its sniffed type (`download=1` for an attachment)',
      params: MediaParams,
      query: MediaFileQuery,
      response: z.string(),
      handler: async ({ params, query, reply }) =>
        sendFile(reply, await media.original(params.workspaceId, params.mediaId), {
          download: query.download !== undefined,
          cache: 'private, max-age=3600',
        }),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/:mediaId/thumbnail`,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.read' },
      produces: 'image/jpeg',
      summary: 'A JPEG thumbnail (320 px) of a picture or of a video’s first second; 404 for documents',
      params: MediaParams,
      response: z.string(),
      handler: async ({ params, reply }) =>
        sendFile(reply, await media.thumbnail(params.workspaceId, params.mediaId), {
          download: false,
          cache: 'private, max-age=86400',
        }),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/:mediaId/renditions/:aspect`,
      tag: 'Media',
      access: { kind: 'workspace', permission: 'content.read' },
      produces: 'application/octet-stream',
      summary: 'The media cropped at the centre and resized to an aspect ratio (made on first request, then kept)',
      params: MediaRenditionParams,
      query: MediaFileQuery,
      response: z.string(),
      handler: async ({ params, query, reply }) =>
        sendFile(reply, await media.rendition(params.workspaceId, params.mediaId, params.aspect), {
          download: query.download !== undefined,
          cache: 'private, max-age=86400',
        }),
    }),
    defineRoute({
      method: 'GET',
      url: '/media/:mediaToken',
      tag: 'Media',
      access: { kind: 'public' },
      produces: 'application/octet-stream',
      summary: 'A media by its signed address, for the networks that fetch it when publishing',
      params: MediaPublicParams,
      response: z.string(),
      handler: async ({ params, reply }) => {
        const file = await media.bySignedToken(params.mediaToken);
        if (!file) throw notFound('media');
        return sendFile(reply, file, { download: false, cache: 'public, max-age=86400' });
      },
    }),
  ];
}
