import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLinkedinSimulator, type LinkedinSimulator } from '@sillage/simulators/linkedin/linkedin-simulator';
import type { ConnectorContext } from '../connector.ts';
import { AuthExpired } from '../errors.ts';
import { linkedinConnector } from './index.ts';

let sim: LinkedinSimulator;

const contextFor = (accessToken = sim.accessToken, calls?: URL[]): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accessToken, accountId: sim.organizationUrn },
  fetch: (input, init) => {
    calls?.push(new URL(input instanceof Request ? input.url : input));
    return fetch(input, init);
  },
  now: () => new Date(),
  loadMedia: async () => new Uint8Array(),
});

const post = async (text: string) =>
  (await linkedinConnector.publish(contextFor(), { idempotencyKey: text, format: 'text', text, media: [] }))
    .networkPostId;

describe('linkedin post metrics against the simulator', () => {
  before(async () => {
    sim = await startLinkedinSimulator();
  });
  after(() => sim.close());

  it('reads the lifetime share statistics of shares and of posts made in LinkedIn, one call per kind', async () => {
    const share = await post('Nos bougies de Noël sont là');
    const quiet = await post('Atelier ouvert samedi');
    const ugcPost = sim.publishInLinkedin({ author: sim.organizationUrn, text: 'Posté depuis LinkedIn' });
    sim.setShareStatistics(share, {
      impressions: 2400,
      uniqueImpressions: 1800,
      clicks: 95,
      likes: 61,
      comments: 7,
      shares: 4,
    });
    sim.setShareStatistics(ugcPost, { impressions: 310, uniqueImpressions: 250, clicks: 3, likes: 9 });
    const calls: URL[] = [];
    const answer = await linkedinConnector.fetchPostMetrics!(contextFor(sim.accessToken, calls), [
      ugcPost,
      share,
      quiet,
    ]);
    const figures = (
      impressions: number,
      reach: number,
      reactions: number,
      comments: number,
      shares: number,
      clicks: number,
    ) => ({ impressions, reach, reactions, comments, shares, saves: null, link_clicks: clicks, video_views: null });
    assert.deepEqual(answer, [
      { networkPostId: ugcPost, figures: figures(310, 250, 9, 0, 0, 3) },
      { networkPostId: share, figures: figures(2400, 1800, 61, 7, 4, 95) },
      { networkPostId: quiet, figures: figures(0, 0, 0, 0, 0, 0) },
    ]);
    // Rest.li 2.0: the URNs are encoded inside List(…), the list syntax is not.
    const encoded = (urn: string) => encodeURIComponent(urn);
    assert.deepEqual(
      calls.map((url) => url.search),
      [
        `?q=organizationalEntity&organizationalEntity=${encoded(sim.organizationUrn)}&shares=List(${encoded(share)},${encoded(quiet)})`,
        `?q=organizationalEntity&organizationalEntity=${encoded(sim.organizationUrn)}&ugcPosts=List(${encoded(ugcPost)})`,
      ],
    );
    assert.deepEqual(linkedinConnector.postMetrics, {
      reported: ['impressions', 'reach', 'reactions', 'comments', 'shares', 'link_clicks'],
      batch: 20,
    });
  });

  it('leaves out a deleted post, and says when the token is revoked', async () => {
    const kept = await post('Soldes de printemps');
    const removed = await post('Un post retiré');
    sim.setShareStatistics(kept, { impressions: 44 });
    await linkedinConnector.deletePost!(contextFor(), removed);
    const answer = await linkedinConnector.fetchPostMetrics!(contextFor(), [removed, kept]);
    assert.deepEqual(
      answer.map((item) => [item.networkPostId, item.figures.impressions]),
      [[kept, 44]],
    );
    const revoked = sim.createAccount();
    sim.revokeAccessToken(revoked.accessToken);
    await assert.rejects(linkedinConnector.fetchPostMetrics!(contextFor(revoked.accessToken), [kept]), AuthExpired);
  });
});
