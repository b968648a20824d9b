import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, Rejected } from '../errors.ts';
import { mapGoogleError } from '../youtube/google-api.ts';
import {
  googleBusinessFindOwnPost,
  googleBusinessLocalPost,
  googleBusinessResult,
  validateGoogleBusinessRequest,
} from './google_business.mapper.ts';

const base: PublishRequest = { idempotencyKey: 'pub_1', format: 'local_post', text: 'Fresh bread daily', media: [] };

describe('google business mapper', () => {
  it('builds a STANDARD post with a Learn more button when a link is given', () => {
    assert.deepEqual(googleBusinessLocalPost({ ...base, link: { url: 'https://shop.test' } }), {
      languageCode: 'en',
      summary: 'Fresh bread daily',
      topicType: 'STANDARD',
      callToAction: { actionType: 'LEARN_MORE', url: 'https://shop.test' },
    });
  });

  it('gives a Call button no url, as Google requires', () => {
    assert.deepEqual(googleBusinessLocalPost({ ...base, options: { callToAction: 'CALL' } }).callToAction, {
      actionType: 'CALL',
    });
  });

  it('puts an offer link in offer.redeemOnlineUrl, not in a button Google would ignore', () => {
    const body = googleBusinessLocalPost({
      ...base,
      format: 'offer',
      link: { url: 'https://shop.test/deal' },
      options: { title: 'Deal', startDate: '2026-12-01', endDate: '2026-12-02', startTime: '09:30' },
    });
    assert.equal(body.callToAction, undefined);
    assert.deepEqual(body.offer, { redeemOnlineUrl: 'https://shop.test/deal' });
    assert.deepEqual(body.event?.schedule.startTime, { hours: 9, minutes: 30, seconds: 0, nanos: 0 });
  });

  it('asks for a title and dates on offers and events, and a link for a Book button', () => {
    const codes = validateGoogleBusinessRequest({ ...base, format: 'offer', options: { callToAction: 'BOOK' } }).map(
      (problem) => problem.networkCode,
    );
    assert.deepEqual(codes.sort(), ['call_to_action', 'event_dates', 'event_title']);
  });

  it('refuses GIF photos and more than one medium', () => {
    const gif = { url: 'https://cdn.test/a.gif', mimeType: 'image/gif' };
    const codes = validateGoogleBusinessRequest({ ...base, media: [gif, gif] }).map((problem) => problem.networkCode);
    assert.ok(codes.includes('media') && codes.includes('media_type'));
  });

  it('maps the created LocalPost: name is the id, searchUrl the link; REJECTED is a refusal', () => {
    const created = {
      name: 'accounts/1/locations/2/localPosts/3',
      summary: 'Fresh bread daily',
      state: 'LIVE',
      searchUrl: 'https://local.google.com/place?id=2&use=posts&lpsid=3',
      createTime: '2026-07-01T12:00:00Z',
      topicType: 'STANDARD',
    };
    assert.deepEqual(googleBusinessResult(created), { networkPostId: created.name, url: created.searchUrl });
    assert.throws(() => googleBusinessResult({ ...created, state: 'REJECTED' }), Rejected);
    assert.throws(() => googleBusinessResult({ state: 'LIVE' }), OutcomeUnknown);
  });

  it('finds our post by exact summary at or after notBefore', () => {
    const list = {
      localPosts: [
        {
          name: 'accounts/1/locations/2/localPosts/9',
          summary: 'Fresh bread daily',
          createTime: '2026-07-01T12:00:00Z',
        },
        {
          name: 'accounts/1/locations/2/localPosts/1',
          summary: 'Fresh bread daily',
          createTime: '2026-06-01T12:00:00Z',
        },
      ],
    };
    assert.equal(
      googleBusinessFindOwnPost(list, 'Fresh bread daily', new Date('2026-07-01T11:59:00Z'))?.networkPostId,
      'accounts/1/locations/2/localPosts/9',
    );
    assert.equal(googleBusinessFindOwnPost(list, 'Other', new Date(0)), null);
  });

  it('maps Google error objects: UNAUTHENTICATED -> AuthExpired, INVALID_ARGUMENT -> Rejected', () => {
    const now = new Date();
    const unauthenticated = {
      error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
    };
    assert.ok(
      mapGoogleError({ status: 401, headers: new Headers(), body: unauthenticated }, 'create', now) instanceof
        AuthExpired,
    );
    const invalid = {
      error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT' },
    };
    const error = mapGoogleError({ status: 400, headers: new Headers(), body: invalid }, 'create', now);
    assert.ok(error instanceof Rejected && error.networkCode === 'INVALID_ARGUMENT');
  });
});
