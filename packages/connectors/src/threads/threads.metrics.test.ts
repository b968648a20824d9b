import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startThreadsSimulator, type ThreadsSimulator } from '@sillage/simulators/threads/threads-simulator';
import type { ConnectorContext } from '../connector.ts';
import { threadsConnector } from './index.ts';

const now = () => new Date('2026-04-01T09:00:00Z');
let sim: ThreadsSimulator;
let account: ReturnType<ThreadsSimulator['createAccount']>;

const context = (): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accessToken: account.accessToken, accountId: account.userId },
  fetch: globalThis.fetch,
  now,
  loadMedia: async () => new Uint8Array(),
});

describe('threads post metrics against the simulator', () => {
  before(async () => {
    sim = await startThreadsSimulator({ now });
    account = sim.createAccount();
  });
  after(() => sim.close());

  it('reads views, likes, replies and reposts + quotes + shares; the rest is not reported', async () => {
    const { networkPostId } = await threadsConnector.publish(context(), {
      idempotencyKey: 't1',
      format: 'text',
      text: 'Quelle bougie pour la Saint-Nicolas ?',
      media: [],
    });
    sim.setInsights(networkPostId, { views: 730, likes: 41, replies: 12, reposts: 3, quotes: 1, shares: 2 });
    const [metrics] = await threadsConnector.fetchPostMetrics!(context(), [networkPostId]);
    assert.deepEqual(metrics, {
      networkPostId,
      figures: {
        impressions: 730,
        reach: null,
        reactions: 41,
        comments: 12,
        shares: 6,
        saves: null,
        link_clicks: null,
        video_views: null,
      },
    });
  });

  it('leaves out a deleted post', async () => {
    const { networkPostId } = await threadsConnector.publish(context(), {
      idempotencyKey: 't2',
      format: 'text',
      text: 'Brouillon publié trop tôt',
      media: [],
    });
    await threadsConnector.deletePost!(context(), networkPostId);
    assert.deepEqual(await threadsConnector.fetchPostMetrics!(context(), [networkPostId]), []);
  });
});
