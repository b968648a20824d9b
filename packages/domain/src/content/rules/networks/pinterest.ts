/** Pinterest: image Pins and carousels (platforms.md §9.2 and the v5 OpenAPI spec). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, megabyte, mimeTypes } from './shared.ts';

const pinRules: Rule[] = [
  {
    kind: 'required',
    field: 'options.boardId',
    source: 'platforms.md §9.2 POST /v5/pins board_id (required)',
  },
  {
    kind: 'text_length',
    field: 'title',
    counting: 'graphemes',
    max: 100,
    source: 'platforms.md §9.2 title ≤100 (spec)',
  },
  {
    kind: 'text_length',
    field: 'text',
    counting: 'graphemes',
    max: 800,
    source: 'platforms.md §9.2 description ≤800 (spec)',
  },
  {
    kind: 'text_length',
    field: 'link.url',
    counting: 'utf16',
    max: 2048,
    source: 'platforms.md §9.2 link ≤2,048 (spec)',
  },
  {
    kind: 'text_length',
    field: 'media.altText',
    counting: 'graphemes',
    max: 500,
    source: 'platforms.md §9.2 alt_text ≤500 (spec)',
  },
  {
    kind: 'media_type',
    accept: [mimeTypes.jpeg, mimeTypes.png, mimeTypes.webp, mimeTypes.tiff, mimeTypes.bmp],
    source: 'platforms.md §9.2 image PNG/JPEG (WEBP/TIFF/BMP accepted) (K ⚠); image_base64 takes JPEG/PNG only',
  },
  { kind: 'media_bytes', kinds: ['image'], max: 20 * megabyte, source: 'platforms.md §9.2 image ≤20 MB (K ⚠)' },
];
const single: Rule = {
  kind: 'media_count',
  min: 1,
  max: 1,
  source: 'platforms.md §9.2 media_source image_url (one image)',
};
const carousel: Rule = {
  kind: 'media_count',
  min: 2,
  max: 5,
  source: 'platforms.md §9.2 multiple_image_urls items[2..5] (spec)',
};
const features = { link: true };

export const pinterestRules: NetworkRules = {
  name: 'Pinterest',
  formats: {
    pin: format(features, pinRules, single),
    image: format(features, pinRules, single),
    multi_image: format(features, pinRules, carousel),
    carousel: format(features, pinRules, carousel),
  },
};
