/**
 * Mastodon: statuses on an instance, with the upstream defaults; an instance's own `configuration` overrides them
 * through validatePost's `limits` (platforms.md §11.2).
 */
import type { NetworkRules, Rule } from '../types.ts';
import { format, megabyte, mimeTypes } from './shared.ts';

const text: Rule = {
  kind: 'text_length',
  field: 'text',
  counting: 'mastodon',
  max: 500,
  configurableAs: 'maxCharacters',
  source: 'platforms.md §11.2 statuses.max_characters default 500; each URL counts 23 (K ⚠ per instance)',
};
const anyType: Rule = {
  kind: 'media_type',
  accept: [
    mimeTypes.jpeg,
    mimeTypes.png,
    mimeTypes.gif,
    mimeTypes.webp,
    mimeTypes.heic,
    mimeTypes.heif,
    mimeTypes.avif,
    mimeTypes.mp4,
    mimeTypes.mov,
    mimeTypes.webm,
    'video/ogg',
    'audio/mpeg',
    'audio/ogg',
    'audio/wav',
    'audio/flac',
    'audio/mp4',
  ],
  source: 'platforms.md §11.2 media_attachments.supported_mime_types (K: upstream defaults, per instance)',
};
const media: Rule[] = [
  {
    kind: 'media_bytes',
    kinds: ['image', 'gif'],
    max: 16 * megabyte,
    configurableAs: 'maxImageBytes',
    source: 'platforms.md §11.2 image_size_limit default 16 MB (K ⚠)',
  },
  {
    kind: 'media_bytes',
    kinds: ['video', 'audio'],
    max: 99 * megabyte,
    configurableAs: 'maxVideoBytes',
    source: 'platforms.md §11.2 video_size_limit default 99 MB = 103,809,024 B (K ⚠)',
  },
  {
    kind: 'dimensions',
    kinds: ['image'],
    maxPixels: 33_177_600,
    source: 'platforms.md §11.2 image_matrix_limit default 33,177,600 px (K ⚠)',
  },
  {
    kind: 'dimensions',
    kinds: ['video', 'gif'],
    maxPixels: 8_294_400,
    source: 'platforms.md §11.2 video_matrix_limit default 8,294,400 px (K ⚠)',
  },
  {
    kind: 'text_length',
    field: 'media.altText',
    counting: 'graphemes',
    max: 1500,
    source: 'platforms.md §11.2 media description default 1,500 chars (K ⚠)',
  },
  {
    kind: 'media_alone',
    kinds: ['video', 'audio'],
    source: 'Mastodon API docs, POST /api/v1/statuses: a video or audio attachment goes alone (K)',
  },
];
// A single-item format stays single whatever the instance allows; only the maximum of several follows it.
const attachments = (min: number, max: number): Rule => ({
  kind: 'media_count',
  min,
  max,
  ...(max > 1 ? { configurableAs: 'maxMediaItems' as const } : {}),
  source: 'platforms.md §11.2 statuses.max_media_attachments default 4 (K ⚠)',
});
// Mastodon builds the preview card from the first URL of the status; there is no link field (platforms.md §11.2).
const features = { firstComment: true };

export const mastodonRules: NetworkRules = {
  name: 'Mastodon',
  formats: {
    text: format(
      features,
      text,
      { kind: 'required', field: 'text', source: 'platforms.md §11.2 TextStatus: status required' },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §11.2 TextStatus has no media_ids' },
    ),
    image: format(features, text, attachments(1, 1), anyType, media),
    multi_image: format(features, text, attachments(2, 4), anyType, media),
    video: format(features, text, attachments(1, 1), media, {
      kind: 'media_type',
      accept: [mimeTypes.mp4, mimeTypes.mov, mimeTypes.webm, 'video/ogg'],
      source: 'platforms.md §11.2 supported_mime_types, video entries (K)',
    }),
    thread: format(
      { ...features, threadParts: true },
      text,
      {
        kind: 'required_one_of',
        fields: ['text', 'media'],
        source: 'platforms.md §11.2 TextStatus or MediaStatus (each part)',
      },
      attachments(0, 4),
      anyType,
      media,
      { kind: 'thread_parts', min: 1, source: 'platforms.md §11.2 in_reply_to_id chains the parts' },
    ),
    link: format(
      features,
      text,
      {
        kind: 'link_in_text',
        source: 'platforms.md §11.2 POST /api/v1/statuses has no link field: the card comes from the first URL (K)',
      },
      {
        kind: 'media_count',
        min: 0,
        max: 0,
        source: 'Mastodon docs, PreviewCard: no card on a status with media attachments (K)',
      },
    ),
  },
};
