import { z } from 'zod';
import { Id, Instant } from './common.ts';

export const mediaKinds = ['image', 'video', 'document'] as const;
export const MediaKind = z.enum(mediaKinds);
/** The aspect ratios renditions are cropped to (1.91x1 is 1.91:1). */
export const mediaAspects = ['1x1', '4x5', '9x16', '1.91x1', '16x9'] as const;
export const MediaAspect = z.enum(mediaAspects);

const Tag = z.string().trim().min(1, 'A tag cannot be empty').max(50, 'Use at most 50 characters per tag');
const AltText = z.string().max(2000, 'Use at most 2,000 characters of alt text');

export const MediaParams = z.object({ workspaceId: Id, mediaId: Id });
export const MediaRenditionParams = z.object({ workspaceId: Id, mediaId: Id, aspect: MediaAspect });
export const MediaPublicParams = z.object({ mediaToken: z.string().min(40).max(100) });

export const MediaListQuery = z.object({
  search: z.string().max(200).optional().meta({ description: 'Words matched in the name, alt text and tags' }),
  kind: MediaKind.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const MediaFileQuery = z.object({
  download: z
    .enum(['1', 'true'])
    .optional()
    .meta({ description: 'Answer as an attachment (Content-Disposition) instead of inline' }),
});

export const MediaRenditionView = z
  .object({
    aspect: MediaAspect,
    mimeType: z.string(),
    byteLength: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    url: z.string(),
  })
  .meta({ id: 'MediaRendition' });

export const MediaAssetView = z
  .object({
    id: Id,
    kind: MediaKind,
    mimeType: z.string().meta({ description: 'Sniffed from the content' }),
    byteLength: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    durationSeconds: z.number().nullable(),
    altText: z.string(),
    tags: z.array(z.string()),
    originalName: z.string(),
    sourceUrl: z.string().nullable(),
    uploadedBy: Id.nullable(),
    createdAt: Instant,
    fileUrl: z.string().meta({ description: 'The original, for signed-in members' }),
    thumbnailUrl: z.string().nullable(),
    publicUrl: z.string().meta({ description: 'A signed address networks fetch the file from when publishing' }),
    renditions: z.array(MediaRenditionView),
  })
  .meta({ id: 'MediaAsset' });
export type MediaAssetView = z.infer<typeof MediaAssetView>;

export const MediaList = z.object({ media: z.array(MediaAssetView) }).meta({ id: 'MediaList' });

export const MediaUploadResult = z
  .object({
    media: MediaAssetView,
    duplicate: z.boolean().meta({ description: 'The same content was already in the library: that entry is returned' }),
  })
  .meta({ id: 'MediaUploadResult' });

/** The upload's body is multipart/form-data: `altText` and `tags` (comma-separated) fields, then one `file` part. */
export const MediaUploadBody = z.object({}).meta({
  id: 'MediaUploadForm',
  description:
    'Send multipart/form-data: optional `altText` and `tags` (comma-separated) fields first, then one `file` part (JPEG, PNG, GIF, WebP, MP4, MOV or PDF; judged by content).',
});

export const MediaImportBody = z
  .object({
    url: z.string().trim().min(1, 'Paste the address of the file').max(2000),
    altText: AltText.optional(),
    tags: z.array(Tag).max(30).optional(),
  })
  .meta({ id: 'MediaImport' });

export const MediaUpdateBody = z
  .object({ altText: AltText.optional(), tags: z.array(Tag).max(30, 'Use at most 30 tags').optional() })
  .refine((body) => body.altText !== undefined || body.tags !== undefined, {
    message: 'Send altText, tags or both',
  })
  .meta({ id: 'MediaUpdate' });
