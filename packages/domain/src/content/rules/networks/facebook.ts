/** Facebook Pages: text, link, photo, multi-photo and video posts (platforms.md §0.2 and §2.2). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, gigabyte, megabyte, mimeTypes } from './shared.ts';

const text: Rule = {
  kind: 'text_length',
  field: 'text',
  counting: 'utf16',
  max: 63_206,
  source: 'platforms.md §0.2 Facebook Page text limit (K)',
};
const imageTypes: Rule = {
  kind: 'media_type',
  accept: [mimeTypes.jpeg, mimeTypes.png, mimeTypes.gif, mimeTypes.bmp, mimeTypes.tiff],
  source: 'platforms.md §0.2 Facebook image JPEG/PNG/GIF/… (K)',
};
const imageBytes: Rule = {
  kind: 'media_bytes',
  kinds: ['image', 'gif'],
  max: 10 * megabyte,
  source: 'platforms.md §0.2 Facebook image ≤10 MB (K)',
};
const noMedia: Rule = { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §2.2 /feed text and link posts' };
// The connector sends `link` on link posts only (POST /{page-id}/feed link); other formats carry no link card.
const features = { firstComment: true };
const withLink = { ...features, link: true };

export const facebookRules: NetworkRules = {
  name: 'Facebook',
  formats: {
    text: format(features, text, noMedia, {
      kind: 'required',
      field: 'text',
      source: 'platforms.md §2.2 POST /{page-id}/feed message',
    }),
    link: format(withLink, text, noMedia, {
      kind: 'required',
      field: 'link',
      source: 'platforms.md §2.2 POST /{page-id}/feed link',
    }),
    image: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §2.2 POST /{page-id}/photos (one photo)' },
      imageTypes,
      imageBytes,
    ),
    multi_image: format(
      features,
      text,
      {
        kind: 'media_count',
        min: 2,
        max: 10,
        source: 'platforms.md §2.2 attached_media (K); Meta documents no cap, 10 is what the Page composer shows',
      },
      imageTypes,
      imageBytes,
    ),
    video: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §2.2 POST /{page-id}/videos (one video)' },
      {
        kind: 'media_type',
        accept: [mimeTypes.mp4, mimeTypes.mov],
        source: 'Meta Video API, supported formats (K: MP4 and MOV recommended)',
      },
      {
        kind: 'media_bytes',
        kinds: ['video'],
        max: 10 * gigabyte,
        source: 'Meta Video API, Pages videos ≤10 GB (K, not in platforms.md)',
      },
      {
        kind: 'media_duration',
        kinds: ['video'],
        min: 1,
        max: 240 * 60,
        source: 'Meta Video API, Pages videos ≤240 min (K, not in platforms.md)',
      },
    ),
  },
};
