import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startLinkedinSimulator, type LinkedinSimulator } from '@sillage/simulators/linkedin/linkedin-simulator';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Transient } from '../errors.ts';
import { linkedinConnector } from './index.ts';

let sim: LinkedinSimulator;
const client = { clientId: 'sillage-app', clientSecret: 'secret', redirectUri: 'https://sillage.test/oauth/linkedin' };

function contextFor(accessToken = sim.accessToken): ConnectorContext {
  return {
    baseUrl: sim.baseUrl,
    credentials: { accessToken, accountId: sim.organizationUrn },
    fetch,
    now: () => new Date(),
    loadMedia: async (item) => new Uint8Array(item.byteLength ?? 1000).fill(5),
  };
}
const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({
  idempotencyKey: `pub_${Math.random()}`,
  format: 'text',
  text: `Launch day (beta) with a_b and [notes] #launch ${Math.random()}`,
  media: [],
  ...overrides,
});
const image = (n: number, altText?: string): MediaItem => ({
  url: `https://cdn.test/${n}.jpg`,
  mimeType: 'image/jpeg',
  byteLength: 3000,
  ...(altText ? { altText } : {}),
});
const published = (urn: string) => sim.posts().find((post) => post.urn === urn);

describe('linkedin connector against the simulator', () => {
  before(async () => {
    sim = await startLinkedinSimulator();
  });
  after(() => sim.close());
  beforeEach(() => sim.faults.clear());

  it('publishes a text post whose reserved characters survive (little text escaped), with the version headers', async () => {
    const sent = request();
    const result = await linkedinConnector.publish(contextFor(), sent);
    assert.match(result.networkPostId, /^urn:li:share:\d+$/);
    assert.equal(published(result.networkPostId)?.text, sent.text);
    const call = sim.requests.findLast((r) => r.path === '/rest/posts');
    assert.match(String(call?.headers['linkedin-version']), /^\d{6}$/);
    assert.equal(call?.headers['x-restli-protocol-version'], '2.0.0');
  });

  it('publishes one image with alt text after initializeUpload and PUT', async () => {
    const result = await linkedinConnector.publish(
      contextFor(),
      request({ format: 'image', media: [image(1, 'A lamp')] }),
    );
    const post = published(result.networkPostId);
    assert.equal(post?.media[0]?.kind, 'image');
    assert.equal(post?.media[0]?.size, 3000);
    assert.deepEqual((post?.content?.media as { altText?: string }).altText, 'A lamp');
  });

  it('publishes three images as multiImage', async () => {
    const result = await linkedinConnector.publish(
      contextFor(),
      request({ format: 'multi_image', media: [image(1), image(2), image(3)] }),
    );
    assert.equal(published(result.networkPostId)?.media.length, 3);
    assert.ok(published(result.networkPostId)?.content?.multiImage);
  });

  it('uploads a video in the 4 MB parts LinkedIn asks for, finalizes with their ETags and waits for AVAILABLE', async () => {
    const video: MediaItem = { url: 'https://cdn.test/demo.mp4', mimeType: 'video/mp4', byteLength: 9_000_000 };
    const seen = sim.requests.length;
    const result = await linkedinConnector.publish(contextFor(), request({ format: 'video', media: [video] }));
    assert.equal(published(result.networkPostId)?.media[0]?.size, 9_000_000);
    const calls = sim.requests.slice(seen);
    assert.equal(calls.filter((r) => r.method === 'PUT').length, 3);
    const finalize = calls.find(
      (r) => r.path === '/rest/videos' && JSON.stringify(r.body).includes('finalizeUploadRequest'),
    );
    assert.equal((finalize?.body.finalizeUploadRequest as { uploadedPartIds: string[] }).uploadedPartIds.length, 3);
  });

  it('publishes a document post', async () => {
    const deck: MediaItem = { url: 'https://cdn.test/deck.pdf', mimeType: 'application/pdf', byteLength: 20_000 };
    const result = await linkedinConnector.publish(contextFor(), request({ format: 'document', media: [deck] }));
    const post = published(result.networkPostId);
    assert.equal(post?.media[0]?.kind, 'document');
    assert.equal((post?.content?.media as { title?: string }).title, 'deck.pdf');
  });

  it('publishes a link as an article and the first comment under the post', async () => {
    const sent = request({
      format: 'link',
      link: { url: 'https://maison.test/launch', title: 'Launch' },
      firstComment: 'More below',
    });
    const result = await linkedinConnector.publish(contextFor(), sent);
    const post = published(result.networkPostId);
    assert.equal((post?.content?.article as { source?: string }).source, 'https://maison.test/launch');
    assert.deepEqual(
      post?.comments.map((comment) => comment.text),
      ['More below'],
    );
  });

  it('turns a 429 (LinkedIn sends no headers) into a quota wait until the next midnight UTC', async () => {
    sim.faults.inject({ kind: 'status', status: 429 }, { method: 'POST', pathIncludes: '/rest/posts' });
    const error = await linkedinConnector.publish(contextFor(), request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    const today = new Date();
    assert.equal(
      error.retryAt.getTime(),
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1),
    );
    assert.equal(error.scope, 'quota');
  });

  it('reports an expired access token as AuthExpired(refreshable) and a revoked refresh token as AuthExpired(false)', async () => {
    const { accessToken, refreshToken } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    const expired = await linkedinConnector
      .publish(contextFor(accessToken), request())
      .catch((caught: unknown) => caught);
    assert.ok(expired instanceof AuthExpired && expired.refreshable);
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const tokens = await linkedinConnector.refreshToken!(context, client, refreshToken);
    assert.ok(tokens.accessToken.startsWith('AQV'));
    sim.revokeRefreshToken(refreshToken);
    const revoked = await linkedinConnector.refreshToken!(context, client, refreshToken).catch(
      (caught: unknown) => caught,
    );
    assert.ok(revoked instanceof AuthExpired);
    assert.equal(revoked.refreshable, false);
  });

  it('reports a revoked access token as AuthExpired that only a reconnect fixes', async () => {
    const { accessToken } = sim.createAccount();
    sim.revokeAccessToken(accessToken);
    const error = await linkedinConnector
      .publish(contextFor(accessToken), request())
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthExpired && !error.refreshable);
  });

  it('authorizes with state and exchanges the code for tokens valid 60 days', async () => {
    const url = linkedinConnector.authorizeUrl!(sim.baseUrl, client, { state: 'abc' });
    const redirect = await fetch(url, { redirect: 'manual' });
    const location = new URL(redirect.headers.get('location')!);
    assert.equal(location.searchParams.get('state'), 'abc');
    const before = Date.now();
    const tokens = await linkedinConnector.exchangeCode!(
      { baseUrl: sim.baseUrl, fetch, now: () => new Date() },
      client,
      { code: location.searchParams.get('code')! },
    );
    assert.ok(Math.abs(tokens.expiresAt!.getTime() - (before + 5_184_000_000)) < 5000);
    assert.ok(tokens.refreshToken);
  });

  it('turns a 500 after the body was sent into OutcomeUnknown, and findPublished finds exactly that post', async () => {
    const notBefore = new Date(Date.now() - 1000);
    const sent = request();
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'POST', pathIncludes: '/rest/posts' });
    const error = await linkedinConnector.publish(contextFor(), sent).catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
    const matching = sim.posts().filter((post) => post.text === sent.text);
    assert.equal(matching.length, 1);
    const found = await linkedinConnector.findPublished(contextFor(), {
      idempotencyKey: sent.idempotencyKey,
      text: sent.text,
      notBefore,
    });
    assert.equal(found?.networkPostId, matching[0]?.urn);
  });

  it('never reports success on a 200 without a post URN, and then finds nothing', async () => {
    const sent = request();
    sim.faults.inject({ kind: 'false_success' }, { method: 'POST', pathIncludes: '/rest/posts' });
    const error = await linkedinConnector.publish(contextFor(), sent).catch((caught: unknown) => caught);
    assert.ok(error instanceof OutcomeUnknown);
    assert.equal(
      await linkedinConnector.findPublished(contextFor(), {
        idempotencyKey: sent.idempotencyKey,
        text: sent.text,
        notBefore: new Date(0),
      }),
      null,
    );
  });

  it('validate() rejects a post over 3,000 characters and names the limit', () => {
    const problems = linkedinConnector.validate(request({ text: 'a'.repeat(3001) }));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.reason, /3001 characters; LinkedIn allows 3000/);
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
    const error = await linkedinConnector.publish(unreachable, request()).catch((caught: unknown) => caught);
    assert.ok(error instanceof Transient, String(error));
  });
});
