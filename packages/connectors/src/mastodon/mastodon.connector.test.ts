import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startMastodonSimulator, type MastodonSimulator } from '@sillage/simulators/mastodon/mastodon-simulator';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import { mastodonConnector, registerMastodonApp } from './index.ts';

let sim: MastodonSimulator;

function contextFor(accessToken = sim.accessToken, accountId = sim.account.id): ConnectorContext {
  return {
    baseUrl: 'http://unused.invalid',
    credentials: { accessToken, accountId, instanceUrl: sim.baseUrl },
    fetch,
    now: () => new Date(),
    loadMedia: async (item) => new Uint8Array(item.byteLength ?? 1000).fill(3),
  };
}
const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({
  idempotencyKey: `pub_${Math.random()}`,
  format: 'text',
  text: `Bonjour le fédivers & <amis> ${Math.random()}`,
  media: [],
  ...overrides,
});

describe('mastodon connector against the simulator', () => {
  before(async () => {
    sim = await startMastodonSimulator();
  });
  after(() => sim.close());
  beforeEach(() => sim.faults.clear());

  it('publishes a status with the Idempotency-Key header and the chosen visibility', async () => {
    const sent = request({ options: { visibility: 'unlisted', language: 'fr' } });
    const result = await mastodonConnector.publish(contextFor(), sent);
    const stored = sim.posts().find((status) => status.id === result.networkPostId);
    assert.equal(stored?.text, sent.text);
    assert.equal(stored?.visibility, 'unlisted');
    assert.match(result.url ?? '', new RegExp(`/@maisonlumiere/${result.networkPostId}$`));
    const call = sim.requests.findLast((r) => r.path === '/api/v1/statuses');
    assert.equal(call?.headers['idempotency-key'], sent.idempotencyKey);
  });

  it('publishing the same publication twice makes one status, thanks to the Idempotency-Key', async () => {
    const sent = request();
    const first = await mastodonConnector.publish(contextFor(), sent);
    const second = await mastodonConnector.publish(contextFor(), sent);
    assert.equal(second.networkPostId, first.networkPostId);
    assert.equal(sim.posts().filter((status) => status.text === sent.text).length, 1);
  });

  it('uploads images (multipart, with descriptions) and a video that needs processing', async () => {
    const images: MediaItem[] = [1, 2].map((n) => ({
      url: `https://cdn.test/${n}.png`,
      mimeType: 'image/png',
      byteLength: 1500,
      altText: `Photo ${n}`,
    }));
    const withImages = await mastodonConnector.publish(contextFor(), request({ format: 'multi_image', media: images }));
    const stored = sim.posts().find((status) => status.id === withImages.networkPostId);
    assert.deepEqual(
      stored?.media.map((item) => [item.mimeType, item.bytes, item.description]),
      [
        ['image/png', 1500, 'Photo 1'],
        ['image/png', 1500, 'Photo 2'],
      ],
    );
    const video: MediaItem = { url: 'https://cdn.test/v.mp4', mimeType: 'video/mp4', byteLength: 50_000 };
    const withVideo = await mastodonConnector.publish(contextFor(), request({ format: 'video', media: [video] }));
    assert.equal(sim.posts().find((status) => status.id === withVideo.networkPostId)?.media[0]?.mimeType, 'video/mp4');
    assert.ok(
      sim.requests.some((r) => r.method === 'GET' && r.path.startsWith('/api/v1/media/')),
      'polled the video',
    );
  });

  it('publishes a thread where each part replies to the previous one', async () => {
    const result = await mastodonConnector.publish(
      contextFor(),
      request({ format: 'thread', threadParts: [{ text: `2/ ${Math.random()}` }, { text: `3/ ${Math.random()}` }] }),
    );
    const [second, third] = result.threadPostIds ?? [];
    assert.equal(sim.posts().find((status) => status.id === second)?.inReplyTo, result.networkPostId);
    assert.equal(sim.posts().find((status) => status.id === third)?.inReplyTo, second);
  });

  it('turns a 429 into RateLimited at the ISO 8601 X-RateLimit-Reset', async () => {
    sim.faults.inject(
      { kind: 'status', status: 429, retryAfterSeconds: 90 },
      { method: 'POST', pathIncludes: '/api/v1/statuses' },
    );
    const before = Date.now();
    const error = await mastodonConnector.publish(contextFor(), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.ok(Math.abs(error.retryAt.getTime() - (before + 90_000)) < 1000, error.retryAt.toISOString());
  });

  it('reports a revoked (or expired) token as AuthExpired that only a reconnect fixes', async () => {
    const { accessToken, account } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    const error = await mastodonConnector
      .publish(contextFor(accessToken, account.id), request())
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthExpired);
    assert.equal(error.refreshable, false, 'Mastodon has no refresh token');
  });

  it('registers an app on the instance, then authorizes with PKCE S256 and exchanges the code', async () => {
    const redirectUri = 'https://sillage.test/oauth/mastodon';
    const context = { fetch, now: () => new Date() };
    const app = await registerMastodonApp(
      { ...context, instanceUrl: sim.baseUrl },
      { clientName: 'Sillage', redirectUri },
    );
    const client = { ...app, redirectUri };
    const verifier = 'w'.repeat(64);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const codeFor = async () => {
      const answer = await fetch(
        mastodonConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st', codeChallenge: challenge }),
        { redirect: 'manual' },
      );
      const location = new URL(answer.headers.get('location')!);
      assert.equal(location.searchParams.get('state'), 'st');
      return location.searchParams.get('code')!;
    };
    const wrong = await mastodonConnector.exchangeCode!({ ...context, baseUrl: sim.baseUrl }, client, {
      code: await codeFor(),
      codeVerifier: 'nope'.repeat(12),
    }).catch((caught: unknown) => caught);
    assert.ok(wrong instanceof Rejected);
    const tokens = await mastodonConnector.exchangeCode!({ ...context, baseUrl: sim.baseUrl }, client, {
      code: await codeFor(),
      codeVerifier: verifier,
    });
    const published = await mastodonConnector.publish(contextFor(tokens.accessToken), request());
    assert.ok(published.networkPostId);
  });

  it('turns a 500 after the body was sent into OutcomeUnknown, and findPublished finds exactly that status', async () => {
    const notBefore = new Date(Date.now() - 1000);
    const sent = request({ text: `Line one & <b>two</b>\n\nParagraph ${Math.random()}` });
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'POST', pathIncludes: '/api/v1/statuses' });
    const error = await mastodonConnector.publish(contextFor(), sent).catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
    const matching = sim.posts().filter((status) => status.text === sent.text);
    assert.equal(matching.length, 1);
    const found = await mastodonConnector.findPublished(contextFor(), {
      idempotencyKey: sent.idempotencyKey,
      text: sent.text,
      notBefore,
    });
    assert.equal(found?.networkPostId, matching[0]?.id);
  });

  it('never reports success on a 200 without an id, and then finds nothing', async () => {
    const sent = request();
    sim.faults.inject({ kind: 'false_success' }, { method: 'POST', pathIncludes: '/api/v1/statuses' });
    const error = await mastodonConnector.publish(contextFor(), sent).catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
    assert.equal(
      await mastodonConnector.findPublished(contextFor(), {
        idempotencyKey: sent.idempotencyKey,
        text: sent.text,
        notBefore: new Date(0),
      }),
      null,
    );
  });

  it('validate() rejects a status over 500 characters and names the limit', () => {
    const problems = mastodonConnector.validate(request({ text: 'é'.repeat(501) }));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.reason, /501 characters; this Mastodon instance allows 500/);
  });

  it('the instance refuses an over-long status with 422, which becomes Rejected', async () => {
    const error = await mastodonConnector
      .publish(contextFor(), request({ text: 'a'.repeat(501) }))
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof Rejected);
    assert.match(error.reason, /character limit of 500/);
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
    const error = await mastodonConnector.publish(unreachable, request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof Transient, String(error));
  });
});
