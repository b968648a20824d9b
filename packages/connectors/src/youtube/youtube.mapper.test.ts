import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublishRequest } from '../connector.ts';
import { OutcomeUnknown, RateLimited, AuthExpired, Rejected } from '../errors.ts';
import { mapGoogleError, nextPacificMidnight } from './google-api.ts';
import {
  validateYouTubeRequest,
  youtubeFindOwnVideo,
  youtubeNextOffset,
  youtubeUploadResult,
  youtubeVideoMetadata,
} from './youtube.mapper.ts';

const video = { url: 'https://cdn.test/v.mp4', mimeType: 'video/mp4' };
const base: PublishRequest = { idempotencyKey: 'pub_1', format: 'video', text: 'Launch\nDetails', media: [video] };
const now = new Date('2026-07-01T12:00:00Z');

describe('youtube mapper', () => {
  it('takes the title from the first line and keeps the text as the description', () => {
    const metadata = youtubeVideoMetadata(base);
    assert.deepEqual(metadata.snippet, { title: 'Launch', description: 'Launch\nDetails', categoryId: '22' });
    assert.equal(metadata.status.privacyStatus, 'public');
  });

  it('forces privacyStatus private when publishAt is set, as YouTube requires', () => {
    const metadata = youtubeVideoMetadata({ ...base, options: { publishAt: '2026-12-01T10:00:00Z' } });
    assert.deepEqual(metadata.status, {
      privacyStatus: 'private',
      selfDeclaredMadeForKids: false,
      publishAt: '2026-12-01T10:00:00Z',
    });
  });

  it('does not add #Shorts twice when the text already has it', () => {
    const metadata = youtubeVideoMetadata({ ...base, format: 'short', text: 'Tip #shorts' });
    assert.equal(metadata.snippet.description, 'Tip #shorts');
  });

  it('refuses a landscape or over-3-minute Short and says what to change', () => {
    const problems = validateYouTubeRequest({
      ...base,
      format: 'short',
      media: [{ ...video, width: 1920, height: 1080, durationSeconds: 181 }],
    });
    assert.deepEqual(problems.map((problem) => problem.networkCode).sort(), ['short_aspect', 'short_duration']);
  });

  it('refuses threads, images and descriptions over 5,000 UTF-8 bytes', () => {
    assert.ok(
      validateYouTubeRequest({ ...base, format: 'thread' }).some((problem) => problem.networkCode === 'format'),
    );
    assert.ok(validateYouTubeRequest({ ...base, media: [{ url: 'x', mimeType: 'image/jpeg' }] }).length > 0);
    const emoji = validateYouTubeRequest({ ...base, text: `T\n${'é'.repeat(2500)}` });
    assert.ok(emoji.some((problem) => problem.reason.includes('5002 bytes')));
  });

  it('reads the next offset from a 308 Range header', () => {
    assert.equal(youtubeNextOffset('bytes=0-262143'), 262144);
    assert.equal(youtubeNextOffset(null), 0);
  });

  it('maps the uploaded video resource and refuses one without an id', () => {
    assert.deepEqual(youtubeUploadResult({ kind: 'youtube#video', id: 'dQw4w9WgXcQ' }), {
      networkPostId: 'dQw4w9WgXcQ',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    });
    assert.throws(() => youtubeUploadResult({ kind: 'youtube#video' }), OutcomeUnknown);
  });

  it('maps quotaExceeded (youtube.quota) to RateLimited(quota) at the next Pacific midnight', () => {
    const body = {
      error: {
        code: 403,
        message: 'The request cannot be completed because you have exceeded your quota.',
        errors: [{ message: '…', domain: 'youtube.quota', reason: 'quotaExceeded' }],
        status: 'PERMISSION_DENIED',
      },
    };
    const error = mapGoogleError({ status: 403, headers: new Headers(), body }, 'create', now);
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'quota');
    // 2026-07-01 12:00Z is 05:00 PDT; midnight PDT is 07:00Z.
    assert.equal(error.retryAt.toISOString(), '2026-07-02T07:00:00.000Z');
    assert.equal(nextPacificMidnight(new Date('2026-12-01T12:00:00Z')).toISOString(), '2026-12-02T08:00:00.000Z');
  });

  it('maps 401 to a refreshable AuthExpired, 5xx on a create to OutcomeUnknown, invalidTitle to Rejected', () => {
    const headers = new Headers();
    assert.ok(
      mapGoogleError(
        { status: 401, headers, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } },
        'read',
        now,
      ) instanceof AuthExpired,
    );
    assert.ok(mapGoogleError({ status: 503, headers, body: {} }, 'create', now) instanceof OutcomeUnknown);
    const invalid = mapGoogleError(
      { status: 400, headers, body: { error: { code: 400, errors: [{ reason: 'invalidTitle' }] } } },
      'create',
      now,
    );
    assert.ok(invalid instanceof Rejected && invalid.networkCode === 'invalidTitle');
  });

  it('finds our video in the uploads playlist by description, not before notBefore', () => {
    const items = {
      items: [
        {
          snippet: { description: 'Tip\n\n#Shorts', publishedAt: '2026-07-01T12:00:05Z' },
          contentDetails: { videoId: 'new1' },
        },
        { snippet: { description: 'Tip', publishedAt: '2026-06-01T00:00:00Z' }, contentDetails: { videoId: 'old1' } },
      ],
    };
    assert.equal(youtubeFindOwnVideo(items, 'Tip', now), 'new1');
    assert.equal(youtubeFindOwnVideo(items, 'Tip', new Date('2026-07-02T00:00:00Z')), null);
  });
});
