import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMastodonSimulator, type MastodonSimulator } from '@sillage/simulators/mastodon/mastodon-simulator';
import type { ConnectorContext } from '../connector.ts';
import { AuthExpired } from '../errors.ts';
import { mastodonConnector } from './index.ts';

let sim: MastodonSimulator;
const now = () => new Date('2026-05-01T12:00:00Z');

const context = (accessToken = sim.accessToken): ConnectorContext => ({
  baseUrl: 'http://unused.invalid',
  credentials: { accessToken, accountId: sim.account.id, instanceUrl: sim.baseUrl },
  fetch,
  now,
  loadMedia: async () => new Uint8Array(),
});

describe('mastodon post metrics against the simulator', () => {
  before(async () => {
    sim = await startMastodonSimulator({ now });
  });
  after(() => sim.close());

  it('reads favourites, reblogs and replies as reactions, shares and comments; the rest is not reported', async () => {
    const published = await mastodonConnector.publish(context(), {
      idempotencyKey: 'metrics-1',
      format: 'text',
      text: 'Nos bougies de Noël sont là',
      media: [],
    });
    sim.engage(published.networkPostId, { favourites: 12, reblogs: 3 });
    sim.inbox.addIncoming({ to: sim.account.id, text: 'Superbe !', inReplyTo: published.networkPostId });
    const [metrics] = await mastodonConnector.fetchPostMetrics!(context(), [published.networkPostId]);
    assert.deepEqual(metrics, {
      networkPostId: published.networkPostId,
      figures: {
        impressions: null,
        reach: null,
        reactions: 12,
        comments: 1,
        shares: 3,
        saves: null,
        link_clicks: null,
        video_views: null,
      },
    });
    assert.deepEqual(mastodonConnector.postMetrics?.reported, ['reactions', 'comments', 'shares']);
  });

  it('leaves out a status the instance no longer has, and says when the token is refused', async () => {
    const kept = await mastodonConnector.publish(context(), {
      idempotencyKey: 'metrics-2',
      format: 'text',
      text: 'Atelier ouvert samedi',
      media: [],
    });
    const answer = await mastodonConnector.fetchPostMetrics!(context(), ['999999999', kept.networkPostId]);
    assert.deepEqual(
      answer.map((item) => item.networkPostId),
      [kept.networkPostId],
    );
    await assert.rejects(mastodonConnector.fetchPostMetrics!(context('revoked'), [kept.networkPostId]), AuthExpired);
  });
});
