import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTikTokSimulator, type TikTokSimulator } from '../../../simulators/src/tiktok/tiktok-simulator.ts';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected } from '../errors.ts';
import { tiktokConnector } from './index.ts';

const client = { clientId: 'client-key-1', clientSecret: 'secret-1', redirectUri: 'http://127.0.0.1/callback' };
const video: MediaItem = { url: 'https://verified.test/v.mp4', mimeType: 'video/mp4', durationSeconds: 30 };
const photo = (name: string): MediaItem => ({ url: `https://verified.test/${name}.jpg`, mimeType: 'image/jpeg' });

let sim: TikTokSimulator;
before(async () => {
  sim = await startTikTokSimulator();
});
after(() => sim.close());

function contextFor(
  account: { accountId: string; accessToken: string },
  bytes = new Uint8Array(150_000).fill(1),
): ConnectorContext {
  return {
    baseUrl: sim.baseUrl,
    credentials: { accountId: account.accountId, accessToken: account.accessToken },
    fetch,
    now: () => new Date(),
    loadMedia: () => Promise.resolve(bytes),
  };
}

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    idempotencyKey: `pub_${Math.random()}`,
    format: 'video',
    text: `Sunset #travel ${Math.random()}`,
    media: [video],
    ...overrides,
  };
}

