import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import {
  tiktokChunkPlan,
  tiktokCreatorInfo,
  tiktokError,
  tiktokFindOwnPost,
  tiktokPhotoInitBody,
  tiktokStatus,
  tiktokTokenSet,
  tiktokVideoInitBody,
  validateTikTokRequest,
} from './tiktok.mapper.ts';

const now = new Date('2026-07-01T12:00:00Z');
const creator = tiktokCreatorInfo({
  data: {
    creator_avatar_url: 'https://p16.test/a.jpeg',
    creator_username: 'tiktok',
    creator_nickname: 'TikTok',
    privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'],
    comment_disabled: false,
    duet_disabled: false,
    stitch_disabled: true,
    max_video_post_duration_sec: 600,
  },
  error: { code: 'ok', message: '', log_id: '202607011200' },
});
const video: PublishRequest = {
  idempotencyKey: 'pub_1',
  format: 'video',
  text: 'Sunset #travel',
  media: [{ url: 'https://verified.test/v.mp4', mimeType: 'video/mp4' }],
};

function response(status: number, code: string, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers), body: { data: {}, error: { code, message: 'm', log_id: 'l' } } };
}

describe('tiktok mapper', () => {
  it('plans chunks as platforms.md gives them: 50,000,123 bytes -> 5 chunks of 10 MB, the last with the remainder', () => {
    const plan = tiktokChunkPlan(50_000_123);
    assert.equal(plan.totalChunkCount, 5);
    assert.equal(plan.chunkSize, 10_000_000);
    assert.deepEqual(plan.ranges.at(-1), { first: 40_000_000, last: 50_000_122 });
  });

  it('sends a file under the chunk size as one chunk of its own size', () => {
    assert.deepEqual(tiktokChunkPlan(3_000_000), {
      chunkSize: 3_000_000,
      totalChunkCount: 1,
      ranges: [{ first: 0, last: 2_999_999 }],
    });
  });

  it("builds the direct-post video init body, honouring the creator's disabled stitch", () => {
    const plan = tiktokChunkPlan(50_000_123);
    assert.deepEqual(tiktokVideoInitBody(video, creator, { source: 'FILE_UPLOAD', plan, size: 50_000_123 }), {
      post_info: {
        title: 'Sunset #travel',
        privacy_level: 'PUBLIC_TO_EVERYONE',
        disable_duet: false,
        disable_comment: false,
        disable_stitch: true,
        brand_content_toggle: false,
        brand_organic_toggle: false,
        is_aigc: false,
      },
      source_info: { source: 'FILE_UPLOAD', video_size: 50_000_123, chunk_size: 10_000_000, total_chunk_count: 5 },
    });
  });

  it('builds the photo init body with PULL_FROM_URL images', () => {
    const body = tiktokPhotoInitBody(
      {
        ...video,
        format: 'multi_image',
        text: 'Desc',
        media: [{ url: 'https://v.test/1.jpg', mimeType: 'image/jpeg' }],
      },
      creator,
    );
    assert.equal(body.post_mode, 'DIRECT_POST');
    assert.deepEqual(body.source_info, {
      source: 'PULL_FROM_URL',
      photo_cover_index: 0,
      photo_images: ['https://v.test/1.jpg'],
    });
    assert.equal(body.post_info.description, 'Desc');
  });

  it('refuses PNG photos and more than 35 images', () => {
    const png = { url: 'https://v.test/1.png', mimeType: 'image/png' };
    assert.ok(
      validateTikTokRequest({ ...video, format: 'image', media: [png] }).some(
        (problem) => problem.networkCode === 'photo_type',
      ),
    );
    const many = Array.from({ length: 36 }, () => ({ url: 'https://v.test/1.jpg', mimeType: 'image/jpeg' }));
    assert.ok(
      validateTikTokRequest({ ...video, format: 'multi_image', media: many }).some(
        (problem) => problem.networkCode === 'media',
      ),
    );
  });

  it('reads PUBLISH_COMPLETE with publicaly_available_post_id (sic) and FAILED with its reason', () => {
    const done = tiktokStatus(
      {
        data: { status: 'PUBLISH_COMPLETE', publicaly_available_post_id: ['7300000000000000001'] },
        error: { code: 'ok' },
      },
      'v_pub_file~v2-1.1',
      'tiktok',
      'video',
    );
    assert.deepEqual(done, {
      state: 'done',
      result: { networkPostId: '7300000000000000001', url: 'https://www.tiktok.com/@tiktok/video/7300000000000000001' },
    });
    assert.deepEqual(
      tiktokStatus({ data: { status: 'FAILED', fail_reason: 'file_format_check_failed' } }, 'x', 't', 'video'),
      {
        state: 'failed',
        reason: 'file_format_check_failed',
      },
    );
    assert.equal(tiktokStatus({ data: { status: 'PROCESSING_UPLOAD' } }, 'x', 't', 'video').state, 'pending');
  });

  it('maps TikTok error codes to our types', () => {
    const limited = tiktokError(response(429, 'rate_limit_exceeded'), 'create', now);
    assert.ok(limited instanceof RateLimited && limited.retryAt.toISOString() === '2026-07-01T12:01:00.000Z');
    const capped = tiktokError(response(400, 'spam_risk_too_many_posts'), 'create', now);
    assert.ok(capped instanceof RateLimited && capped.scope === 'quota');
    assert.ok((tiktokError(response(401, 'access_token_invalid'), 'read', now) as AuthExpired).refreshable);
    assert.equal((tiktokError(response(401, 'scope_not_authorized'), 'read', now) as AuthExpired).refreshable, false);
    assert.ok(tiktokError(response(500, 'internal_error'), 'create', now) instanceof OutcomeUnknown);
    assert.ok(tiktokError(response(500, 'internal_error'), 'read', now) instanceof Transient);
    const mismatch = tiktokError(response(400, 'privacy_level_option_mismatch'), 'create', now);
    assert.ok(mismatch instanceof Rejected && mismatch.networkCode === 'privacy_level_option_mismatch');
  });

  it('finds our post in video/list by caption, not before notBefore (create_time in seconds)', () => {
    const list = {
      data: {
        videos: [
          {
            id: '2',
            title: 'Sunset #travel',
            video_description: 'Sunset #travel',
            create_time: 1782907200,
            share_url: 'https://t.test/2',
          },
          { id: '1', title: 'Sunset #travel', create_time: 1700000000 },
        ],
      },
      error: { code: 'ok' },
    };
    assert.deepEqual(tiktokFindOwnPost(list, 'Sunset #travel', now), { networkPostId: '2', url: 'https://t.test/2' });
    assert.equal(tiktokFindOwnPost(list, 'Sunset #travel', new Date('2026-07-02T00:00:00Z')), null);
  });

  it('reads the token answer and treats invalid_grant as a reconnect', () => {
    const tokens = tiktokTokenSet(
      {
        open_id: '-000x',
        scope: 'user.info.basic,video.publish',
        access_token: 'act.1',
        expires_in: 86400,
        refresh_token: 'rft.1',
        refresh_expires_in: 31536000,
        token_type: 'Bearer',
      },
      now,
    );
    assert.deepEqual(tokens, {
      accessToken: 'act.1',
      refreshToken: 'rft.1',
      expiresAt: new Date('2026-07-02T12:00:00Z'),
      scopes: ['user.info.basic', 'video.publish'],
    });
    assert.throws(
      () => tiktokTokenSet({ error: 'invalid_grant', error_description: 'expired', log_id: 'l' }, now),
      AuthExpired,
    );
  });
});
