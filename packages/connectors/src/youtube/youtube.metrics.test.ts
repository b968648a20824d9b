import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startYouTubeSimulator, type YouTubeSimulator } from '@sillage/simulators/youtube/youtube-simulator';
import type { ConnectorContext } from '../connector.ts';
import { AuthExpired } from '../errors.ts';
import { youtubeConnector } from './index.ts';

let sim: YouTubeSimulator;
const now = () => new Date('2026-05-01T12:00:00Z');

const contextFor = (account: { accountId: string; accessToken: string }): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accountId: account.accountId, accessToken: account.accessToken },
  fetch,
  now,
  loadMedia: async () => new Uint8Array(1000).fill(3),
});

const video = { url: 'https://cdn.test/v.mp4', mimeType: 'video/mp4', width: 1920, height: 1080, durationSeconds: 30 };

async function upload(context: ConnectorContext, text: string): Promise<string> {
  const result = await youtubeConnector.publish(context, {
    idempotencyKey: text,
    format: 'video',
    text,
    media: [video],
  });
  return result.networkPostId;
}

describe('youtube post metrics against the simulator', () => {
  before(async () => {
    sim = await startYouTubeSimulator({ now });
  });
  after(() => sim.close());

  it('reads views, likes and comments of several videos in one call; the rest is not reported', async () => {
    const account = sim.createAccount();
    const context = contextFor(account);
    const first = await upload(context, 'Atelier bougies');
    const second = await upload(context, 'Visite de la boutique');
    sim.setStatistics(first, { views: 1520, likes: 87, comments: 12 });
    sim.setStatistics(second, { views: 40, likes: 3, comments: 0, likesHidden: true, commentsDisabled: true });
    const before = sim.requests.length;
    const answer = await youtubeConnector.fetchPostMetrics!(context, [first, second]);
    const calls = sim.requests.slice(before);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.method, 'GET');
    assert.deepEqual(answer, [
      {
        networkPostId: first,
        figures: {
          impressions: null,
          reach: null,
          reactions: 87,
          comments: 12,
          shares: null,
          saves: null,
          link_clicks: null,
          video_views: 1520,
        },
      },
      {
        networkPostId: second,
        // Hidden likes and disabled comments: YouTube leaves the counters out, we say "not reported".
        figures: {
          impressions: null,
          reach: null,
          reactions: null,
          comments: null,
          shares: null,
          saves: null,
          link_clicks: null,
          video_views: 40,
        },
      },
    ]);
    assert.deepEqual(youtubeConnector.postMetrics, { reported: ['reactions', 'comments', 'video_views'], batch: 50 });
  });

  it('leaves out a deleted video, and says when the token is refused', async () => {
    const account = sim.createAccount();
    const context = contextFor(account);
    const kept = await upload(context, 'Soldes de printemps');
    const removed = await upload(context, 'Vidéo retirée');
    sim.setStatistics(kept, { views: 9, likes: 1, comments: 2 });
    await youtubeConnector.deletePost!(context, removed);
    const answer = await youtubeConnector.fetchPostMetrics!(context, [removed, kept, 'neverExisted']);
    assert.deepEqual(
      answer.map((item) => [item.networkPostId, item.figures.video_views]),
      [[kept, 9]],
    );
    await assert.rejects(
      youtubeConnector.fetchPostMetrics!(contextFor({ ...account, accessToken: 'ya29.revoked' }), [kept]),
      AuthExpired,
    );
  });
});
