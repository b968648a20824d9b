import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startXSimulator, type XSimulator } from '@sillage/simulators/x/x-simulator';
import type { ConnectorContext } from '../connector.ts';
import { AuthExpired, RateLimited } from '../errors.ts';
import { xConnector } from './index.ts';

let sim: XSimulator;
const now = () => new Date('2026-05-01T12:00:00Z');

const contextFor = (accessToken = sim.accessToken): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accountId: sim.account.id, accessToken },
  fetch,
  now,
  loadMedia: async () => new Uint8Array(1000).fill(3),
});

async function post(text: string): Promise<string> {
  const result = await xConnector.publish(contextFor(), { idempotencyKey: text, format: 'text', text, media: [] });
  return result.networkPostId;
}

describe('x post metrics against the simulator', () => {
  before(async () => {
    sim = await startXSimulator({ now });
  });
  after(() => sim.close());

  it('reads public and non-public metrics of several posts in one call', async () => {
    const first = await post('Atelier bougies samedi');
    const second = await post('Nouvelle collection');
    sim.setMetrics(first, {
      impressions: 1200,
      nonPublicImpressions: 1350,
      likes: 41,
      replies: 6,
      reposts: 9,
      quotes: 2,
      bookmarks: 5,
      urlLinkClicks: 17,
    });
    sim.setMetrics(second, { impressions: 80, likes: 3 });
    const before = sim.requests.length;
    const answer = await xConnector.fetchPostMetrics!(contextFor(), [first, second]);
    const calls = sim.requests.slice(before);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.method, 'GET');
    assert.deepEqual(answer, [
      {
        networkPostId: first,
        figures: {
          impressions: 1350,
          reach: null,
          reactions: 41,
          comments: 6,
          shares: 11,
          saves: 5,
          link_clicks: 17,
          video_views: null,
        },
      },
      {
        networkPostId: second,
        // No url_link_clicks in the non-public metrics: X did not report clicks for this post.
        figures: {
          impressions: 80,
          reach: null,
          reactions: 3,
          comments: 0,
          shares: 0,
          saves: 0,
          link_clicks: null,
          video_views: null,
        },
      },
    ]);
    assert.deepEqual(xConnector.postMetrics, {
      reported: ['impressions', 'reactions', 'comments', 'shares', 'saves', 'link_clicks'],
      batch: 100,
    });
  });

  it('accepts repost_count as well as retweet_count, and public impressions without non-public metrics', async () => {
    const { xTweetMetrics } = await import('./x.metrics.ts');
    assert.deepEqual(
      xTweetMetrics({
        id: '7',
        public_metrics: { repost_count: 4, quote_count: 1, like_count: 2, reply_count: 0, impression_count: 55 },
      }).figures,
      {
        impressions: 55,
        reach: null,
        reactions: 2,
        comments: 0,
        shares: 5,
        saves: null,
        link_clicks: null,
        video_views: null,
      },
    );
  });

  it('leaves out a deleted post, and says when the token is refused or the limit is reached', async () => {
    const kept = await post('Soldes de printemps');
    const removed = await post('Message retiré');
    sim.setMetrics(kept, { likes: 8 });
    await xConnector.deletePost!(contextFor(), removed);
    const answer = await xConnector.fetchPostMetrics!(contextFor(), [removed, kept, '1999999999999999999']);
    assert.deepEqual(
      answer.map((item) => [item.networkPostId, item.figures.reactions]),
      [[kept, 8]],
    );
    assert.deepEqual(await xConnector.fetchPostMetrics!(contextFor(), [removed]), []);
    await assert.rejects(xConnector.fetchPostMetrics!(contextFor('revoked-token'), [kept]), AuthExpired);
    sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 120 }, { pathIncludes: '/2/tweets' });
    await assert.rejects(xConnector.fetchPostMetrics!(contextFor(), [kept]), (error: unknown) => {
      assert.ok(error instanceof RateLimited);
      assert.equal(error.retryAt.toISOString(), new Date(now().getTime() + 120_000).toISOString());
      return true;
    });
    sim.faults.clear();
  });
});
