import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startBlueskySimulator, type BlueskySimulator } from '@sillage/simulators/bluesky/bluesky-simulator';
import type { ConnectorContext, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import { blueskyConnector, createBlueskySession } from './index.ts';

const noClient = { clientId: '', clientSecret: '', redirectUri: '' };
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
let bluesky: BlueskySimulator;
let context: ConnectorContext;
let counter = 0;

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  counter += 1;
  return {
    idempotencyKey: `pub_${counter}_${Date.now()}`,
    format: 'text',
    text: `Post ${counter}`,
    media: [],
    ...overrides,
  };
}

async function login(): Promise<ConnectorContext> {
  const account = bluesky.createAccount({ handle: `brand${++counter}.bsky.test`, password: 'aaaa-bbbb-cccc-dddd' });
  const base = { baseUrl: bluesky.baseUrl, fetch, now: () => new Date() };
  const session = await createBlueskySession(base, { identifier: account.handle, appPassword: 'aaaa-bbbb-cccc-dddd' });
  return { ...base, credentials: session.credentials, loadMedia: async () => png };
}

describe('Bluesky connector against the simulator', () => {
  before(async () => {
    bluesky = await startBlueskySimulator();
    bluesky.createAccount({ handle: 'alice.bsky.test' });
  });
  after(() => bluesky.close());
  beforeEach(async () => {
    bluesky.faults.clear();
    context = await login();
  });
  const mine = () => bluesky.posts().filter((post) => post.did === context.credentials.accountId);

  it('logs in with an app password: DID as account id, the PDS as instance URL', () => {
    assert.match(context.credentials.accountId, /^did:plc:/);
    assert.equal(context.credentials.instanceUrl, bluesky.baseUrl);
  });

  it('refuses a wrong app password as AuthExpired that needs the user', async () => {
    const base = { baseUrl: bluesky.baseUrl, fetch, now: () => new Date() };
    await assert.rejects(
      createBlueskySession(base, { identifier: 'alice.bsky.test', appPassword: 'wrong' }),
      (error) => error instanceof AuthExpired && !error.refreshable,
    );
  });

  it('publishes a text post with a resolved mention, a hashtag and a link facet', async () => {
    const result = await blueskyConnector.publish(
      context,
      request({ text: 'Hi @alice.bsky.test #launch https://example.com' }),
    );
    const [post] = mine();
    assert.equal(post!.uri, result.networkPostId);
    assert.match(result.url!, /^https:\/\/bsky\.app\/profile\/did:plc:.+\/post\//);
    const features = post!.facets.map((facet) => (facet as { features: { $type: string }[] }).features[0]!.$type);
    assert.deepEqual(features, [
      'app.bsky.richtext.facet#mention',
      'app.bsky.richtext.facet#tag',
      'app.bsky.richtext.facet#link',
    ]);
  });

  it('publishes up to four images with their alt text', async () => {
    const media = [1, 2, 3, 4].map((n) => ({
      url: `https://cdn.test/${n}.png`,
      mimeType: 'image/png',
      altText: `Alt ${n}`,
    }));
    await blueskyConnector.publish(context, request({ format: 'multi_image', media }));
    assert.deepEqual(
      mine()[0]!.images.map((image) => image.alt),
      ['Alt 1', 'Alt 2', 'Alt 3', 'Alt 4'],
    );
    assert.equal(mine()[0]!.images[0]!.size, png.length);
  });

  it('publishes a link card as app.bsky.embed.external', async () => {
    await blueskyConnector.publish(
      context,
      request({ format: 'link', link: { url: 'https://example.com/a', title: 'A', description: 'D' } }),
    );
    assert.deepEqual(mine()[0]!.embed, {
      $type: 'app.bsky.embed.external',
      external: { uri: 'https://example.com/a', title: 'A', description: 'D' },
    });
  });

  it('publishes a thread: each part replies to the previous one under the same root', async () => {
    const result = await blueskyConnector.publish(
      context,
      request({ format: 'thread', text: 'One', threadParts: [{ text: 'Two' }, { text: 'Three' }] }),
    );
    assert.equal(result.threadPostIds?.length, 2);
    const byUri = new Map(mine().map((post) => [post.uri, post]));
    const [second, third] = result.threadPostIds.map((uri) => byUri.get(uri)!);
    assert.equal(second!.reply!.root.uri, result.networkPostId);
    assert.equal(second!.reply!.parent.uri, result.networkPostId);
    assert.equal(third!.reply!.root.uri, result.networkPostId);
    assert.equal(third!.reply!.parent.uri, second!.uri);
  });

  it('turns a 429 into RateLimited at the RateLimit-Reset time', async () => {
    bluesky.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 120 }, { pathIncludes: 'createRecord' });
    const started = Date.now();
    await assert.rejects(blueskyConnector.publish(context, request()), (error) => {
      assert.ok(error instanceof RateLimited);
      const wait = error.retryAt.getTime() - started;
      assert.ok(wait > 115_000 && wait < 125_000, `retryAt in ${wait} ms`);
      return true;
    });
  });

  it('turns an expired access token into a refreshable AuthExpired, and refresh rotates the tokens', async () => {
    bluesky.expireAccessToken(context.credentials.accessToken);
    await assert.rejects(
      blueskyConnector.publish(context, request()),
      (error) => error instanceof AuthExpired && error.refreshable,
    );
    const tokens = await blueskyConnector.refreshToken!(context, noClient, context.credentials.refreshToken!);
    assert.notEqual(tokens.refreshToken, context.credentials.refreshToken);
    await blueskyConnector.publish(
      { ...context, credentials: { ...context.credentials, accessToken: tokens.accessToken } },
      request(),
    );
    assert.equal(mine().length, 1);
    await assert.rejects(
      blueskyConnector.refreshToken!(context, noClient, context.credentials.refreshToken!),
      (error) => error instanceof AuthExpired && !error.refreshable,
    );
  });

  it('turns a revoked refresh token into AuthExpired that needs the user', async () => {
    bluesky.revokeRefreshToken(context.credentials.refreshToken!);
    await assert.rejects(
      blueskyConnector.refreshToken!(context, noClient, context.credentials.refreshToken!),
      (error) => error instanceof AuthExpired && !error.refreshable,
    );
  });

  it('a 500 after the body makes OutcomeUnknown; findPublished then finds the one post, and a retry cannot duplicate', async () => {
    const publication = request({ format: 'thread', text: 'Exactly once', threadParts: [{ text: 'and its reply' }] });
    bluesky.faults.inject({ kind: 'error_after_body' }, { pathIncludes: 'createRecord' });
    await assert.rejects(blueskyConnector.publish(context, publication), OutcomeUnknown);
    const found = await blueskyConnector.findPublished(context, {
      idempotencyKey: publication.idempotencyKey,
      text: publication.text,
      notBefore: new Date(0),
    });
    assert.equal(found?.networkPostId, mine()[0]!.uri);
    await assert.rejects(blueskyConnector.publish(context, publication), OutcomeUnknown);
    assert.equal(mine().length, 1);
  });

  it('a 200 without a uri (false success) is OutcomeUnknown, and findPublished finds nothing', async () => {
    const publication = request();
    bluesky.faults.inject({ kind: 'false_success' }, { pathIncludes: 'createRecord' });
    await assert.rejects(blueskyConnector.publish(context, publication), OutcomeUnknown);
    assert.equal(
      await blueskyConnector.findPublished(context, {
        idempotencyKey: publication.idempotencyKey,
        text: publication.text,
        notBefore: new Date(0),
      }),
      null,
    );
  });

  it('a connection reset after the body on create is OutcomeUnknown', async () => {
    bluesky.faults.inject({ kind: 'reset_after_body' }, { pathIncludes: 'createRecord' });
    await assert.rejects(blueskyConnector.publish(context, request()), OutcomeUnknown);
    assert.equal(mine().length, 1);
  });

  it('a refused connection is Transient (nothing was sent)', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const closed = { ...context, credentials: { ...context.credentials, instanceUrl: `http://127.0.0.1:${port}` } };
    await assert.rejects(blueskyConnector.publish(closed, request()), Transient);
  });

  it('rejects an over-long text before any call, naming the 300-character limit', async () => {
    const sent = bluesky.requests.length;
    const long = request({ text: 'x'.repeat(301) });
    assert.match(blueskyConnector.validate(long)[0]!.reason, /300/);
    await assert.rejects(blueskyConnector.publish(context, long), Rejected);
    assert.equal(bluesky.requests.length, sent);
  });

  it('deletes a post by its AT URI', async () => {
    const result = await blueskyConnector.publish(context, request());
    await blueskyConnector.deletePost!(context, result.networkPostId);
    assert.equal(mine().length, 0);
  });
});
