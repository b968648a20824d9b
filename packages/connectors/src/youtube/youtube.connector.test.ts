import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startYouTubeSimulator, type YouTubeSimulator } from '../../../simulators/src/youtube/youtube-simulator.ts';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected } from '../errors.ts';
import { youtubeConnector } from './index.ts';

const client = { clientId: 'client-1', clientSecret: 'secret-1', redirectUri: 'http://127.0.0.1/callback' };
const video: MediaItem = {
  url: 'https://cdn.test/v.mp4',
  mimeType: 'video/mp4',
  width: 1080,
  height: 1920,
  durationSeconds: 42,
};

let sim: YouTubeSimulator;
before(async () => {
  sim = await startYouTubeSimulator();
});
after(() => sim.close());

function contextFor(
  account: { accountId: string; accessToken: string },
  bytes = new Uint8Array(300_000).fill(7),
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
    text: `Launch day ${Math.random()}`,
    media: [video],
    ...overrides,
  };
}

describe('youtube connector against the simulator', () => {
  it('uploads a video with the resumable protocol and reads it back', async () => {
    const account = sim.createAccount();
    const result = await youtubeConnector.publish(contextFor(account), request({ text: 'Launch\nAll about it' }));
    const stored = sim.posts().find((item) => item.id === result.networkPostId);
    assert.equal(stored?.title, 'Launch');
    assert.equal(stored?.description, 'Launch\nAll about it');
    assert.equal(stored?.byteLength, 300_000);
    assert.equal(result.url, `https://www.youtube.com/watch?v=${result.networkPostId}`);
  });

  it('publishes a Short with #Shorts added to the description', async () => {
    const account = sim.createAccount();
    const result = await youtubeConnector.publish(contextFor(account), request({ format: 'short', text: 'Tiny tip' }));
    const stored = sim.posts().find((item) => item.id === result.networkPostId);
    assert.equal(stored?.description, 'Tiny tip\n\n#Shorts');
    assert.match(result.url ?? '', /\/shorts\//);
  });

  it('sends a large file in 256 KiB-multiple chunks and follows 308 Resume Incomplete', async () => {
    const account = sim.createAccount();
    const bytes = new Uint8Array(20 * 1024 * 1024).map((_, index) => index % 251);
    const before = sim.requests.length;
    const result = await youtubeConnector.publish(contextFor(account, bytes), request());
    const puts = sim.requests.slice(before).filter((item) => item.method === 'PUT');
    assert.equal(puts.length, 3);
    assert.equal(puts[0]?.headers['content-range'], `bytes 0-8388607/${bytes.byteLength}`);
    assert.equal(sim.posts().find((item) => item.id === result.networkPostId)?.byteLength, bytes.byteLength);
  });

  it('recovers a lost answer to the last chunk by asking the upload session, making one video', async () => {
    const account = sim.createAccount();
    const count = sim.posts().length;
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'PUT', pathIncludes: '/upload/youtube/v3/videos' });
    const result = await youtubeConnector.publish(contextFor(account), request());
    assert.equal(sim.posts().length, count + 1);
    assert.equal(sim.posts().at(-1)?.id, result.networkPostId);
  });

  it('turns an upload whose session keeps failing after the body into OutcomeUnknown, then finds the one video', async () => {
    const account = sim.createAccount();
    const wanted = request();
    const notBefore = new Date(Date.now() - 1000);
    sim.faults.inject(
      { kind: 'error_after_body' },
      { method: 'PUT', pathIncludes: '/upload/youtube/v3/videos', times: 10 },
    );
    await assert.rejects(youtubeConnector.publish(contextFor(account), wanted), OutcomeUnknown);
    sim.faults.clear();
    const mine = sim.posts().filter((item) => item.channelId === account.accountId);
    assert.equal(mine.length, 1);
    const found = await youtubeConnector.findPublished(contextFor(account), {
      idempotencyKey: wanted.idempotencyKey,
      text: wanted.text,
      notBefore,
    });
    assert.equal(found?.networkPostId, mine[0]?.id);
  });

  it('turns a 200 without a video id into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'false_success' }, { method: 'PUT', pathIncludes: '/upload/youtube/v3/videos' });
    await assert.rejects(youtubeConnector.publish(contextFor(account), request()), OutcomeUnknown);
  });

  it('turns a 429 with Retry-After into RateLimited at that time', async () => {
    const account = sim.createAccount();
    sim.faults.inject(
      { kind: 'status', status: 429, retryAfterSeconds: 120 },
      { method: 'POST', pathIncludes: '/upload/' },
    );
    const started = Date.now();
    const error = await youtubeConnector.publish(contextFor(account), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'account');
    assert.ok(Math.abs(error.retryAt.getTime() - (started + 120_000)) < 2000);
  });

  it('turns an expired access token into AuthExpired(refreshable) and a revoked refresh token into AuthExpired(not refreshable)', async () => {
    const account = sim.createAccount();
    sim.expireAccessToken(account.accessToken);
    const error = await youtubeConnector.publish(contextFor(account), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthExpired && error.refreshable);
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const refreshed = await youtubeConnector.refreshToken!(context, client, account.refreshToken);
    assert.ok(refreshed.accessToken.startsWith('ya29.'));
    sim.revokeRefreshToken(account.refreshToken);
    const revoked = await youtubeConnector.refreshToken!(context, client, account.refreshToken).catch(
      (caught: unknown) => caught,
    );
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
  });

  it('runs the OAuth code flow with PKCE S256 through the auto-approving consent page', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = youtubeConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st-1', codeChallenge: challenge });
    assert.match(url, /access_type=offline/);
    const consent = await fetch(url, { redirect: 'manual' });
    const location = new URL(consent.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'st-1');
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const code = location.searchParams.get('code') ?? '';
    const wrong = await youtubeConnector.exchangeCode!(context, client, { code, codeVerifier: 'x'.repeat(50) }).catch(
      (caught: unknown) => caught,
    );
    assert.ok(wrong instanceof AuthExpired);
    const url2 = youtubeConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st-2', codeChallenge: challenge });
    const code2 =
      new URL((await fetch(url2, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = await youtubeConnector.exchangeCode!(context, client, { code: code2, codeVerifier: verifier });
    assert.ok(tokens.refreshToken?.startsWith('1//'));
    assert.ok(tokens.expiresAt && tokens.expiresAt.getTime() > Date.now());
  });

  it('turns the spent daily quota (1,600 units an upload) into RateLimited(quota) until Pacific midnight', async () => {
    const account = sim.createAccount();
    while (sim.quotaUsed() + 1600 <= 10_000)
      await youtubeConnector.publish(contextFor(account, new Uint8Array(10)), request());
    const error = await youtubeConnector
      .publish(contextFor(account, new Uint8Array(10)), request())
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'quota');
    assert.ok(error.retryAt.getTime() > Date.now() && error.retryAt.getTime() <= Date.now() + 25 * 3600_000);
  });

  it('rejects an over-long title and description in validate(), naming the limits', () => {
    const problems = youtubeConnector.validate(request({ text: `${'t'.repeat(101)}\n${'d'.repeat(5000)}` }));
    assert.ok(problems.some((problem) => problem instanceof Rejected && problem.reason.includes('limit is 100')));
    assert.ok(problems.some((problem) => problem.reason.includes('5000 bytes')));
  });
});
