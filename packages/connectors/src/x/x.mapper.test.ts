import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import {
  validateXRequest,
  xCreatedTweet,
  xError,
  xFindOwnPost,
  xMediaCategory,
  xTokenError,
  xTokenSet,
  xTweetBody,
} from './x.mapper.ts';

const now = new Date('2026-01-01T12:00:00.000Z');
const headers = (entries: Record<string, string> = {}) => new Headers(entries);
const base = { idempotencyKey: 'pub_1', format: 'text' as const, text: 'Hi', media: [] };

describe('x mapper', () => {
  it('builds a reply body with in_reply_to_tweet_id and media_ids', () => {
    assert.deepEqual(xTweetBody('Hello world #launch', ['1455952740635586573'], '1455953449422516226'), {
      text: 'Hello world #launch',
      media: { media_ids: ['1455952740635586573'] },
      reply: { in_reply_to_tweet_id: '1455953449422516226' },
    });
    assert.deepEqual(xTweetBody('Hi', []), { text: 'Hi' });
  });

  it('reads the id of a 201 create answer, and treats an answer without id as unknown', () => {
    const body = {
      data: { id: '1445880548472328192', text: 'Hello world #launch', edit_history_tweet_ids: ['1445880548472328192'] },
    };
    assert.deepEqual(xCreatedTweet({ status: 201, headers: headers(), body }), { id: '1445880548472328192' });
    assert.throws(() => xCreatedTweet({ status: 200, headers: headers(), body: {} }), OutcomeUnknown);
  });

  it('maps a 429 to RateLimited at x-rate-limit-reset (epoch seconds)', () => {
    const error = xError(
      { status: 429, headers: headers({ 'x-rate-limit-reset': '1767269700' }), body: { title: 'Too Many Requests' } },
      { sent: true, now },
    );
    assert.ok(error instanceof RateLimited);
    assert.equal(error.retryAt.toISOString(), '2026-01-01T12:15:00.000Z');
    assert.equal(error.scope, 'account');
  });

  it('maps an exhausted 24-hour user cap to a quota wait until x-user-limit-24hour-reset', () => {
    const error = xError(
      {
        status: 429,
        headers: headers({
          'x-rate-limit-reset': '1767269700',
          'x-user-limit-24hour-remaining': '0',
          'x-user-limit-24hour-reset': '1767312000',
        }),
        body: {},
      },
      { sent: true, now },
    );
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'quota');
    assert.equal(error.retryAt.toISOString(), '2026-01-02T00:00:00.000Z');
  });

  it('maps 401 to a refreshable AuthExpired, 5xx on a create to OutcomeUnknown and on a read to Transient', () => {
    const unauthorized = xError(
      { status: 401, headers: headers(), body: { title: 'Unauthorized', status: 401 } },
      { sent: true, now },
    );
    assert.ok(unauthorized instanceof AuthExpired && unauthorized.refreshable);
    assert.ok(xError({ status: 503, headers: headers(), body: {} }, { sent: true, now }) instanceof OutcomeUnknown);
    assert.ok(xError({ status: 503, headers: headers(), body: {} }, { sent: false, now }) instanceof Transient);
  });

  it('maps the duplicate-content 403 and problem types to Rejected with the last type segment as code', () => {
    const duplicate = xError(
      {
        status: 403,
        headers: headers(),
        body: {
          title: 'Forbidden',
          status: 403,
          detail: 'You are not allowed to create a Tweet with duplicate content.',
          type: 'about:blank',
        },
      },
      { sent: true, now },
    );
    assert.ok(duplicate instanceof Rejected);
    assert.match(duplicate.reason, /duplicate content/);
    const invalid = xError(
      {
        status: 400,
        headers: headers(),
        body: {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      },
      { sent: true, now },
    );
    assert.equal((invalid as Rejected).networkCode, 'invalid-request');
  });

  it('reads a token answer (expires_in 7200 s) and maps invalid_grant to AuthExpired(false)', () => {
    const tokens = xTokenSet(
      {
        token_type: 'bearer',
        expires_in: 7200,
        access_token: 'a',
        scope: 'tweet.read offline.access',
        refresh_token: 'r',
      },
      now,
    );
    assert.equal(tokens.expiresAt?.toISOString(), '2026-01-01T14:00:00.000Z');
    assert.deepEqual(tokens.scopes, ['tweet.read', 'offline.access']);
    const error = xTokenError({
      status: 400,
      headers: headers(),
      body: { error: 'invalid_grant', error_description: 'Value passed for the token was invalid.' },
    });
    assert.ok(error instanceof AuthExpired && !error.refreshable);
  });

  it('finds our post by exact text at or after notBefore, ignoring older copies', () => {
    const body = {
      data: [
        { id: '3', text: 'Launch', created_at: '2026-01-01T12:05:00.000Z' },
        { id: '2', text: 'Launch!', created_at: '2026-01-01T12:04:00.000Z' },
        { id: '1', text: 'Launch', created_at: '2025-12-01T00:00:00.000Z' },
      ],
    };
    assert.equal(xFindOwnPost(body, 'Launch', now), '3');
    assert.equal(xFindOwnPost(body, 'Other', now), null);
  });

  it('picks tweet_video, tweet_gif or tweet_image from the MIME type', () => {
    assert.equal(xMediaCategory('video/mp4'), 'tweet_video');
    assert.equal(xMediaCategory('image/gif'), 'tweet_gif');
    assert.equal(xMediaCategory('image/png'), 'tweet_image');
  });

  it('counts a URL as 23 when validating, so a long URL still fits', () => {
    assert.deepEqual(
      validateXRequest({ ...base, text: `${'a'.repeat(256)} https://example.com/${'p'.repeat(200)}` }),
      [],
    );
    assert.equal(validateXRequest({ ...base, text: 'a'.repeat(281) }).length, 1);
  });

  it('refuses a video mixed with photos, five photos, and an unsupported format', () => {
    const photo = { url: 'u', mimeType: 'image/jpeg' };
    assert.match(
      validateXRequest({ ...base, format: 'video', media: [{ url: 'v', mimeType: 'video/mp4' }, photo] })[0]!.reason,
      /one video/,
    );
    assert.match(
      validateXRequest({ ...base, format: 'multi_image', media: Array(5).fill(photo) })[0]!.reason,
      /X allows 4/,
    );
    assert.match(validateXRequest({ ...base, format: 'story' })[0]!.reason, /does not publish/);
  });
});
