import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBlueskySimulator, type BlueskySimulator } from '@sillage/simulators/bluesky/bluesky-simulator';
import type { ConnectorContext } from '../connector.ts';
import { AuthExpired } from '../errors.ts';
import { blueskyConnector, createBlueskySession } from './index.ts';

let bluesky: BlueskySimulator;
let context: ConnectorContext;
let did: string;
const now = () => new Date('2026-05-01T12:00:00Z');

const post = async (text: string) => {
  const result = await blueskyConnector.publish(context, { idempotencyKey: text, format: 'text', text, media: [] });
  const stored = bluesky.posts().find((item) => item.uri === result.networkPostId)!;
  return { uri: stored.uri, cid: stored.cid };
};

describe('Bluesky post metrics against the simulator', () => {
  before(async () => {
    bluesky = await startBlueskySimulator({ now });
    const account = bluesky.createAccount({ handle: 'maisonlumiere.bsky.test', password: 'aaaa-bbbb-cccc-dddd' });
    const base = { baseUrl: bluesky.baseUrl, fetch, now };
    const session = await createBlueskySession(base, {
      identifier: account.handle,
      appPassword: 'aaaa-bbbb-cccc-dddd',
    });
    context = { ...base, credentials: session.credentials, loadMedia: async () => new Uint8Array() };
    did = account.did;
  });
  after(() => bluesky.close());

  it('reads likes, replies, reposts and quotes of several posts in one getPosts call', async () => {
    const first = await post('Nos bougies de Noël sont là');
    const second = await post('Atelier ouvert samedi');
    bluesky.engage(first.uri, { likes: 14, reposts: 3, quotes: 2, bookmarks: 5 });
    bluesky.inbox.addIncoming({ to: did, text: 'Superbe !', replyTo: first });
    bluesky.inbox.addIncoming({ to: did, fromHandle: 'lea.bsky.test', text: 'Je viens !', replyTo: first });
    const before = bluesky.requests.length;
    const answer = await blueskyConnector.fetchPostMetrics!(context, [first.uri, second.uri]);
    const calls = bluesky.requests.slice(before);
    assert.deepEqual(
      calls.map((call) => call.path.split('?')[0]),
      ['/xrpc/app.bsky.feed.getPosts'],
    );
    const figures = (reactions: number, comments: number, shares: number) => ({
      impressions: null,
      reach: null,
      reactions,
      comments,
      shares,
      saves: null,
      link_clicks: null,
      video_views: null,
    });
    assert.deepEqual(answer, [
      { networkPostId: first.uri, figures: figures(14, 2, 5) },
      { networkPostId: second.uri, figures: figures(0, 0, 0) },
    ]);
    assert.deepEqual(blueskyConnector.postMetrics, { reported: ['reactions', 'comments', 'shares'], batch: 25 });
  });

  it('leaves out a deleted post and an id that is not a post URI, and says when the session is refused', async () => {
    const kept = await post('Soldes de printemps');
    const removed = await post('Un post retiré');
    bluesky.engage(kept.uri, { likes: 2 });
    await blueskyConnector.deletePost!(context, removed.uri);
    const before = bluesky.requests.length;
    const answer = await blueskyConnector.fetchPostMetrics!(context, [removed.uri, 'not-a-uri', kept.uri]);
    assert.equal(bluesky.requests.length - before, 1);
    assert.deepEqual(
      answer.map((item) => [item.networkPostId, item.figures.reactions]),
      [[kept.uri, 2]],
    );
    bluesky.expireAccessToken(context.credentials.accessToken);
    await assert.rejects(blueskyConnector.fetchPostMetrics!(context, [kept.uri]), AuthExpired);
  });
});
