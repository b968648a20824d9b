import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthExpired, RateLimited, Rejected } from '../errors.ts';
import { buildFacets, findTags, graphemeLength } from './bluesky.facets.ts';
import {
  blobRefOf,
  pdsEndpointOf,
  publishResultOf,
  recordKeyFor,
  strongRefOf,
  tokenSetOf,
  validateForBluesky,
  xrpcError,
} from './bluesky.mapper.ts';
import { blueskyConnector } from './index.ts';

const now = new Date('2026-01-01T12:00:00.000Z');
const request = { idempotencyKey: 'pub_1', format: 'text' as const, text: 'Hello', media: [] };

describe('Bluesky mapper', () => {
  it('places facets at UTF-8 byte offsets, as in the reference example', () => {
    const text = 'Hello @alice.bsky.social! #launch https://example.com';
    const facets = buildFacets(text, new Map([['alice.bsky.social', 'did:plc:alice123']]));
    assert.deepEqual(facets, [
      {
        index: { byteStart: 6, byteEnd: 24 },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice123' }],
      },
      { index: { byteStart: 26, byteEnd: 33 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'launch' }] },
      {
        index: { byteStart: 34, byteEnd: 53 },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com' }],
      },
    ]);
  });

  it('counts bytes, not UTF-16 units, before a facet (Café ☕ #launch spans bytes 10-17)', () => {
    assert.deepEqual(findTags('Café ☕ #launch'), [{ tag: 'launch', byteStart: 10, byteEnd: 17 }]);
  });

  it('leaves trailing punctuation out of links and tags, and unresolved mentions as plain text', () => {
    const facets = buildFacets('See https://example.com/a. #go! @nobody.test', new Map());
    assert.deepEqual(
      facets.map((facet) => facet.features[0]),
      [
        { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/a' },
        { $type: 'app.bsky.richtext.facet#tag', tag: 'go' },
      ],
    );
  });

  it('counts an emoji family as one grapheme', () => {
    assert.equal(graphemeLength('👩‍👩‍👧'), 1);
  });

  it('derives a valid, stable TID record key per idempotency key and thread part', () => {
    const key = recordKeyFor('pub_1', 0);
    assert.match(key, /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    assert.equal(recordKeyFor('pub_1', 0), key);
    assert.notEqual(recordKeyFor('pub_1', 1), key);
    assert.notEqual(recordKeyFor('pub_2', 0), key);
  });

  it('reads a createRecord answer and gives the bsky.app URL', () => {
    const ref = strongRefOf({
      uri: 'at://did:plc:abc123/app.bsky.feed.post/3lbxyz2abcd2k',
      cid: 'bafyreiabc',
      commit: { cid: 'bafyreixyz', rev: '3lbxyz' },
      validationStatus: 'valid',
    });
    assert.ok(ref);
    assert.deepEqual(publishResultOf([ref]), {
      networkPostId: 'at://did:plc:abc123/app.bsky.feed.post/3lbxyz2abcd2k',
      url: 'https://bsky.app/profile/did:plc:abc123/post/3lbxyz2abcd2k',
    });
    assert.equal(strongRefOf({}), null);
  });

  it('reads an uploadBlob answer', () => {
    const blob = blobRefOf({
      blob: { $type: 'blob', ref: { $link: 'bafkreiabc' }, mimeType: 'image/jpeg', size: 234567 },
    });
    assert.deepEqual(blob, { $type: 'blob', ref: { $link: 'bafkreiabc' }, mimeType: 'image/jpeg', size: 234567 });
  });

  it('reads a session: tokens, DID, the access JWT expiry and the PDS from the DID document', () => {
    const exp = Math.floor(now.getTime() / 1000) + 7200;
    const accessJwt = `e30.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig`;
    const body = {
      accessJwt,
      refreshJwt: 'r',
      handle: 'alice.bsky.social',
      did: 'did:plc:abc123',
      didDoc: {
        service: [
          {
            id: '#atproto_pds',
            type: 'AtprotoPersonalDataServer',
            serviceEndpoint: 'https://morel.us-east.host.bsky.network',
          },
        ],
      },
    };
    const tokens = tokenSetOf(body, now);
    assert.equal(tokens.expiresAt?.getTime(), exp * 1000);
    assert.equal(tokens.did, 'did:plc:abc123');
    assert.equal(pdsEndpointOf(body), 'https://morel.us-east.host.bsky.network');
  });

  it('turns a 429 into RateLimited at RateLimit-Reset (epoch seconds)', () => {
    const error = xrpcError(
      {
        status: 429,
        headers: new Headers({
          'ratelimit-limit': '5000',
          'ratelimit-remaining': '0',
          'ratelimit-reset': '1767272400',
          'ratelimit-policy': '5000;w=3600',
        }),
        body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
      },
      now,
    );
    assert.ok(error instanceof RateLimited);
    assert.equal(error.retryAt.toISOString(), '2026-01-01T13:00:00.000Z');
  });

  it('turns 400 ExpiredToken into a refreshable AuthExpired, but not on refreshSession', () => {
    const failure = {
      status: 400,
      headers: new Headers(),
      body: { error: 'ExpiredToken', message: 'Token has expired' },
    };
    const onCall = xrpcError(failure, now);
    assert.ok(onCall instanceof AuthExpired && onCall.refreshable);
    const onRefresh = xrpcError(
      { ...failure, body: { error: 'ExpiredToken', message: 'Token has been revoked' } },
      now,
      { onRefresh: true },
    );
    assert.ok(onRefresh instanceof AuthExpired && !onRefresh.refreshable);
  });

  it('turns 400 InvalidRequest into Rejected with the network code', () => {
    const error = xrpcError(
      {
        status: 400,
        headers: new Headers(),
        body: { error: 'InvalidRequest', message: 'Invalid app.bsky.feed.post record' },
      },
      now,
    );
    assert.ok(error instanceof Rejected);
    assert.equal(error.networkCode, 'InvalidRequest');
  });

  it('rejects a text over 300 graphemes, naming the limit and the excess', () => {
    const [problem] = validateForBluesky({ ...request, text: 'é'.repeat(301) }, blueskyConnector.capabilities.formats);
    assert.match(problem!.reason, /300/);
    assert.match(problem!.reason, /by 1/);
  });

  it('accepts 300 emoji (more than 300 UTF-16 units) because Bluesky counts graphemes', () => {
    assert.deepEqual(
      validateForBluesky({ ...request, text: '🙂'.repeat(300) }, blueskyConnector.capabilities.formats),
      [],
    );
  });

  it('rejects five images, a video, and images with a link card', () => {
    const image = { url: 'https://cdn.test/a.jpg', mimeType: 'image/jpeg' };
    const five = validateForBluesky(
      { ...request, format: 'multi_image', media: Array(5).fill(image) },
      blueskyConnector.capabilities.formats,
    );
    assert.match(five[0]!.reason, /allows 4/);
    const video = validateForBluesky(
      { ...request, format: 'video', media: [{ url: 'v', mimeType: 'video/mp4' }] },
      blueskyConnector.capabilities.formats,
    );
    assert.equal(video.length, 2);
    const both = validateForBluesky(
      { ...request, format: 'link', media: [image], link: { url: 'https://a.io' } },
      blueskyConnector.capabilities.formats,
    );
    assert.match(both[0]!.reason, /either images or a link card/);
  });
});
