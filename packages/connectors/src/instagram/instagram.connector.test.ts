import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startInstagramSimulator, type InstagramSimulator } from '@sillage/simulators/instagram/instagram-simulator';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited } from '../errors.ts';
import { instagramConnector } from './index.ts';

const jpeg = (name: string): MediaItem => ({ url: `https://cdn.example.com/${name}.jpg`, mimeType: 'image/jpeg' });
const mp4 = (name: string): MediaItem => ({ url: `https://cdn.example.com/${name}.mp4`, mimeType: 'video/mp4' });
const client = { clientId: 'ig-app', clientSecret: 'ig-secret', redirectUri: 'https://sillage.test/callback' };

let clock = new Date('2026-03-01T10:00:00Z');
const now = () => clock;
let sim: InstagramSimulator;

function contextFor(account: { igUserId: string; accessToken: string }): ConnectorContext {
  return {
    baseUrl: sim.baseUrl,
    credentials: { accessToken: account.accessToken, accountId: account.igUserId },
    fetch: globalThis.fetch,
    now,
    loadMedia: async () => new Uint8Array(),
  };
}

const request = (overrides: Partial<PublishRequest>): PublishRequest => ({
  idempotencyKey: `pub-${Math.random()}`,
  format: 'image',
  text: 'Hello from Sillage #launch',
  media: [jpeg('a')],
  ...overrides,
});

describe('instagram connector against the simulator', () => {
  before(async () => {
    sim = await startInstagramSimulator({ now });
  });
  after(() => sim.close());

  it('publishes a feed image through container, status poll and media_publish', async () => {
    const account = sim.createAccount();
    const result = await instagramConnector.publish(contextFor(account), request({ firstComment: 'More soon' }));
    const post = sim.posts().find((candidate) => candidate.id === result.networkPostId);
    assert.equal(post?.productType, 'FEED');
    assert.equal(post?.caption, 'Hello from Sillage #launch');
    assert.deepEqual(
      post?.media.map((item) => item.url),
      ['https://cdn.example.com/a.jpg'],
    );
    assert.deepEqual(
      post?.comments.map((comment) => comment.text),
      ['More soon'],
    );
    assert.match(result.url ?? '', /instagram\.com\/p\//);
  });

  it('publishes a carousel of an image and a video as one album with its children in order', async () => {
    const account = sim.createAccount();
    const result = await instagramConnector.publish(
      contextFor(account),
      request({ format: 'carousel', media: [jpeg('one'), mp4('two')] }),
    );
    const post = sim.posts().find((candidate) => candidate.id === result.networkPostId);
    assert.equal(post?.mediaType, 'CAROUSEL_ALBUM');
    assert.deepEqual(
      post?.media.map((item) => item.type),
      ['IMAGE', 'VIDEO'],
    );
  });

  it('publishes a reel after waiting for the video container to finish processing', async () => {
    const account = sim.createAccount();
    const result = await instagramConnector.publish(
      contextFor(account),
      request({ format: 'reel', media: [mp4('r')] }),
    );
    const post = sim.posts().find((candidate) => candidate.id === result.networkPostId);
    assert.equal(post?.productType, 'REELS');
    assert.equal(post?.media[0]?.type, 'VIDEO');
  });

  it('publishes a story without a caption', async () => {
    const account = sim.createAccount();
    const result = await instagramConnector.publish(contextFor(account), request({ format: 'story', text: '' }));
    const post = sim.posts().find((candidate) => candidate.id === result.networkPostId);
    assert.equal(post?.productType, 'STORY');
  });

  it('maps the 25-posts-per-24h quota to RateLimited(quota) at the time the oldest of the 25 leaves the window', async () => {
    const account = sim.createAccount();
    const start = new Date('2026-03-02T00:00:00Z');
    for (let index = 0; index < 25; index += 1) {
      clock = new Date(start.getTime() + index * 60_000);
      await instagramConnector.publish(contextFor(account), request({ text: `post ${index}` }));
    }
    clock = new Date(start.getTime() + 3600_000);
    const error = await instagramConnector
      .publish(contextFor(account), request({ text: 'one too many' }))
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'quota');
    assert.equal(error.retryAt.toISOString(), '2026-03-03T00:00:00.000Z');
    clock = new Date('2026-03-01T10:00:00Z');
  });

  it('maps a 429 with X-Business-Use-Case-Usage to RateLimited at the estimated time to regain access', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 600 }, { pathIncludes: '/media' });
    const error = await instagramConnector.publish(contextFor(account), request({})).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.equal(error.retryAt.getTime(), clock.getTime() + 600_000);
  });

  it('reports an expired token as refreshable and a revoked one as not refreshable on refresh', async () => {
    const account = sim.createAccount();
    const refreshed = await instagramConnector.refreshToken!(
      { baseUrl: sim.baseUrl, fetch, now },
      client,
      account.accessToken,
    );
    assert.notEqual(refreshed.accessToken, account.accessToken);
    sim.expireAccessToken(refreshed.accessToken);
    const expired = await instagramConnector
      .publish(contextFor({ igUserId: account.igUserId, accessToken: refreshed.accessToken }), request({}))
      .catch((caught: unknown) => caught);
    assert.ok(expired instanceof AuthExpired && expired.refreshable);
    sim.revokeRefreshToken(account.accessToken);
    const revoked = await instagramConnector.refreshToken!(
      { baseUrl: sim.baseUrl, fetch, now },
      client,
      account.accessToken,
    ).catch((caught: unknown) => caught);
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
  });

  it('turns a 500 after media_publish was read into OutcomeUnknown, and findPublished finds the one post', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'error_after_body' }, { pathIncludes: '/media_publish' });
    const text = `Reconcile me ${Math.random()}`;
    const error = await instagramConnector
      .publish(contextFor(account), request({ text }))
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
    const mine = sim.posts().filter((post) => post.accountId === account.igUserId);
    assert.equal(mine.length, 1);
    const found = await instagramConnector.findPublished(contextFor(account), {
      idempotencyKey: 'x',
      text,
      notBefore: clock,
    });
    assert.equal(found?.networkPostId, mine[0]!.id);
  });

  it('turns a 200 without an id from media_publish into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'false_success' }, { pathIncludes: '/media_publish' });
    await assert.rejects(instagramConnector.publish(contextFor(account), request({})), OutcomeUnknown);
  });

  it('authorizes with state, exchanges the code for a long-lived token that publishes', async () => {
    const account = sim.createAccount();
    const url = instagramConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st-1' });
    const redirect = await fetch(`${url}&sim_account=${account.igUserId}`, { redirect: 'manual' });
    const location = new URL(redirect.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'st-1');
    const tokens = await instagramConnector.exchangeCode!({ baseUrl: sim.baseUrl, fetch, now }, client, {
      code: location.searchParams.get('code') ?? '',
    });
    assert.equal(tokens.expiresAt?.getTime(), clock.getTime() + 5_184_000_000);
    const result = await instagramConnector.publish(
      contextFor({ igUserId: account.igUserId, accessToken: tokens.accessToken }),
      request({}),
    );
    assert.ok(result.networkPostId);
  });

  it('rejects a caption over 2,200 characters, naming the limit', () => {
    const problems = instagramConnector.validate(request({ text: 'a'.repeat(2201) }));
    assert.match(problems[0]?.reason ?? '', /2200 characters/);
  });
});