describe('tiktok connector against the simulator', () => {
  it('uploads a video file, polls the publish status and returns the public post id', async () => {
    const account = sim.createAccount({ username: 'sunny' });
    const result = await tiktokConnector.publish(contextFor(account), request({ text: 'Sunset #travel' }));
    const stored = sim.posts().find((post) => post.id === result.networkPostId);
    assert.equal(stored?.title, 'Sunset #travel');
    assert.equal(stored?.source, 'FILE_UPLOAD');
    assert.equal(stored?.byteLength, 150_000);
    assert.equal(result.url, `https://www.tiktok.com/@sunny/video/${result.networkPostId}`);
  });

  it('sends a 25 MB file as 2 sequential chunks, the last taking the remainder', async () => {
    const account = sim.createAccount();
    const bytes = new Uint8Array(25_000_000);
    const before = sim.requests.length;
    const result = await tiktokConnector.publish(contextFor(account, bytes), request());
    const puts = sim.requests.slice(before).filter((item) => item.method === 'PUT');
    assert.deepEqual(
      puts.map((item) => item.headers['content-range']),
      ['bytes 0-9999999/25000000', 'bytes 10000000-24999999/25000000'],
    );
    assert.equal(sim.posts().find((post) => post.id === result.networkPostId)?.byteLength, 25_000_000);
  });

  it('publishes a video pulled from a verified URL', async () => {
    const account = sim.createAccount();
    const result = await tiktokConnector.publish(
      contextFor(account),
      request({ options: { videoSource: 'PULL_FROM_URL' } }),
    );
    assert.equal(sim.posts().find((post) => post.id === result.networkPostId)?.source, 'PULL_FROM_URL');
  });

  it('publishes a photo post of several images with its description', async () => {
    const account = sim.createAccount();
    const result = await tiktokConnector.publish(
      contextFor(account),
      request({ format: 'multi_image', text: 'Our week', media: [photo('a'), photo('b')], options: { title: 'Week' } }),
    );
    const stored = sim.posts().find((post) => post.id === result.networkPostId);
    assert.deepEqual(stored?.imageUrls, ['https://verified.test/a.jpg', 'https://verified.test/b.jpg']);
    assert.equal(stored?.description, 'Our week');
    assert.match(result.url ?? '', /\/photo\//);
  });

  it('posts SELF_ONLY when asked and returns the publish id, since a private post has no public id', async () => {
    const account = sim.createAccount({ privacyLevelOptions: ['SELF_ONLY'] });
    const result = await tiktokConnector.publish(
      contextFor(account),
      request({ options: { privacyLevel: 'SELF_ONLY' } }),
    );
    assert.equal(sim.posts().find((post) => post.publishId === result.networkPostId)?.privacyLevel, 'SELF_ONLY');
    assert.equal(result.url, null);
  });

  it('refuses a privacy level the creator does not offer, naming the allowed ones, before any post', async () => {
    const account = sim.createAccount({ privacyLevelOptions: ['SELF_ONLY'] });
    const error = await tiktokConnector.publish(contextFor(account), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof Rejected && error.reason.includes('SELF_ONLY'));
    assert.equal(sim.posts().filter((post) => post.openId === account.accountId).length, 0);
  });

  it('refuses threads: TikTok has none', () => {
    assert.ok(tiktokConnector.validate(request({ format: 'thread', threadParts: [{ text: 'b' }] })).length > 0);
  });

  it('turns a 500 after the pull-from-URL init into OutcomeUnknown, and findPublished finds exactly the one post', async () => {
    const account = sim.createAccount();
    const wanted = request({ options: { videoSource: 'PULL_FROM_URL' } });
    const notBefore = new Date(Date.now() - 1000);
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'POST', pathIncludes: '/video/init/' });
    await assert.rejects(tiktokConnector.publish(contextFor(account), wanted), OutcomeUnknown);
    const mine = sim.posts().filter((post) => post.openId === account.accountId);
    assert.equal(mine.length, 1);
    const found = await tiktokConnector.findPublished(contextFor(account), {
      idempotencyKey: wanted.idempotencyKey,
      text: wanted.text,
      notBefore,
    });
    assert.equal(found?.networkPostId, mine[0]?.id);
  });

  it("follows the publish id when the last chunk's answer is lost, making one post", async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'PUT', pathIncludes: '/video/' });
    const result = await tiktokConnector.publish(contextFor(account), request());
    const mine = sim.posts().filter((post) => post.openId === account.accountId);
    assert.deepEqual(
      mine.map((post) => post.id),
      [result.networkPostId],
    );
  });

  it('turns an init answered 200 without a publish_id into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'false_success' }, { method: 'POST', pathIncludes: '/content/init/' });
    await assert.rejects(
      tiktokConnector.publish(contextFor(account), request({ format: 'image', media: [photo('c')] })),
      OutcomeUnknown,
    );
  });

  it('turns 429 rate_limit_exceeded into RateLimited one minute later (the init window)', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'status', status: 429 }, { method: 'POST', pathIncludes: '/video/init/' });
    const started = Date.now();
    const error = await tiktokConnector.publish(contextFor(account), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited && error.scope === 'account');
    assert.ok(Math.abs(error.retryAt.getTime() - (started + 60_000)) < 2000);
  });

  it('hits the real 6-inits-per-minute limit of one token as RateLimited', async () => {
    const account = sim.createAccount();
    for (let index = 0; index < 6; index += 1)
      await tiktokConnector.publish(
        contextFor(account),
        request({ options: { videoSource: 'PULL_FROM_URL' }, text: `n${index}` }),
      );
    await assert.rejects(tiktokConnector.publish(contextFor(account), request()), RateLimited);
  });

  it('turns an expired token into AuthExpired(refreshable), rotates refresh tokens, and a revoked one into AuthExpired(not refreshable)', async () => {
    const account = sim.createAccount();
    sim.expireAccessToken(account.accessToken);
    const error = await tiktokConnector.publish(contextFor(account), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthExpired && error.refreshable);
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const refreshed = await tiktokConnector.refreshToken!(context, client, account.refreshToken);
    assert.notEqual(refreshed.refreshToken, account.refreshToken);
    const reused = await tiktokConnector.refreshToken!(context, client, account.refreshToken).catch(
      (caught: unknown) => caught,
    );
    assert.ok(reused instanceof AuthExpired && !reused.refreshable);
    sim.revokeRefreshToken(refreshed.refreshToken ?? '');
    const revoked = await tiktokConnector.refreshToken!(context, client, refreshed.refreshToken ?? '').catch(
      (caught: unknown) => caught,
    );
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
  });

  it('runs the Login Kit code flow with state and PKCE S256', async () => {
    const verifier = 'k'.repeat(64);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = tiktokConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st-9', codeChallenge: challenge });
    assert.match(url, /client_key=client-key-1/);
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'st-9');
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const tokens = await tiktokConnector.exchangeCode!(context, client, {
      code: location.searchParams.get('code') ?? '',
      codeVerifier: verifier,
    });
    assert.ok(tokens.accessToken.startsWith('act.') && tokens.refreshToken?.startsWith('rft.'));
  });

  it('rejects a caption over 2,200 UTF-16 units in validate(), naming the limit', () => {
    const problems = tiktokConnector.validate(request({ text: '😀'.repeat(1101) }));
    assert.ok(problems.some((problem) => problem.reason.includes('2202') && problem.reason.includes('2200')));
  });
});
