import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import {
  linkedinCommentary,
  linkedinContent,
  linkedinCreatedUrn,
  linkedinError,
  linkedinFindOwnPost,
  linkedinPostBody,
  linkedinTokenError,
  linkedinTokenSet,
  validateLinkedinRequest,
} from './linkedin.mapper.ts';

const now = new Date('2026-01-01T12:00:00.000Z');
const base = { idempotencyKey: 'pub_1', format: 'text' as const, text: 'Hi', media: [] };

describe('linkedin mapper', () => {
  it('escapes little-text reserved characters but keeps hashtags', () => {
    assert.equal(linkedinCommentary('Launch (beta) #launch'), 'Launch \\(beta\\) #launch');
    assert.equal(
      linkedinCommentary('a_b * c~ {x} [y] <z> | @ana \\ # alone'),
      'a\\_b \\* c\\~ \\{x\\} \\[y\\] \\<z\\> \\| \\@ana \\\\ \\# alone',
    );
    assert.equal(linkedinCommentary('C#sharp'), 'C\\#sharp', 'a # inside a word is not a hashtag');
  });

  it('builds the organization post body of platforms.md', () => {
    assert.deepEqual(linkedinPostBody('urn:li:organization:5515715', 'Launch day! (beta) #launch', undefined), {
      author: 'urn:li:organization:5515715',
      commentary: 'Launch day! \\(beta\\) #launch',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
  });

  it('shapes content as media, multiImage or article', () => {
    assert.deepEqual(linkedinContent([{ urn: 'urn:li:image:C4E10AQ', kind: 'image', altText: 'A lamp' }]), {
      media: { id: 'urn:li:image:C4E10AQ', altText: 'A lamp' },
    });
    assert.deepEqual(linkedinContent([{ urn: 'urn:li:video:C5F10AQ', kind: 'video', title: 'Demo' }]), {
      media: { id: 'urn:li:video:C5F10AQ', title: 'Demo' },
    });
    assert.deepEqual(
      linkedinContent([
        { urn: 'urn:li:image:1', kind: 'image', altText: 'one' },
        { urn: 'urn:li:image:2', kind: 'image' },
      ]),
      { multiImage: { images: [{ id: 'urn:li:image:1', altText: 'one' }, { id: 'urn:li:image:2' }] } },
    );
    assert.deepEqual(linkedinContent([], { url: 'https://example.com', title: 'T' }), {
      article: { source: 'https://example.com', title: 'T' },
    });
  });

  it('reads the post URN from x-restli-id, and treats its absence as unknown', () => {
    const headers = new Headers({ 'x-restli-id': 'urn:li:share:7123456789012345678' });
    assert.equal(linkedinCreatedUrn({ status: 201, headers, body: {} }), 'urn:li:share:7123456789012345678');
    assert.throws(() => linkedinCreatedUrn({ status: 201, headers: new Headers(), body: {} }), OutcomeUnknown);
  });

  it('maps REVOKED_ACCESS_TOKEN to AuthExpired(false) and EXPIRED_ACCESS_TOKEN to AuthExpired(true)', () => {
    const revoked = linkedinError(
      {
        status: 401,
        headers: new Headers(),
        body: { status: 401, serviceErrorCode: 65601, code: 'REVOKED_ACCESS_TOKEN', message: 'revoked' },
      },
      { sent: true, now },
    );
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
    const expired = linkedinError(
      {
        status: 401,
        headers: new Headers(),
        body: { status: 401, serviceErrorCode: 65602, code: 'EXPIRED_ACCESS_TOKEN' },
      },
      { sent: true, now },
    );
    assert.ok(expired instanceof AuthExpired && expired.refreshable);
  });

  it('maps a 429 to the next midnight UTC (daily quotas), or to Retry-After when sent', () => {
    const quota = linkedinError({ status: 429, headers: new Headers(), body: { status: 429 } }, { sent: true, now });
    assert.ok(quota instanceof RateLimited);
    assert.equal(quota.retryAt.toISOString(), '2026-01-02T00:00:00.000Z');
    const throttled = linkedinError(
      { status: 429, headers: new Headers({ 'retry-after': '30' }), body: {} },
      { sent: true, now },
    );
    assert.equal((throttled as RateLimited).retryAt.toISOString(), '2026-01-01T12:00:30.000Z');
  });

  it('maps a 422 Rest.li error to Rejected with its message, and 5xx by phase', () => {
    const body = {
      status: 422,
      serviceErrorCode: 100,
      code: 'UNPROCESSABLE_ENTITY',
      message: 'ERROR :: /commentary :: too long',
    };
    const rejected = linkedinError({ status: 422, headers: new Headers(), body }, { sent: true, now });
    assert.ok(
      rejected instanceof Rejected && rejected.reason.includes('/commentary') && rejected.networkCode === '100',
    );
    assert.ok(
      linkedinError({ status: 500, headers: new Headers(), body: {} }, { sent: true, now }) instanceof OutcomeUnknown,
    );
    assert.ok(
      linkedinError({ status: 500, headers: new Headers(), body: {} }, { sent: false, now }) instanceof Transient,
    );
  });

  it('reads a token answer (expires_in 5184000 s, comma-separated scopes) and maps invalid_grant to AuthExpired(false)', () => {
    const tokens = linkedinTokenSet(
      {
        access_token: 'AQV',
        expires_in: 5184000,
        refresh_token: 'AQX',
        refresh_token_expires_in: 31536000,
        scope: 'r_organization_social,w_organization_social',
      },
      now,
    );
    assert.equal(tokens.expiresAt?.toISOString(), '2026-03-02T12:00:00.000Z');
    assert.deepEqual(tokens.scopes, ['r_organization_social', 'w_organization_social']);
    const error = linkedinTokenError({
      status: 400,
      headers: new Headers(),
      body: { error: 'invalid_grant', error_description: 'expired' },
    });
    assert.ok(error instanceof AuthExpired && !error.refreshable);
  });

  it('finds our post by its escaped commentary at or after notBefore', () => {
    const body = {
      elements: [
        {
          id: 'urn:li:share:3',
          commentary: 'Hi \\(you\\)',
          createdAt: now.getTime() + 60_000,
          lifecycleState: 'PUBLISHED',
        },
        {
          id: 'urn:li:share:1',
          commentary: 'Hi \\(you\\)',
          createdAt: now.getTime() - 60_000,
          lifecycleState: 'PUBLISHED',
        },
      ],
    };
    assert.equal(linkedinFindOwnPost(body, 'Hi (you)', now), 'urn:li:share:3');
    assert.equal(linkedinFindOwnPost(body, 'Hi', now), null);
  });

  it('refuses a thread, a video mixed with images, 21 images and a format pages lack', () => {
    const photo = { url: 'u', mimeType: 'image/png' };
    assert.match(validateLinkedinRequest({ ...base, threadParts: [{ text: 'two' }] })[0]!.reason, /no threads/);
    assert.match(
      validateLinkedinRequest({ ...base, format: 'video', media: [photo, { url: 'v', mimeType: 'video/mp4' }] })[0]!
        .reason,
      /alone/,
    );
    assert.match(
      validateLinkedinRequest({ ...base, format: 'multi_image', media: Array(21).fill(photo) })[0]!.reason,
      /allows 20/,
    );
    assert.match(validateLinkedinRequest({ ...base, format: 'story' })[0]!.reason, /do not publish/);
  });
});
