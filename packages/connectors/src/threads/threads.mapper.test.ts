import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MediaItem, PublishRequest } from '../connector.ts';
import { OutcomeUnknown } from '../errors.ts';
import {
  findOwnThread,
  threadsContainers,
  threadsPublishedId,
  threadsTextLength,
  validateThreads,
} from './threads.mapper.ts';

const png: MediaItem = { url: 'https://cdn.example.com/a.png', mimeType: 'image/png' };
const mp4: MediaItem = { url: 'https://cdn.example.com/v.mp4', mimeType: 'video/mp4' };
const request = (overrides: Partial<PublishRequest>): PublishRequest => ({
  idempotencyKey: 'pub-1',
  format: 'text',
  text: 'Hello',
  media: [],
  ...overrides,
});

describe('threads mapper', () => {
  it('counts emoji as their UTF-8 bytes and other characters as one', () => {
    assert.equal(threadsTextLength('Hi 👋'), 7);
    assert.equal(threadsTextLength('café'), 4);
    assert.equal(threadsTextLength('👍🏽'), 8);
  });

  it('builds TEXT, IMAGE and VIDEO containers, with reply_to_id for a reply', () => {
    assert.deepEqual(threadsContainers({ text: 'Hi', media: [] }).parent, { media_type: 'TEXT', text: 'Hi' });
    assert.deepEqual(threadsContainers({ text: 'Hi', media: [png] }, '1790').parent, {
      media_type: 'IMAGE',
      image_url: png.url,
      text: 'Hi',
      reply_to_id: '1790',
    });
    assert.deepEqual(threadsContainers({ text: '', media: [mp4] }).parent, { media_type: 'VIDEO', video_url: mp4.url });
  });

  it('builds carousel items and a CAROUSEL parent for two or more media', () => {
    const plan = threadsContainers({ text: 'Set', media: [png, mp4] });
    assert.deepEqual(plan.children, [
      { media_type: 'IMAGE', image_url: png.url, is_carousel_item: 'true' },
      { media_type: 'VIDEO', video_url: mp4.url, is_carousel_item: 'true' },
    ]);
    assert.deepEqual(plan.parent, { media_type: 'CAROUSEL', text: 'Set' });
  });

  it('reads the threads_publish id and refuses an answer without one', () => {
    assert.equal(threadsPublishedId({ id: '18050206876707110' }), '18050206876707110');
    assert.throws(() => threadsPublishedId({ success: true }), OutcomeUnknown);
  });

  it('finds our post by exact text at or after notBefore in a recorded /threads page', () => {
    const rows = [
      {
        id: '18050206876707110',
        text: 'Hello',
        timestamp: '2026-04-01T09:00:02+0000',
        permalink: 'https://www.threads.net/@acme/post/C1',
      },
    ];
    assert.equal(findOwnThread(rows, 'Hello', new Date('2026-04-01T09:00:00Z'))?.networkPostId, '18050206876707110');
    assert.equal(findOwnThread(rows, 'Hello', new Date('2026-04-01T10:00:00Z')), null);
  });

  it('checks every part of a thread, and the carousel size', () => {
    const long = 'x'.repeat(501);
    assert.match(
      validateThreads(request({ format: 'thread', threadParts: [{ text: long }] }))[0]?.reason ?? '',
      /Thread part 2.*500 characters/,
    );
    assert.match(validateThreads(request({ format: 'carousel', media: [png] }))[0]?.reason ?? '', /2 to 20/);
    assert.match(validateThreads(request({ format: 'story' }))[0]?.reason ?? '', /not story/);
    assert.deepEqual(validateThreads(request({ format: 'thread', threadParts: [{ text: 'next' }] })), []);
  });
});
