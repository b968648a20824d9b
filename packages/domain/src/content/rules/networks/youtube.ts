/** YouTube: videos and Shorts through a resumable upload (platforms.md §8.2). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, gigabyte, mimeTypes } from './shared.ts';

const metadata: Rule[] = [
  { kind: 'required', field: 'title', source: 'platforms.md §8.2 snippet.title (YouTube requires a title)' },
  {
    kind: 'text_length',
    field: 'title',
    counting: 'code_points',
    max: 100,
    source: 'platforms.md §8.2 title ≤100 characters (K)',
  },
  {
    kind: 'forbidden_characters',
    field: 'title',
    characters: '<>',
    source: 'platforms.md §8.2 title: no < or > (K)',
  },
  {
    kind: 'text_length',
    field: 'text',
    counting: 'utf8_bytes',
    max: 5000,
    source: 'platforms.md §8.2 description ≤5,000 bytes (K)',
  },
  {
    kind: 'forbidden_characters',
    field: 'text',
    characters: '<>',
    source: 'platforms.md §8.2 description: no < or > (K)',
  },
  { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §0.2 YouTube: 1 video' },
  {
    kind: 'media_type',
    accept: [mimeTypes.mp4, mimeTypes.mov, mimeTypes.webm, 'video/x-msvideo', 'video/mpeg', 'video/x-matroska'],
    source: 'YouTube Help "Supported file formats" (K: MP4, MOV, WebM, AVI, MPEG, MKV among others)',
  },
  { kind: 'media_bytes', kinds: ['video'], max: 256 * gigabyte, source: 'platforms.md §8.2 file ≤256 GB (K)' },
];

export const youtubeRules: NetworkRules = {
  name: 'YouTube',
  formats: {
    video: format(
      {},
      metadata,
      { kind: 'media_duration', kinds: ['video'], max: 12 * 3600, source: 'platforms.md §8.2 file ≤12 h (K)' },
      {
        kind: 'media_duration',
        kinds: ['video'],
        max: 15 * 60,
        severity: 'warning',
        source: 'platforms.md §8.2 over 15 min needs a verified account (K)',
      },
    ),
    short: format(
      {},
      metadata,
      {
        kind: 'media_duration',
        kinds: ['video'],
        max: 180,
        source: 'platforms.md §8.2 Shorts ≤3 min (⚠ 60 s before Oct 2024)',
      },
      {
        kind: 'aspect_ratio',
        kinds: ['video'],
        min: 0,
        max: 1,
        label: '≤1:1 (vertical or square)',
        source: 'platforms.md §8.2 Shorts: a vertical or square video',
      },
    ),
  },
};
