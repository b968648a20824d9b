/** LinkedIn organization pages: text, image, multi-image, video, document and article posts (platforms.md §5.3, §5.4). */
import type { NetworkRules, Rule } from '../types.ts';
import { format, kilobyte, megabyte, mimeTypes } from './shared.ts';

const text: Rule[] = [
  {
    kind: 'text_length',
    field: 'text',
    counting: 'utf16',
    max: 3000,
    source: 'platforms.md §5.4 Commentary 3,000 chars (K ⚠)',
  },
  {
    kind: 'text_length',
    field: 'firstComment',
    counting: 'utf16',
    max: 1250,
    source: 'platforms.md §5.4 Comment 1,250 chars (K ⚠)',
  },
];
const imageTypes: Rule = {
  kind: 'media_type',
  accept: [mimeTypes.jpeg, mimeTypes.png, mimeTypes.gif],
  source: 'platforms.md §5.4 Image JPG/PNG/GIF (K ⚠)',
};
const imagePixels: Rule = {
  kind: 'dimensions',
  kinds: ['image', 'gif'],
  maxPixels: 36_152_320,
  source: 'platforms.md §5.4 Image ≤36,152,320 pixels (K ⚠)',
};
const features = { firstComment: true };

export const linkedinRules: NetworkRules = {
  name: 'LinkedIn',
  formats: {
    // A text post given a link becomes an article post (content.article), so the link is shown.
    text: format(
      { ...features, link: true },
      text,
      { kind: 'required', field: 'text', source: 'platforms.md §5.3 Posts API commentary' },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §5.3 a text post has no content' },
    ),
    image: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §5.3 content.media (one image)' },
      imageTypes,
      imagePixels,
    ),
    multi_image: format(
      features,
      text,
      { kind: 'media_count', min: 2, max: 20, source: 'platforms.md §5.4 Multi-image 2–20 images, no video (K ⚠)' },
      imageTypes,
      imagePixels,
    ),
    video: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §5.3 content.media (one video)' },
      { kind: 'media_type', accept: [mimeTypes.mp4], source: 'platforms.md §5.4 Video MP4 (K ⚠)' },
      {
        kind: 'media_bytes',
        kinds: ['video'],
        min: 75 * kilobyte,
        max: 500 * megabyte,
        source: 'platforms.md §5.4 Video 75 KB–500 MB organic (K ⚠)',
      },
      {
        kind: 'media_duration',
        kinds: ['video'],
        min: 3,
        max: 30 * 60,
        source: 'platforms.md §5.4 Video 3 s–30 min (K ⚠)',
      },
    ),
    document: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §5.3 content.media (one document)' },
      {
        kind: 'media_type',
        accept: [mimeTypes.pdf, mimeTypes.ppt, mimeTypes.pptx, mimeTypes.doc, mimeTypes.docx],
        source: 'platforms.md §5.4 Document PDF/PPT/PPTX/DOC/DOCX (K ⚠)',
      },
      {
        kind: 'media_bytes',
        kinds: ['document'],
        max: 100 * megabyte,
        source: 'platforms.md §5.4 Document ≤100 MB (K ⚠)',
      },
    ),
    link: format(
      { ...features, link: true },
      text,
      { kind: 'required', field: 'link', source: 'platforms.md §5.3 content.article.source' },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §5.3 an article post carries no media' },
    ),
  },
};
