import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkId } from '../../publishing/networks.ts';
import type { PostFormat } from '../../publishing/post-formats.ts';
import { sampleContent, sampleMedia } from './testing/sample-content.ts';
import { limitsOf } from './content-rules.ts';
import type { PostContent, PostMedia, ValidateOptions } from './types.ts';
import { validatePost } from './validate-post.ts';

const megabyte = 1024 * 1024;

function issues(network: NetworkId, format: PostFormat, change: Partial<PostContent>, options?: ValidateOptions) {
  return validatePost(network, format, { ...sampleContent(network, format), ...change }, options);
}

function codes(network: NetworkId, format: PostFormat, change: Partial<PostContent>, options?: ValidateOptions) {
  return issues(network, format, change, options).map((issue) => `${issue.code}@${issue.field}`);
}

const jpeg = (width: number, height: number): PostMedia => ({
  mimeType: 'image/jpeg',
  byteLength: 500_000,
  width,
  height,
});
const video = (durationSeconds: number, width = 1080, height = 1920): PostMedia => ({
  mimeType: 'video/mp4',
  byteLength: 20 * megabyte,
  durationSeconds,
  width,
  height,
});

test('counts Bluesky text in graphemes: 300 emoji with skin tones fit, 301 do not', () => {
  const thumbs = '👍🏽'; // two code points, four UTF-16 units, eight bytes, one grapheme
  assert.deepEqual(codes('bluesky', 'text', { text: thumbs.repeat(300) }), []);
  const over = issues('bluesky', 'text', { text: thumbs.repeat(301) });
  assert.deepEqual(
    over.map((issue) => [issue.code, issue.params.limit, issue.params.actual]),
    [['text_too_long', 300, 301]],
  );
});

test('also caps Bluesky text at 3,000 UTF-8 bytes, which 121 family emoji pass while being 121 graphemes', () => {
  const family = '👨‍👩‍👧‍👦'; // 25 bytes
  assert.deepEqual(codes('bluesky', 'text', { text: family.repeat(120) }), []);
  const over = issues('bluesky', 'text', { text: family.repeat(121) });
  assert.deepEqual(
    over.map((issue) => [issue.code, issue.params.counting, issue.params.actual]),
    [['text_too_long', 'utf8_bytes', 3025]],
  );
});

test('counts a URL as 23 characters on X, however long it is', () => {
  const url = `https://boutique.fr/${'collection-hiver/'.repeat(5)}`;
  assert.deepEqual(codes('x', 'text', { text: `${'a'.repeat(256)} ${url}` }), []);
  const over = issues('x', 'text', { text: `${'a'.repeat(257)} ${url}` });
  assert.deepEqual(
    over.map((issue) => [issue.code, issue.params.actual, issue.params.excess]),
    [['text_too_long', 281, 1]],
  );
});

test('counts CJK characters and emoji as 2 on X, French accents as 1', () => {
  assert.deepEqual(codes('x', 'text', { text: 'é'.repeat(280) }), []);
  assert.deepEqual(codes('x', 'text', { text: '日'.repeat(140) }), []);
  assert.deepEqual(codes('x', 'text', { text: '日'.repeat(141) }), ['text_too_long@text']);
  assert.deepEqual(codes('x', 'text', { text: '🎉'.repeat(141) }), ['text_too_long@text']);
});

test('checks each part of an X thread on its own, with the part in the field path', () => {
  const found = issues('x', 'thread', {
    text: 'Part one',
    threadParts: [{ text: 'Part two' }, { text: 'b'.repeat(281), media: [{ mimeType: 'image/png' }, video(10)] }],
  });
  assert.deepEqual(
    found.map((issue) => `${issue.code}@${issue.field}`),
    ['text_too_long@threadParts[1].text', 'media_not_alone@threadParts[1].media[1]'],
  );
});

test('counts URLs as 23 on Mastodon by default, and as the instance says otherwise', () => {
  const url = 'https://boutique.fr/une/tres/longue/adresse/de/page/produit';
  const text = `${'a'.repeat(476)} ${url}`; // 476 + 1 + 23 = 500
  assert.deepEqual(codes('mastodon', 'text', { text }), []);
  const wider = issues('mastodon', 'text', { text }, { limits: { charactersPerUrl: 30 } });
  assert.deepEqual(
    wider.map((issue) => [issue.code, issue.params.actual, issue.params.charactersPerUrl]),
    [['text_too_long', 507, 30]],
  );
  assert.deepEqual(codes('mastodon', 'text', { text: `${text} and more` }, { limits: { maxCharacters: 1000 } }), []);
});

