/** Bluesky: app.bsky.feed.post records with images or a link card (platforms.md §10.2 and §10.3, the lexicons). */
import type { NetworkRules, Rule } from '../types.ts';
import { format } from './shared.ts';

const text: Rule[] = [
  {
    kind: 'text_length',
    field: 'text',
    counting: 'graphemes',
    max: 300,
    source: 'platforms.md §10.2 text ≤300 graphemes (lexicon app.bsky.feed.post)',
  },
  {
    kind: 'text_length',
    field: 'text',
    counting: 'utf8_bytes',
    max: 3000,
    source: 'platforms.md §10.2 text ≤3,000 bytes (lexicon app.bsky.feed.post)',
  },
];
const images: Rule[] = [
  {
    kind: 'media_type',
    accept: ['image/*'],
    source: 'platforms.md §10.3 app.bsky.embed.images blob image/* (lexicon)',
  },
  {
    kind: 'media_bytes',
    kinds: ['image', 'gif'],
    max: 2_000_000,
    source: 'platforms.md §10.3 image blob ≤2,000,000 bytes (lexicon)',
  },
];
const features = { link: true };

export const blueskyRules: NetworkRules = {
  name: 'Bluesky',
  formats: {
    text: format(
      features,
      text,
      { kind: 'required', field: 'text', source: 'platforms.md §10.2 text may be empty only with an embed' },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §10.2 a text post has no embed' },
    ),
    image: format(
      features,
      text,
      { kind: 'media_count', min: 1, max: 1, source: 'platforms.md §10.3 app.bsky.embed.images' },
      images,
      { kind: 'link_without_media', source: 'platforms.md §10.2 embed is one of images | external (a union)' },
    ),
    multi_image: format(
      features,
      text,
      { kind: 'media_count', min: 2, max: 4, source: 'platforms.md §10.3 app.bsky.embed.images ≤4 images' },
      images,
      { kind: 'link_without_media', source: 'platforms.md §10.2 embed is one of images | external (a union)' },
    ),
    thread: format(
      { ...features, threadParts: true },
      text,
      {
        kind: 'required_one_of',
        fields: ['text', 'media'],
        source: 'platforms.md §10.2 text may be empty only with an embed (each part)',
      },
      { kind: 'media_count', min: 0, max: 4, source: 'platforms.md §10.3 app.bsky.embed.images ≤4 images per post' },
      images,
      { kind: 'link_without_media', source: 'platforms.md §10.2 embed is one of images | external (a union)' },
      { kind: 'thread_parts', min: 1, source: 'platforms.md §10.2 reply {root, parent} chains the parts' },
    ),
    link: format(
      features,
      text,
      { kind: 'required', field: 'link', source: 'platforms.md §10.3 app.bsky.embed.external' },
      { kind: 'media_count', min: 0, max: 0, source: 'platforms.md §10.2 embed is one of images | external (a union)' },
    ),
  },
};
