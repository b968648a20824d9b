import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startInstagramSimulator, type InstagramSimulator } from '@sillage/simulators/instagram/instagram-simulator';
import type { ConnectorContext } from '../connector.ts';
import { AuthExpired } from '../errors.ts';
import { instagramConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: InstagramSimulator;
let account: ReturnType<InstagramSimulator['createAccount']>;

const context = (accessToken = account.accessToken): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accessToken, accountId: account.igUserId },
  fetch: globalThis.fetch,
  now,
  loadMedia: async () => new Uint8Array(),
});

const publishImage = async (key: string) =>
  (
    await instagramConnector.publish(context(), {
      idempotencyKey: key,
      format: 'image',
      text: 'Bougie Figuier, édition limitée',
      media: [{ url: 'https://cdn.example.com/figuier.jpg', mimeType: 'image/jpeg' }],
    })
  ).networkPostId;

describe('instagram post metrics against the simulator', () => {
  before(async () => {
    sim = await startInstagramSimulator({ now });
    account = sim.createAccount({ username: 'maisonlumiere' });
  });
  after(() => sim.close());

  it('reads media insights: views as impressions, reach, likes, comments, shares, saves; no link clicks', async () => {
    const mediaId = await publishImage('m1');
    sim.setInsights(mediaId, { views: 1840, reach: 1210, likes: 96, comments: 7, shares: 4, saved: 31 });
    const [metrics] = await instagramConnector.fetchPostMetrics!(context(), [mediaId]);
    assert.deepEqual(metrics, {
      networkPostId: mediaId,
      figures: {
        impressions: 1840,
        reach: 1210,
        reactions: 96,
        comments: 7,
        shares: 4,
        saves: 31,
        link_clicks: null,
        video_views: null,
      },
    });
  });

  it('leaves out a media Instagram does not have, and maps a revoked token to AuthExpired', async () => {
    const mediaId = await publishImage('m2');
    const answer = await instagramConnector.fetchPostMetrics!(context(), ['17999999999999999', mediaId]);
    assert.deepEqual(
      answer.map((item) => item.networkPostId),
      [mediaId],
    );
    const token = sim.createAccount({ username: 'other' });
    sim.revokeRefreshToken(token.accessToken);
    await assert.rejects(instagramConnector.fetchPostMetrics!(context(token.accessToken), [mediaId]), AuthExpired);
  });
});
