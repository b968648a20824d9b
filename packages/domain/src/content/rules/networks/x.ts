/** X: text, image, multi-image, video, thread and link posts (platforms.md §6.3). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, megabyte, mimeTypes } from './shared.ts';

const text: Rule = {
  kind: 'text_length',
  field: 'text',
  counting: 'x_weighted',
  max: 280,
  configurableAs: 'maxCharacters',
  source: 'platforms.md §6.3 280 weighted characters (twitter-text v3); paid long posts up to 25,000 ⚠',
};
const stillTypes = [mimeTypes.jpeg, mimeTypes.png, mimeTypes.webp];
const stillBytes: Rule = {
  kind: 'media_bytes',
  kinds: ['image'],
  max: 5 * megabyte,
  source: 'platforms.md §6.3 Image ≤5 MB (K ⚠)',
};
const gifBytes: Rule = {
  kind: 'media_bytes',
  kinds: ['gif'],
  max: 15 * megabyte,
  source: 'platforms.md §6.3 GIF ≤15 MB (K ⚠)',
};
const videoRules: Rule[] = [
  { kind: 'media_bytes', kinds: ['video'], max: 512 * megabyte, source: 'platforms.md §6.3 Video ≤512 MB (K ⚠)' },
  {
    kind: 'media_duration',
    kinds: ['video'],
    min: 0.5,
    max: 140,
    configurableAs: 'maxVideoSeconds',
    source: 'platforms.md §6.3 Video 0.5–140 s standard, longer for paid tiers (K ⚠)',
  },
  {
    kind: 'dimensions',
    kinds: ['video'],
    maxPixels: 1920 * 1200,
    source: 'platforms.md §6.3 Video ≤1920×1200 (K ⚠)',
  },
];
const anyMedia: Rule[] = [
  { kind: 'media_count', min: 0, max: 4, source: 'platforms.md §6.3 media_ids 1–4 (spec)' },
  {
    kind: 'media_type',
    accept: [...stillTypes, mimeTypes.gif, mimeTypes.mp4, mimeTypes.mov],
    source: 'platforms.md §6.3 MIME types accepted at initialize (spec); photos JPEG/PNG/WEBP (K)',
  },
  { kind: 'media_alone', kinds: ['video', 'gif'], source: 'platforms.md §6.3 up to 4 photos, or 1 GIF, or 1 video' },
  stillBytes,
  gifBytes,
  ...videoRules,
];
// X builds the link card from a URL in the text; the post has no separate link (platforms.md §6.3 request fields).
const features = { firstComment: true };

export const xRules: NetworkRules = {
  name: 'X',
  formats: {
    text: format(
      features,
      text,
      { kind: 'required', field: 'text', source: 'platforms.md §6.3 text required unless media is present' },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §6.3 a text post has no media' },
    ),
    image: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §6.3 one photo or one GIF' },
      {
        kind: 'media_type',
        accept: [...stillTypes, mimeTypes.gif],
        source: 'platforms.md §6.3 photos JPEG/PNG/WEBP, GIF (K)',
      },
      stillBytes,
      gifBytes,
    ),
    multi_image: format(
      features,
      text,
      { kind: 'media_count', min: 2, max: 4, source: 'platforms.md §6.3 up to 4 photos (media_ids 1–4)' },
      { kind: 'media_type', accept: stillTypes, source: 'platforms.md §6.3 photos JPEG/PNG/WEBP; a GIF goes alone' },
      stillBytes,
    ),
    video: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §6.3 1 video' },
      {
        kind: 'media_type',
        accept: [mimeTypes.mp4, mimeTypes.mov],
        source: 'platforms.md §6.3 video/mp4, video/quicktime',
      },
      videoRules,
    ),
    thread: format(
      { ...features, threadParts: true },
      text,
      {
        kind: 'required_one_of',
        fields: ['text', 'media'],
        source: 'platforms.md §6.3 text required unless media is present (each part)',
      },
      anyMedia,
      { kind: 'thread_parts', min: 1, source: 'platforms.md §6.3 reply.in_reply_to_tweet_id chains the parts' },
    ),
    link: format(
      features,
      text,
      {
        kind: 'link_in_text',
        source: 'platforms.md §6.3 POST /2/tweets has no link field: the card comes from a URL in text (counted 23)',
      },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §6.3 a link card shows when the post has no media' },
    ),
  },
};
