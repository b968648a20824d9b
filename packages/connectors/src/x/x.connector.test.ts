import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startXSimulator, type XSimulator } from '@sillage/simulators/x/x-simulator';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import { xConnector } from './index.ts';

let sim: XSimulator;
const client = { clientId: 'sillage-app', clientSecret: 'secret', redirectUri: 'https://sillage.test/oauth/x' };

function contextFor(accessToken = sim.accessToken): ConnectorContext {
  return {
    baseUrl: sim.baseUrl,
    credentials: { accessToken, accountId: sim.account.id },
    fetch,
    now: () => new Date(),
    loadMedia: async (item) => new Uint8Array(item.byteLength ?? 1000).fill(7),
  };
}
const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({
  idempotencyKey: `pub_${Math.random()}`,
  format: 'text',
  text: `Hello from Sillage ${Math.random()}`,
  media: [],
  ...overrides,
});
const image = (n: number): MediaItem => ({
  url: `https://cdn.test/${n}.jpg`,
  mimeType: 'image/jpeg',
  byteLength: 2000,
});

describe('x connector against the simulator', () => {
  before(async () => {
    sim = await startXSimulator();
  });
  after(() => sim.close());
  beforeEach(() => sim.faults.clear());

  it('publishes a text post and returns its id and x.com url', async () => {
    const sent = request();
    const result = await xConnector.publish(contextFor(), sent);
    const stored = sim.posts().find((post) => post.id === result.networkPostId);
    assert.equal(stored?.text, sent.text);
    assert.equal(result.url, `https://x.com/i/status/${result.networkPostId}`);
  });

  it('uploads photos with initialize/append/finalize and attaches them with alt text', async () => {
    const media = [{ ...image(1), altText: 'A lamp' }, image(2), image(3)];
    const result = await xConnector.publish(contextFor(), request({ format: 'multi_image', media }));
    const stored = sim.posts().find((post) => post.id === result.networkPostId);
    assert.equal(stored?.media.length, 3);
    assert.equal(stored?.media[0]?.altText, 'A lamp');
    assert.deepEqual(
      stored?.media.map((item) => item.bytes),
      [2000, 2000, 2000],
    );
  });

  it('uploads a video in 1 MiB segments and waits for processing before posting', async () => {
    const video: MediaItem = { url: 'https://cdn.test/v.mp4', mimeType: 'video/mp4', byteLength: 2_500_000 };
    const seen = sim.requests.length;
    const result = await xConnector.publish(contextFor(), request({ format: 'video', media: [video] }));
    const stored = sim.posts().find((post) => post.id === result.networkPostId);
    assert.equal(stored?.media[0]?.mimeType, 'video/mp4');
    assert.equal(stored?.media[0]?.bytes, 2_500_000);
    assert.equal(sim.requests.slice(seen).filter((r) => r.path.endsWith('/append')).length, 3);
    assert.ok(
      sim.requests.slice(seen).some((r) => r.path === '/2/media/upload'),
      'polled the processing status',
    );
  });

  it('publishes a thread where each part replies to the previous one', async () => {
    const sent = request({
      format: 'thread',
      threadParts: [{ text: `two ${Math.random()}` }, { text: `three ${Math.random()}` }],
    });
    const result = await xConnector.publish(contextFor(), sent);
    assert.equal(result.threadPostIds?.length, 2);
    const [second, third] = result.threadPostIds ?? [];
    assert.equal(sim.posts().find((post) => post.id === second)?.inReplyTo, result.networkPostId);
    assert.equal(sim.posts().find((post) => post.id === third)?.inReplyTo, second);
  });

  it('posts the first comment as a reply to the post', async () => {
    const result = await xConnector.publish(contextFor(), request({ firstComment: `link in reply ${Math.random()}` }));
    assert.equal(result.threadPostIds, undefined);
    assert.ok(sim.posts().some((post) => post.inReplyTo === result.networkPostId));
  });

  it('turns a 429 into RateLimited at x-rate-limit-reset', async () => {
    sim.faults.inject(
      { kind: 'status', status: 429, retryAfterSeconds: 120 },
      { method: 'POST', pathIncludes: '/2/tweets' },
    );
    const before = Date.now();
    const error = await xConnector.publish(contextFor(), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    const expected = Math.floor(before / 1000) * 1000 + 120_000;
    assert.ok(Math.abs(error.retryAt.getTime() - expected) <= 1000, `retryAt ${error.retryAt.toISOString()}`);
  });

  it('reports an expired access token as AuthExpired that a refresh may fix', async () => {
    const { accessToken } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    const error = await xConnector.publish(contextFor(accessToken), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthExpired);
    assert.equal(error.refreshable, true);
  });

  it('refreshes with a rotating refresh token, and a revoked one becomes AuthExpired(false)', async () => {
    const { refreshToken } = sim.createAccount();
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const tokens = await xConnector.refreshToken!(context, client, refreshToken);
    assert.ok(tokens.accessToken && tokens.refreshToken && tokens.expiresAt);
    const reused = await xConnector.refreshToken!(context, client, refreshToken).catch((caught: unknown) => caught);
    assert.ok(reused instanceof AuthExpired && !reused.refreshable, 'the rotated-away token is dead');
    sim.revokeRefreshToken(tokens.refreshToken);
    const revoked = await xConnector.refreshToken!(context, client, tokens.refreshToken).catch(
      (caught: unknown) => caught,
    );
    assert.ok(revoked instanceof AuthExpired);
    assert.equal(revoked.refreshable, false);
  });

  it('completes authorize and code exchange with PKCE S256, and refuses a wrong verifier', async () => {
    const verifier = 'v'.repeat(50);
    const { createHash } = await import('node:crypto');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = xConnector.authorizeUrl!(sim.baseUrl, client, { state: 's1', codeChallenge: challenge });
    assert.equal(new URL(url).searchParams.get('code_challenge_method'), 'S256');
    const codeFor = async () => {
      const redirect = await fetch(
        xConnector.authorizeUrl!(sim.baseUrl, client, { state: 's1', codeChallenge: challenge }),
        { redirect: 'manual' },
      );
      const location = new URL(redirect.headers.get('location')!);
      assert.equal(location.searchParams.get('state'), 's1');
      return location.searchParams.get('code')!;
    };
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const wrong = await xConnector.exchangeCode!(context, client, {
      code: await codeFor(),
      codeVerifier: 'x'.repeat(50),
    }).catch((caught: unknown) => caught);
    assert.ok(wrong instanceof Rejected);
    const tokens = await xConnector.exchangeCode!(context, client, { code: await codeFor(), codeVerifier: verifier });
    assert.ok(tokens.accessToken.startsWith('xat_'));
  });

  it('turns a 500 after the body was sent into OutcomeUnknown, and findPublished finds exactly that post', async () => {
    const notBefore = new Date(Date.now() - 1000);
    const sent = request();
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'POST', pathIncludes: '/2/tweets' });
    const error = await xConnector.publish(contextFor(), sent).catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
    const matching = sim.posts().filter((post) => post.text === sent.text);
    assert.equal(matching.length, 1);
    const found = await xConnector.findPublished(contextFor(), {
      idempotencyKey: sent.idempotencyKey,
      text: sent.text,
      notBefore,
    });
    assert.equal(found?.networkPostId, matching[0]?.id);
  });

  it('turns a connection reset after the body into OutcomeUnknown', async () => {
    sim.faults.inject({ kind: 'reset_after_body' }, { method: 'POST', pathIncludes: '/2/tweets' });
    const error = await xConnector.publish(contextFor(), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
  });

  it('never reports success on a 200 without an id', async () => {
    const sent = request();
    sim.faults.inject({ kind: 'false_success' }, { method: 'POST', pathIncludes: '/2/tweets' });
    const error = await xConnector.publish(contextFor(), sent).catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
    const found = await xConnector.findPublished(contextFor(), {
      idempotencyKey: sent.idempotencyKey,
      text: sent.text,
      notBefore: new Date(0),
    });
    assert.equal(found, null);
  });

  it('validate() rejects a post over 280 weighted characters and names the limit', () => {
    const problems = xConnector.validate(request({ text: '日本語'.repeat(50) }));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.reason, /300 weighted characters; X allows 280/);
  });

  it('turns a refused connection (nothing sent) into Transient, safe to retry', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const context = contextFor();
    const unreachable = {
      ...context,
      baseUrl: `http://127.0.0.1:${port}`,
      credentials: { ...context.credentials, instanceUrl: `http://127.0.0.1:${port}` },
    };
    const error = await xConnector.publish(unreachable, request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof Transient, String(error));
  });
});
