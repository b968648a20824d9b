import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MediaItem, PublishRequest } from '../connector.ts';
import { OutcomeUnknown } from '../errors.ts';
import {
  findOwnMedia,
  instagramContainers,
  instagramPublishResult,
  quotaRetryAt,
  validateInstagram,
} from './instagram.mapper.ts';

const jpeg: MediaItem = { url: 'https://cdn.example.com/a.jpg', mimeType: 'image/jpeg', altText: 'A bike' };
const mp4: MediaItem = { url: 'https://cdn.example.com/r.mp4', mimeType: 'video/mp4' };
const request = (overrides: Partial<PublishRequest>): PublishRequest => ({
  idempotencyKey: 'pub-1',
  format: 'image',
  text: 'Hello #launch',
  media: [jpeg],
  ...overrides,
});

describe('instagram mapper', () => {
  it('builds a feed image container with image_url, caption and alt_text', () => {
    assert.deepEqual(instagramContainers(request({})), {
      children: [],
      parent: { image_url: jpeg.url, alt_text: 'A bike', caption: 'Hello #launch' },
    });
  });

  it('builds carousel children (VIDEO for videos) and a CAROUSEL parent holding the caption', () => {
    const plan = instagramContainers(request({ format: 'carousel', media: [jpeg, mp4] }));
    assert.deepEqual(plan.children, [
      { is_carousel_item: 'true', image_url: jpeg.url, alt_text: 'A bike' },
      { is_carousel_item: 'true', media_type: 'VIDEO', video_url: mp4.url },
    ]);
    assert.deepEqual(plan.parent, { media_type: 'CAROUSEL', caption: 'Hello #launch' });
  });

  it('builds a REELS container shared to the feed, and a STORIES container without caption', () => {
    assert.deepEqual(instagramContainers(request({ format: 'reel', media: [mp4] })).parent, {
      media_type: 'REELS',
      video_url: mp4.url,
      caption: 'Hello #launch',
      share_to_feed: 'true',
    });
    assert.deepEqual(instagramContainers(request({ format: 'story' })).parent, {
      media_type: 'STORIES',
      image_url: jpeg.url,
      alt_text: 'A bike',
    });
  });

  it('reads the media id of media_publish and refuses an answer without one', () => {
    assert.equal(instagramPublishResult({ id: '17920238422030506' }, null).networkPostId, '17920238422030506');
    assert.throws(() => instagramPublishResult({}, null), OutcomeUnknown);
  });

  it('finds our media by exact caption at or after notBefore in a recorded /media page', () => {
    const rows = [
      {
        id: '17920238422030507',
        caption: 'Hello #launch',
        timestamp: '2026-01-02T07:59:00+0000',
        permalink: 'https://www.instagram.com/p/old/',
      },
      {
        id: '17920238422030506',
        caption: 'Hello #launch',
        timestamp: '2026-01-02T08:00:05+0000',
        permalink: 'https://www.instagram.com/p/new/',
      },
    ];
    assert.deepEqual(findOwnMedia(rows, 'Hello #launch', new Date('2026-01-02T08:00:00Z')), {
      networkPostId: '17920238422030506',
      url: 'https://www.instagram.com/p/new/',
    });
    assert.equal(findOwnMedia(rows, 'Other', new Date('2026-01-01T00:00:00Z')), null);
  });

  it('frees the quota 24 h after the oldest of the last 25 posts', () => {
    const start = Date.parse('2026-01-02T00:00:00Z');
    const times = Array.from({ length: 30 }, (_, index) => new Date(start + index * 600_000));
    const retryAt = quotaRetryAt(times, 25, 86_400, new Date(start + 6 * 3600_000));
    assert.equal(retryAt.toISOString(), new Date(start + 5 * 600_000 + 86_400_000).toISOString());
  });

  it('asks for JPEG, 2 to 10 carousel items, a video for reels and at most 30 hashtags', () => {
    const reasons = (overrides: Partial<PublishRequest>) =>
      validateInstagram(request(overrides)).map((problem) => problem.reason);
    assert.match(reasons({ media: [{ url: 'https://x/a.png', mimeType: 'image/png' }] })[0] ?? '', /JPEG/);
    assert.match(reasons({ format: 'carousel', media: [jpeg] })[0] ?? '', /2 to 10/);
    assert.match(reasons({ format: 'reel', media: [jpeg] })[0] ?? '', /video/);
    assert.match(reasons({ text: Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ') })[0] ?? '', /30 hashtags/);
    assert.match(reasons({ format: 'text' })[0] ?? '', /not text/);
    assert.deepEqual(reasons({}), []);
  });
});
