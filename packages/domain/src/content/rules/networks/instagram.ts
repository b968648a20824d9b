/** Instagram (professional accounts): feed image, carousel, reel, story (platforms.md §3.2 and §3.3). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, megabyte, mimeTypes, ratio } from './shared.ts';

const caption: Rule[] = [
  {
    kind: 'text_length',
    field: 'text',
    counting: 'utf16',
    max: 2200,
    source: 'platforms.md §3.3 Caption ≤2,200 chars',
  },
  { kind: 'hashtags', max: 30, source: 'platforms.md §3.3 Caption ≤30 hashtags (K, widely documented)' },
  { kind: 'mentions', max: 20, source: 'platforms.md §3.3 Caption ≤20 @mentions (K, widely documented)' },
];
const feedImage: Rule[] = [
  { kind: 'media_bytes', kinds: ['image'], max: 8 * megabyte, source: 'platforms.md §3.3 Feed image ≤8 MB' },
  {
    kind: 'aspect_ratio',
    kinds: ['image'],
    min: ratio(4, 5),
    max: ratio(1.91, 1),
    label: '4:5–1.91:1',
    source: 'platforms.md §3.3 Feed image aspect 4:5–1.91:1',
  },
  {
    kind: 'dimensions',
    kinds: ['image'],
    minWidth: 320,
    maxWidth: 1440,
    severity: 'warning',
    source: 'platforms.md §3.3 Feed image width 320–1440 px (scaled by Instagram outside it)',
  },
];
const videoTypes = [mimeTypes.mp4, mimeTypes.mov];
const vertical: Rule = {
  kind: 'aspect_ratio',
  kinds: ['image', 'video'],
  min: ratio(9, 16),
  max: ratio(9, 16),
  label: '9:16',
  severity: 'warning',
  source: 'platforms.md §3.3 9:16 recommended',
};
const features = { firstComment: true };

export const instagramRules: NetworkRules = {
  name: 'Instagram',
  formats: {
    image: format(
      features,
      caption,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §3.2 Single image container' },
      {
        kind: 'media_type',
        accept: [mimeTypes.jpeg],
        source: 'platforms.md §3.3 Feed image JPEG (official API spec); videos are published as reels',
      },
      feedImage,
    ),
    carousel: format(
      features,
      caption,
      { kind: 'media_count', min: 2, max: 10, source: 'platforms.md §3.3 Carousel 2–10 children via the API' },
      {
        kind: 'media_type',
        accept: [mimeTypes.jpeg, ...videoTypes],
        source: 'platforms.md §3.2 Carousel child: image_url (JPEG) or media_type=VIDEO',
      },
      feedImage,
      {
        kind: 'media_duration',
        kinds: ['video'],
        max: 60,
        source: 'platforms.md §3.3 Carousel video child ≤60 s ⚠',
      },
    ),
    reel: format(
      features,
      caption,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §3.2 Reel container (one video_url)' },
      { kind: 'media_type', accept: videoTypes, source: 'platforms.md §3.3 Reel MOV/MP4' },
      {
        kind: 'media_duration',
        kinds: ['video'],
        min: 3,
        max: 15 * 60,
        source: 'platforms.md §3.3 Reel 3 s–15 min',
      },
      {
        kind: 'media_bytes',
        kinds: ['video'],
        max: 300 * megabyte,
        source: 'platforms.md §3.3 Reel ≤300 MB (Meta spec) ⚠ some guides say 1 GB',
      },
      {
        kind: 'dimensions',
        kinds: ['video'],
        maxWidth: 1920,
        source: 'platforms.md §3.3 Reel ≤1920 px wide',
      },
      vertical,
    ),
    // platforms.md §3.2: a Story container takes no caption, so the text is not shown.
    story: format(
      { text: false },
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §3.2 Story container (image_url or video_url)' },
      {
        kind: 'media_type',
        accept: [mimeTypes.jpeg, ...videoTypes],
        source: 'platforms.md §3.3 Story image JPEG, video MOV/MP4',
      },
      { kind: 'media_bytes', kinds: ['image'], max: 8 * megabyte, source: 'platforms.md §3.3 Story image ≤8 MB' },
      { kind: 'media_bytes', kinds: ['video'], max: 100 * megabyte, source: 'platforms.md §3.3 Story video ≤100 MB' },
      {
        kind: 'media_duration',
        kinds: ['video'],
        min: 3,
        max: 60,
        source: 'platforms.md §3.3 Story video 3–60 s',
      },
      vertical,
    ),
  },
};
