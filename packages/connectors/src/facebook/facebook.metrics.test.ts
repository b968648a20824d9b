import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFacebookSimulator, type FacebookSimulator } from '@sillage/simulators/facebook/facebook-simulator';
import type { ConnectorContext } from '../connector.ts';
import { facebookConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: FacebookSimulator;
let account: ReturnType<FacebookSimulator['createAccount']>;

const context = (): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accessToken: account.pageAccessToken, accountId: account.pageId },
  fetch: globalThis.fetch,
  now,
  loadMedia: async () => new Uint8Array(),
});

describe('facebook post metrics against the simulator', () => {
  before(async () => {
    sim = await startFacebookSimulator({ now });
    account = sim.createAccount({ pageName: 'Maison Lumière' });
  });
  after(() => sim.close());

  it('reads views, unique views, reactions by type, link clicks, comments and shares; no saves', async () => {
    const { networkPostId } = await facebookConnector.publish(context(), {
      idempotencyKey: 'f1',
      format: 'link',
      text: 'Les ateliers de décembre sont ouverts',
      media: [],
      link: { url: 'https://maison-lumiere.example/ateliers' },
    });
    sim.setEngagement(networkPostId, {
      views: 5230,
      uniqueViews: 3900,
      reactions: { like: 120, love: 34, wow: 2 },
      linkClicks: 88,
      otherClicks: 40,
      shares: 9,
      comments: 14,
    });
    const [metrics] = await facebookConnector.fetchPostMetrics!(context(), [networkPostId]);
    assert.deepEqual(metrics, {
      networkPostId,
      figures: {
        impressions: 5230,
        reach: 3900,
        reactions: 156,
        comments: 14,
        shares: 9,
        saves: null,
        link_clicks: 88,
        video_views: 0,
      },
    });
  });

  it('counts no shares when Graph leaves the field out, and leaves out a deleted post', async () => {
    const { networkPostId } = await facebookConnector.publish(context(), {
      idempotencyKey: 'f2',
      format: 'text',
      text: 'Bonne semaine à tous',
      media: [],
    });
    const { networkPostId: deleted } = await facebookConnector.publish(context(), {
      idempotencyKey: 'f3',
      format: 'text',
      text: 'Publié par erreur',
      media: [],
    });
    await facebookConnector.deletePost!(context(), deleted);
    const answer = await facebookConnector.fetchPostMetrics!(context(), [deleted, networkPostId]);
    assert.equal(answer.length, 1);
    assert.equal(answer[0]!.networkPostId, networkPostId);
    assert.equal(answer[0]!.figures.shares, 0);
    assert.equal(answer[0]!.figures.comments, 0);
  });
});
