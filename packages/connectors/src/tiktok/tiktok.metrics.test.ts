import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTikTokSimulator, type TikTokSimulator } from '@sillage/simulators/tiktok/tiktok-simulator';
import type { ConnectorContext, MediaItem } from '../connector.ts';
import { AuthExpired } from '../errors.ts';
import { tiktokConnector } from './index.ts';

const video: MediaItem = {
  url: 'https://cdn.test/v.mp4',
  mimeType: 'video/mp4',
  width: 1080,
  height: 1920,
  durationSeconds: 20,
};
let sim: TikTokSimulator;

const contextFor = (account: { accountId: string; accessToken: string }, accessToken = account.accessToken) =>
  ({
    baseUrl: sim.baseUrl,
    credentials: { accountId: account.accountId, accessToken },
    fetch,
    now: () => new Date(),
    loadMedia: async () => new Uint8Array(150_000).fill(1),
  }) satisfies ConnectorContext;

async function post(account: { accountId: string; accessToken: string }, text: string): Promise<string> {
  const result = await tiktokConnector.publish(contextFor(account), {
    idempotencyKey: text,
    format: 'video',
    text,
    media: [video],
  });
  return result.networkPostId;
}

describe('tiktok post metrics against the simulator', () => {
  before(async () => {
    sim = await startTikTokSimulator();
  });
  after(() => sim.close());

  it('reads views, likes, comments and shares of several posts in one video/query call', async () => {
    const account = sim.createAccount();
    const first = await post(account, 'Bougies de Noël #atelier');
    const second = await post(account, 'Visite de la boutique');
    sim.setCounters(first, { views: 48_200, likes: 3_100, comments: 87, shares: 41 });
    sim.setCounters(second, { views: 950, likes: 12, comments: 0, shares: 2 });
    const before = sim.requests.length;
    const answer = await tiktokConnector.fetchPostMetrics!(contextFor(account), [first, second]);
    const calls = sim.requests.slice(before);
    assert.deepEqual(
      calls.map((call) => [call.method, call.path, call.body]),
      [['POST', '/v2/video/query/', { filters: { video_ids: [first, second] } }]],
    );
    const figures = (views: number, likes: number, comments: number, shares: number) => ({
      impressions: null,
      reach: null,
      reactions: likes,
      comments,
      shares,
      saves: null,
      link_clicks: null,
      video_views: views,
    });
    assert.deepEqual(answer, [
      { networkPostId: first, figures: figures(48_200, 3_100, 87, 41) },
      { networkPostId: second, figures: figures(950, 12, 0, 2) },
    ]);
    assert.deepEqual(tiktokConnector.postMetrics, {
      reported: ['reactions', 'comments', 'shares', 'video_views'],
      batch: 20,
    });
  });

  it('leaves out a post the creator deleted and a private post, and says when the token is refused', async () => {
    const account = sim.createAccount();
    const kept = await post(account, 'Soldes de printemps');
    const removed = await post(account, 'Une vidéo retirée');
    sim.setCounters(kept, { views: 300, likes: 9, comments: 1, shares: 0 });
    sim.removePost(removed);
    const privateOne = sim.createAccount({ privacyLevelOptions: ['SELF_ONLY'] });
    const publishId = (
      await tiktokConnector.publish(contextFor(privateOne), {
        idempotencyKey: 'private',
        format: 'video',
        text: 'Pour moi seul',
        media: [video],
        options: { privacyLevel: 'SELF_ONLY' },
      })
    ).networkPostId;
    const before = sim.requests.length;
    const answer = await tiktokConnector.fetchPostMetrics!(contextFor(account), [removed, publishId, kept]);
    assert.deepEqual(
      answer.map((item) => [item.networkPostId, item.figures.video_views]),
      [[kept, 300]],
    );
    // A private post's publish id is not a video id: it is not sent at all.
    assert.deepEqual(
      sim.requests.slice(before).map((call) => call.body),
      [{ filters: { video_ids: [removed, kept] } }],
    );
    await assert.rejects(tiktokConnector.fetchPostMetrics!(contextFor(account, 'act.revoked'), [kept]), AuthExpired);
  });
});
