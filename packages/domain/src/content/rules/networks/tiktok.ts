/** TikTok: video posts and photo posts through the Content Posting API (platforms.md §7.2). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, gigabyte, megabyte, mimeTypes, ratio } from './shared.ts';

const privacy: Rule = {
  kind: 'option_values',
  option: 'privacyLevel',
  values: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'],
  source: 'platforms.md §7.2 privacy_level_options of creator_info',
};
const videoRules: Rule[] = [
  {
    kind: 'text_length',
    field: 'text',
    counting: 'utf16',
    max: 2200,
    source: 'platforms.md §7.2 video title (the caption) ≤2,200 UTF-16 runes',
  },
  { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §0.2 TikTok: one video' },
  {
    kind: 'media_type',
    accept: [mimeTypes.mp4, mimeTypes.webm, mimeTypes.mov],
    source: 'platforms.md §7.2 Video MP4 (recommended) / WebM / MOV',
  },
  { kind: 'media_bytes', kinds: ['video'], max: 4 * gigabyte, source: 'platforms.md §7.2 Video ≤4 GB (K)' },
  {
    kind: 'media_duration',
    kinds: ['video'],
    max: 600,
    configurableAs: 'maxVideoSeconds',
    source: "platforms.md §7.2 duration ≤ the creator's max_video_post_duration_sec (usually ≤10 min)",
  },
  {
    kind: 'dimensions',
    kinds: ['video'],
    minWidth: 360,
    maxWidth: 4096,
    minHeight: 360,
    maxHeight: 4096,
    source: 'platforms.md §7.2 Video each side 360–4096 px',
  },
  {
    kind: 'aspect_ratio',
    kinds: ['video'],
    min: ratio(9, 16),
    max: ratio(9, 16),
    label: '9:16',
    severity: 'warning',
    source: 'platforms.md §7.2 9:16 is recommended',
  },
  privacy,
];
const photoRules = (min: number): Rule[] => [
  {
    kind: 'text_length',
    field: 'text',
    counting: 'code_points',
    max: 4000,
    source: 'platforms.md §7.2 photo description ≤4,000 runes',
  },
  {
    kind: 'text_length',
    field: 'title',
    counting: 'code_points',
    max: 90,
    source: 'platforms.md §7.2 photo title ≤90 runes',
  },
  {
    kind: 'media_count',
    min,
    max: min === 1 ? 1 : 35,
    source: 'platforms.md §7.2 Photo ≤35 images',
  },
  {
    kind: 'media_type',
    accept: [mimeTypes.jpeg, mimeTypes.webp],
    source: 'platforms.md §7.2 Photo JPEG/JPG/WEBP, PNG rejected',
  },
  { kind: 'media_bytes', kinds: ['image'], max: 20 * megabyte, source: 'platforms.md §7.2 Photo ≤20 MB each (K)' },
  privacy,
];

export const tiktokRules: NetworkRules = {
  name: 'TikTok',
  formats: {
    video: format({}, videoRules),
    short: format({}, videoRules),
    image: format({}, photoRules(1)),
    multi_image: format({}, photoRules(2)),
    carousel: format({}, photoRules(2)),
  },
};