test('counts a remote Mastodon mention without its domain', () => {
  const mention = '@ana@une-instance-au-nom-tres-long.example';
  assert.deepEqual(codes('mastodon', 'text', { text: `${'a'.repeat(495)} ${mention}` }), []); // 495 + 1 + 4
  assert.deepEqual(codes('mastodon', 'text', { text: `${'a'.repeat(496)} ${mention}` }), ['text_too_long@text']);
});

test('counts French accents as one character, except where the network counts bytes', () => {
  const accents = 'é'.repeat(3000);
  assert.deepEqual(codes('linkedin', 'text', { text: accents }), []);
  assert.deepEqual(codes('threads', 'text', { text: 'é'.repeat(500) }), []);
  assert.deepEqual(codes('bluesky', 'text', { text: 'é'.repeat(300) }), []);
  // YouTube's description is 5,000 bytes: 2,500 "é" fit, 2,501 do not.
  assert.deepEqual(codes('youtube', 'video', { text: 'é'.repeat(2500) }), []);
  const over = issues('youtube', 'video', { text: 'é'.repeat(2501) });
  assert.deepEqual(
    over.map((issue) => [issue.code, issue.params.actual, issue.params.excess]),
    [['text_too_long', 5002, 2]],
  );
});

test('counts emoji as their UTF-8 bytes on Threads', () => {
  assert.deepEqual(codes('threads', 'text', { text: `${'a'.repeat(496)}👋` }), []);
  assert.deepEqual(codes('threads', 'text', { text: `${'a'.repeat(497)}👋` }), ['text_too_long@text']);
});

test('counts accented hashtags on Instagram and ignores #1 and C#', () => {
  const tags = Array.from({ length: 30 }, (_, index) => `#été${index}`).join(' ');
  assert.deepEqual(codes('instagram', 'image', { text: `${tags} #1 C# https://boutique.fr/#ancre` }), []);
  assert.deepEqual(codes('instagram', 'image', { text: `${tags} #soldes` }), ['hashtags_too_many@text']);
});

test('refuses an Instagram carousel of 1 item and of 11 items', () => {
  const one = issues('instagram', 'carousel', { media: [jpeg(1080, 1080)] });
  assert.deepEqual(
    one.map((issue) => [issue.code, issue.params]),
    [['media_too_few', { min: 2, actual: 1, missing: 1 }]],
  );
  const eleven = issues('instagram', 'carousel', { media: Array.from({ length: 11 }, () => jpeg(1080, 1080)) });
  assert.deepEqual(
    eleven.map((issue) => [issue.code, issue.params]),
    [['media_too_many', { limit: 10, actual: 11, excess: 1 }]],
  );
  assert.deepEqual(codes('instagram', 'carousel', { media: Array.from({ length: 10 }, () => jpeg(1080, 1080)) }), []);
});

test('takes a 4:5 or a 1.91:1 feed image on Instagram and refuses a 9:16 one, which suits a story', () => {
  assert.deepEqual(codes('instagram', 'image', { media: [jpeg(1080, 1350)] }), []);
  assert.deepEqual(codes('instagram', 'image', { media: [jpeg(1080, 566)] }), []);
  const tall = issues('instagram', 'image', { media: [jpeg(1080, 1920)] });
  assert.deepEqual(
    tall.map((issue) => [issue.code, issue.field, issue.severity, issue.params.actual]),
    [['aspect_ratio_out_of_range', 'media[0]', 'error', 0.563]],
  );
  assert.deepEqual(codes('instagram', 'story', { media: [jpeg(1080, 1920)] }), []);
  const square = issues('instagram', 'story', { media: [jpeg(1080, 1080)] });
  assert.deepEqual(
    square.map((issue) => [issue.code, issue.severity]),
    [['aspect_ratio_out_of_range', 'warning']],
  );
});

test('takes a 61-second Short (the limit is 3 minutes since October 2024) and refuses 181 seconds or landscape', () => {
  assert.deepEqual(codes('youtube', 'short', { media: [video(61)] }), []);
  assert.deepEqual(codes('youtube', 'short', { media: [video(181)] }), ['media_too_long@media[0].durationSeconds']);
  assert.deepEqual(codes('youtube', 'short', { media: [video(30, 1920, 1080)] }), [
    'aspect_ratio_out_of_range@media[0]',
  ]);
  assert.deepEqual(codes('youtube', 'short', { media: [video(30, 1080, 1080)] }), []);
});

