/** Threads: text, image, video, carousel and thread posts (platforms.md §0.2 and §4.2). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, gigabyte, megabyte, mimeTypes } from './shared.ts';

const text: Rule[] = [
  {
    kind: 'text_length',
    field: 'text',
    counting: 'threads',
    max: 500,
    source: 'platforms.md §4.2 500 characters per post, emoji counted as their UTF-8 bytes',
  },
  { kind: 'links', max: 5, source: 'platforms.md §4.2 at most 5 links per post (K ⚠)' },
  {
    kind: 'hashtags',
    max: 1,
    severity: 'warning',
    source: 'platforms.md §4.2 one topic tag per post ⚠ (further hashtags stay plain text)',
  },
];
const imageRules: Rule[] = [
  { kind: 'media_bytes', kinds: ['image'], max: 8 * megabyte, source: 'platforms.md §4.2 image ≤8 MB (K)' },
  {
    kind: 'dimensions',
    kinds: ['image'],
    minWidth: 320,
    maxWidth: 1440,
    severity: 'warning',
    source: 'platforms.md §4.2 image width 320–1440 (K)',
  },
];
const videoRules: Rule[] = [
  { kind: 'media_bytes', kinds: ['video'], max: gigabyte, source: 'platforms.md §4.2 video ≤1 GB (K)' },
  { kind: 'media_duration', kinds: ['video'], max: 300, source: 'platforms.md §4.2 video ≤5 min (K)' },
];
const anyTypes: Rule = {
  kind: 'media_type',
  accept: [mimeTypes.jpeg, mimeTypes.png, mimeTypes.mp4, mimeTypes.mov],
  source: 'platforms.md §4.2 image JPEG/PNG, video MOV/MP4 (K)',
};
// Threads previews the first URL of the text (platforms.md §4.2); the connector sends no link_attachment.
const features = { firstComment: true };

export const threadsRules: NetworkRules = {
  name: 'Threads',
  formats: {
    text: format(
      features,
      text,
      { kind: 'required', field: 'text', source: 'platforms.md §4.2 media_type TEXT' },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §4.2 media_type TEXT' },
    ),
    image: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §4.2 media_type IMAGE (one image_url)' },
      {
        kind: 'media_type',
        accept: [mimeTypes.jpeg, mimeTypes.png],
        source: 'platforms.md §4.2 image JPEG/PNG (K)',
      },
      imageRules,
    ),
    video: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §4.2 media_type VIDEO (one video_url)' },
      { kind: 'media_type', accept: [mimeTypes.mp4, mimeTypes.mov], source: 'platforms.md §4.2 video MOV/MP4 (K)' },
      videoRules,
    ),
    carousel: format(
      features,
      text,
      { kind: 'media_count', min: 2, max: 20, source: 'platforms.md §4.2 carousel of 2–20 items' },
      anyTypes,
      imageRules,
      videoRules,
    ),
    thread: format(
      { ...features, threadParts: true },
      text,
      {
        kind: 'required_one_of',
        fields: ['text', 'media'],
        source: 'platforms.md §4.2 media_type TEXT needs text, the others media (each part)',
      },
      { kind: 'media_count', min: 0, max: 20, source: 'platforms.md §4.2 carousel of 2–20 items (per part)' },
      anyTypes,
      imageRules,
      videoRules,
      { kind: 'thread_parts', min: 1, source: 'platforms.md §4.2 reply_to_id chains the parts' },
    ),
  },
};
