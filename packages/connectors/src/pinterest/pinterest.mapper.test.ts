import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import {
  pinterestError,
  pinterestFindOwnPin,
  pinterestMediaSource,
  pinterestPinBody,
  pinterestPinResult,
  pinterestTokenSet,
  validatePinterestRequest,
} from './pinterest.mapper.ts';

const now = new Date('2026-01-01T00:00:00Z');
const base: PublishRequest = {
  idempotencyKey: 'pub_1',
  format: 'pin',
  text: 'Easy recipes #summer',
  media: [{ url: 'https://cdn.example.com/pin.jpg', mimeType: 'image/jpeg', altText: 'Basket on grass' }],
  link: { url: 'https://example.com/picnic' },
  options: { boardId: '549755885175', title: 'Summer picnic ideas', dominantColor: '#6E7874' },
};

function response(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers), body };
}

describe('pinterest mapper', () => {
  it('builds the create-Pin body of platforms.md §9.2', () => {
    assert.deepEqual(pinterestPinBody(base, pinterestMediaSource(base)), {
      board_id: '549755885175',
      title: 'Summer picnic ideas',
      description: 'Easy recipes #summer',
      link: 'https://example.com/picnic',
      alt_text: 'Basket on grass',
      dominant_color: '#6E7874',
      media_source: { source_type: 'image_url', url: 'https://cdn.example.com/pin.jpg' },
    });
  });

  it('builds base64 sources with the image content type', () => {
    const png = { ...base, media: [{ url: 'file:///tmp/a.png', mimeType: 'image/png' }] };
    assert.deepEqual(pinterestMediaSource(png, ['aGVsbG8=']), {
      source_type: 'image_base64',
      content_type: 'image/png',
      data: 'aGVsbG8=',
    });
  });

  it('refuses 6 carousel images, a GIF to upload, and an over-long title', () => {
    const many = Array.from({ length: 6 }, () => base.media[0]!);
    assert.ok(validatePinterestRequest({ ...base, media: many }).some((problem) => problem.networkCode === 'media'));
    const gif = { ...base, media: [{ url: 'file:///a.gif', mimeType: 'image/gif' }] };
    assert.ok(validatePinterestRequest(gif).some((problem) => problem.networkCode === 'content_type'));
    const title = validatePinterestRequest({ ...base, options: { boardId: '1', title: 'x'.repeat(101) } });
    assert.ok(title.some((problem) => problem.reason.includes('allows 100')));
  });

  it('maps the 201 Pin to its id and URL, and a Pin without id to OutcomeUnknown', () => {
    const created = {
      id: '813744226420795884',
      created_at: '2026-01-01T00:00:00',
      board_id: '549755885175',
      media: { media_type: 'image' },
      board_owner: { username: 'maker' },
      is_owner: true,
      has_been_promoted: false,
    };
    assert.deepEqual(pinterestPinResult(created), {
      networkPostId: '813744226420795884',
      url: 'https://www.pinterest.com/pin/813744226420795884/',
    });
    assert.throws(() => pinterestPinResult({ board_id: '1' }), OutcomeUnknown);
  });

  it('reads created_at without a zone as UTC when finding our Pin', () => {
    const list = {
      items: [{ id: '2', description: 'Easy recipes #summer', created_at: '2026-01-01T00:00:05' }],
      bookmark: null,
    };
    assert.equal(pinterestFindOwnPin(list, 'Easy recipes #summer', now)?.networkPostId, '2');
    assert.equal(pinterestFindOwnPin(list, 'Easy recipes #summer', new Date('2026-01-01T00:01:00Z')), null);
  });

  it('maps {code, message} errors: 429 -> RateLimited (Retry-After if sent), 401 -> AuthExpired, 5xx -> by phase', () => {
    const limited = pinterestError(
      response(429, { code: 8, message: 'Rate limited' }, { 'retry-after': '30' }),
      'create',
      now,
    );
    assert.ok(limited instanceof RateLimited && limited.retryAt.toISOString() === '2026-01-01T00:00:30.000Z');
    assert.ok(
      pinterestError(response(401, { code: 2, message: 'Authentication failed.' }), 'create', now) instanceof
        AuthExpired,
    );
    assert.ok(pinterestError(response(503, {}), 'create', now) instanceof OutcomeUnknown);
    assert.ok(pinterestError(response(503, {}), 'read', now) instanceof Transient);
    const missing = pinterestError(response(404, { code: 3, message: 'Board not found.' }), 'create', now);
    assert.ok(missing instanceof Rejected && missing.networkCode === '3');
  });

  it('reads both token answer shapes and refuses a bad grant as a reconnect', () => {
    const tokens = pinterestTokenSet(
      response(200, {
        access_token: 'pina_1',
        refresh_token: 'pinr_1',
        response_type: 'authorization_code',
        token_type: 'bearer',
        expires_in: 2592000,
        refresh_token_expires_in: 31536000,
        scope: 'boards:read,pins:write',
      }),
      now,
    );
    assert.deepEqual(tokens, {
      accessToken: 'pina_1',
      refreshToken: 'pinr_1',
      expiresAt: new Date('2026-01-31T00:00:00Z'),
      scopes: ['boards:read', 'pins:write'],
    });
    assert.equal(
      pinterestTokenSet(response(200, { access_token: 'pina_2', response_type: 'refresh_token', expires_in: 10 }), now)
        .refreshToken,
      undefined,
    );
    assert.throws(
      () => pinterestTokenSet(response(400, { code: 1, message: 'Invalid refresh token' }), now),
      AuthExpired,
    );
  });
});
