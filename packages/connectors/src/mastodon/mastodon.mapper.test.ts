import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import {
  mastodonContentText,
  mastodonCreatedStatus,
  mastodonError,
  mastodonFindOwnStatus,
  mastodonStatusBody,
  mastodonTextLength,
  mastodonTokenSet,
  validateMastodonRequest,
} from './mastodon.mapper.ts';

const now = new Date('2026-01-01T12:00:00.000Z');
const base = { idempotencyKey: 'pub_1', format: 'text' as const, text: 'Hi', media: [] };

describe('mastodon mapper', () => {
  it('counts each URL as 23 characters and a remote mention without its domain', () => {
    assert.equal(mastodonTextLength(`Read https://example.com/${'a'.repeat(100)}`), 5 + 23);
    assert.equal(mastodonTextLength('Hi @ana@social.example.org'), 'Hi @ana'.length);
    assert.equal(mastodonTextLength('👩‍👩‍👧 ok'), 4, 'a family emoji is one grapheme');
  });

  it('honours an instance limit given in options.maxCharacters', () => {
    assert.deepEqual(validateMastodonRequest({ ...base, text: 'a'.repeat(900), options: { maxCharacters: 1000 } }), []);
    assert.match(validateMastodonRequest({ ...base, text: 'a'.repeat(501) })[0]!.reason, /allows 500/);
  });

  it('refuses five attachments, a video with images and an unknown visibility', () => {
    const image = { url: 'u', mimeType: 'image/png' };
    assert.match(validateMastodonRequest({ ...base, media: Array(5).fill(image) })[0]!.reason, /allows 4/);
    assert.match(
      validateMastodonRequest({ ...base, media: [image, { url: 'v', mimeType: 'video/mp4' }] })[0]!.reason,
      /alone/,
    );
    assert.match(validateMastodonRequest({ ...base, options: { visibility: 'friends' } })[0]!.reason, /not one of/);
  });

  it('builds a status body with media_ids, in_reply_to_id, visibility and language', () => {
    assert.deepEqual(
      mastodonStatusBody('Hello fediverse #launch', ['110000000000000001'], '109', {
        visibility: 'unlisted',
        language: 'en',
      }),
      {
        status: 'Hello fediverse #launch',
        media_ids: ['110000000000000001'],
        in_reply_to_id: '109',
        visibility: 'unlisted',
        language: 'en',
      },
    );
  });

  it('reads the id and url of a created Status, and treats one without id as unknown', () => {
    const status = {
      id: '110000000000000123',
      created_at: '2026-01-01T12:00:00.000Z',
      visibility: 'public',
      url: 'https://m.example/@a/110000000000000123',
    };
    assert.deepEqual(mastodonCreatedStatus({ status: 200, headers: new Headers(), body: status }), {
      id: '110000000000000123',
      url: status.url,
    });
    assert.throws(() => mastodonCreatedStatus({ status: 200, headers: new Headers(), body: {} }), OutcomeUnknown);
  });

  it('maps 429 to RateLimited at the ISO X-RateLimit-Reset, 401 to AuthExpired(false), 422 to Rejected, 5xx by phase', () => {
    const limited = mastodonError(
      {
        status: 429,
        headers: new Headers({ 'X-RateLimit-Reset': '2026-01-01T12:05:00.000Z' }),
        body: { error: 'Too many requests' },
      },
      { sent: true, now },
    );
    assert.ok(limited instanceof RateLimited);
    assert.equal(limited.retryAt.toISOString(), '2026-01-01T12:05:00.000Z');
    const revoked = mastodonError(
      { status: 401, headers: new Headers(), body: { error: 'The access token is invalid' } },
      { sent: true, now },
    );
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
    const invalid = mastodonError(
      {
        status: 422,
        headers: new Headers(),
        body: { error: 'Validation failed: Text character limit of 500 exceeded' },
      },
      { sent: true, now },
    );
    assert.ok(invalid instanceof Rejected && /500 exceeded/.test(invalid.reason));
    assert.ok(
      mastodonError({ status: 503, headers: new Headers(), body: {} }, { sent: true, now }) instanceof OutcomeUnknown,
    );
    assert.ok(
      mastodonError({ status: 503, headers: new Headers(), body: {} }, { sent: false, now }) instanceof Transient,
    );
  });

  it('turns Status HTML back into the text we sent', () => {
    const html =
      '<p>Hello fediverse <a href="https://m.example/tags/launch" class="mention hashtag" rel="tag">#<span>launch</span></a> &amp; &lt;friends&gt;</p><p>line<br />two</p>';
    assert.equal(mastodonContentText(html), 'Hello fediverse #launch & <friends>\n\nline\ntwo');
  });

  it('finds our status by text at or after notBefore, the oldest match first', () => {
    const list = [
      { id: '3', content: '<p>Launch</p>', created_at: '2026-01-01T12:02:00.000Z', url: 'u3' },
      { id: '2', content: '<p>Launch</p>', created_at: '2026-01-01T12:01:00.000Z', url: 'u2' },
      { id: '1', content: '<p>Launch</p>', created_at: '2025-12-31T00:00:00.000Z', url: 'u1' },
    ];
    assert.deepEqual(mastodonFindOwnStatus(list, 'Launch', now), { id: '2', url: 'u2' });
    assert.equal(mastodonFindOwnStatus(list, 'Other', now), null);
  });

  it('reads a token answer without expiry (Mastodon tokens live until revoked)', () => {
    const tokens = mastodonTokenSet({
      access_token: 'tok',
      token_type: 'Bearer',
      scope: 'read write',
      created_at: 1700000000,
    });
    assert.deepEqual(tokens, { accessToken: 'tok', scopes: ['read', 'write'] });
  });
});
