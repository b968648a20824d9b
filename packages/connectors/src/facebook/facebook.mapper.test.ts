import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublishRequest } from '../connector.ts';
import { OutcomeUnknown } from '../errors.ts';
import {
  facebookPostId,
  facebookPostUrl,
  feedParams,
  findOwnFeedPost,
  photoParams,
  validateFacebook,
} from './facebook.mapper.ts';

const request = (overrides: Partial<PublishRequest>): PublishRequest => ({
  idempotencyKey: 'pub-1',
  format: 'text',
  text: 'Launch day!',
  media: [],
  ...overrides,
});

describe('facebook mapper', () => {
  it('builds a link post with message and link', () => {
    assert.deepEqual(feedParams({ text: 'Launch day!', link: { url: 'https://example.com' } }, []), {
      message: 'Launch day!',
      link: 'https://example.com',
    });
  });

  it('attaches unpublished photos as attached_media[n] JSON objects', () => {
    assert.deepEqual(feedParams({ text: 'Album' }, ['111', '222']), {
      message: 'Album',
      'attached_media[0]': '{"media_fbid":"111"}',
      'attached_media[1]': '{"media_fbid":"222"}',
    });
  });

  it('uploads multi-photo items unpublished and a single photo published with its caption', () => {
    const item = { url: 'https://cdn.example.com/a.jpg', mimeType: 'image/jpeg' };
    assert.deepEqual(photoParams(item, undefined, false), { url: item.url, published: 'false' });
    assert.deepEqual(photoParams(item, 'Hi', true), { url: item.url, caption: 'Hi' });
  });

  it('reads post_id from a photo answer, id from a feed answer, and refuses an answer without either', () => {
    assert.equal(facebookPostId({ id: '987', post_id: '1234567890_987654321' }, 'post_id'), '1234567890_987654321');
    assert.equal(facebookPostId({ id: '1234567890_987654321' }, 'id'), '1234567890_987654321');
    assert.throws(() => facebookPostId({}, 'id'), OutcomeUnknown);
  });

  it('links a Page post at /{page}/posts/{post}', () => {
    assert.equal(facebookPostUrl('1234567890_987654321'), 'https://www.facebook.com/1234567890/posts/987654321');
  });

  it('finds our post by exact message at or after notBefore in a recorded feed page', () => {
    const rows = [
      { id: '1234567890_1', message: 'Launch day!', created_time: '2026-05-01T11:00:00+0000' },
      {
        id: '1234567890_2',
        message: 'Launch day!',
        created_time: '2026-05-01T12:00:01+0000',
        permalink_url: 'https://www.facebook.com/1234567890/posts/2',
      },
    ];
    assert.equal(findOwnFeedPost(rows, 'Launch day!', new Date('2026-05-01T12:00:00Z'))?.networkPostId, '1234567890_2');
  });

  it('asks for a link on link posts, images on multi-photo posts and a video on video posts', () => {
    const reasons = (overrides: Partial<PublishRequest>) =>
      validateFacebook(request(overrides)).map((problem) => problem.reason);
    assert.match(reasons({ format: 'link' })[0] ?? '', /link URL/);
    assert.match(
      reasons({ format: 'multi_image', media: [{ url: 'https://x/a.jpg', mimeType: 'image/jpeg' }] })[0] ?? '',
      /2 to 10/,
    );
    assert.match(
      reasons({ format: 'video', media: [{ url: 'https://x/a.jpg', mimeType: 'image/jpeg' }] })[0] ?? '',
      /one video/,
    );
    assert.deepEqual(reasons({}), []);
  });
});