test('refuses a story video over 60 seconds on Instagram and warns that a long YouTube video needs verification', () => {
  assert.deepEqual(codes('instagram', 'story', { media: [video(60)] }), []);
  const long = issues('instagram', 'story', { media: [video(61)] });
  assert.deepEqual(
    long.map((issue) => [issue.code, issue.field, issue.params.limit, issue.params.excess]),
    [['media_too_long', 'media[0].durationSeconds', 60, 1]],
  );
  const youtube = issues('youtube', 'video', { media: [video(16 * 60, 1920, 1080)] });
  assert.deepEqual(
    youtube.map((issue) => [issue.code, issue.severity]),
    [['media_too_long', 'warning']],
  );
});

test("follows a TikTok creator's own maximum duration", () => {
  assert.deepEqual(codes('tiktok', 'video', { media: [video(300)] }), []);
  assert.deepEqual(codes('tiktok', 'video', { media: [video(61)] }, { limits: { maxVideoSeconds: 60 } }), [
    'media_too_long@media[0].durationSeconds',
  ]);
});

test('refuses PNG photos on TikTok, takes JPEG and WEBP', () => {
  assert.deepEqual(
    codes('tiktok', 'image', {
      media: [{ ...sampleMedia(limitsOf('tiktok', 'image')!.rules), mimeType: 'image/webp' }],
    }),
    [],
  );
  assert.deepEqual(codes('tiktok', 'image', { media: [{ mimeType: 'image/png' }] }), [
    'media_type_unsupported@media[0].mimeType',
  ]);
});

test('reads non-standard MIME spellings (image/jpg) as the standard ones', () => {
  assert.deepEqual(codes('instagram', 'image', { media: [{ ...jpeg(1080, 1080), mimeType: 'Image/JPG' }] }), []);
});

test('does not guess metadata it was not given: an item without a duration is not checked for duration', () => {
  assert.deepEqual(codes('instagram', 'reel', { media: [{ mimeType: 'video/mp4' }] }), []);
});

test('says which parts of a post a network cannot carry', () => {
  assert.deepEqual(
    issues('tiktok', 'video', { firstComment: 'Lien en bio' }).map((issue) => [issue.code, issue.severity]),
    [['first_comment_unsupported', 'error']],
  );
  assert.deepEqual(
    issues('instagram', 'image', { link: { url: 'https://boutique.fr' } }).map((issue) => [issue.code, issue.severity]),
    [['link_unsupported', 'warning']],
  );
  assert.deepEqual(codes('facebook', 'text', { threadParts: [{ text: 'Suite' }] }), ['thread_unsupported@threadParts']);
  assert.deepEqual(
    issues('instagram', 'story', { text: 'Soldes' }).map((issue) => [issue.code, issue.severity]),
    [['text_unsupported', 'warning']],
  );
  assert.deepEqual(codes('instagram', 'image', { firstComment: '#soldes' }), []);
});

test('answers a format the network does not publish with the formats it does', () => {
  const found = validatePost('x', 'reel', { text: 'Hi', media: [] });
  assert.deepEqual(found, [
    {
      code: 'format_unsupported',
      severity: 'error',
      field: 'format',
      params: { format: 'reel', supported: ['text', 'image', 'multi_image', 'video', 'thread', 'link'] },
      network: 'x',
      format: 'reel',
    },
  ]);
});

test('needs a board and an image for a Pin, a title for YouTube, dates for a Google offer', () => {
  assert.deepEqual(codes('pinterest', 'pin', { options: {}, media: [] }), [
    'field_required@options.boardId',
    'media_too_few@media',
  ]);
  assert.deepEqual(codes('youtube', 'video', { title: undefined }), ['field_required@title']);
  assert.deepEqual(codes('google_business', 'offer', { options: { startDate: '2026-12-01' } }), [
    'field_required@options.endDate',
  ]);
  assert.deepEqual(codes('google_business', 'offer', { options: { startDate: '2026-12-01', endDate: '01/12/2026' } }), [
    'date_invalid@options.endDate',
  ]);
});

test('a Bluesky post carries images or a link card, not both', () => {
  assert.deepEqual(codes('bluesky', 'image', { link: { url: 'https://boutique.fr' } }), ['link_with_media@link.url']);
  assert.deepEqual(codes('bluesky', 'link', { link: { url: 'https://boutique.fr' } }), []);
});
