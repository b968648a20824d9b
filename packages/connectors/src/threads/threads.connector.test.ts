import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startThreadsSimulator, type ThreadsSimulator } from '@sillage/simulators/threads/threads-simulator';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited } from '../errors.ts';
import { threadsConnector } from './index.ts';

const png = (name: string): MediaItem => ({ url: `https://cdn.example.com/${name}.png`, mimeType: 'image/png' });
const mp4 = (name: string): MediaItem => ({ url: `https://cdn.example.com/${name}.mp4`, mimeType: 'video/mp4' });
const client = { clientId: 'th-app', clientSecret: 'th-secret', redirectUri: 'https://sillage.test/callback' };
const clock = new Date('2026-04-01T09:00:00Z');
const now = () => clock;
let sim: ThreadsSimulator;

function contextFor(account: { userId: string; accessToken: string }): ConnectorContext {
  return {
    baseUrl: sim.baseUrl,
    credentials: { accessToken: account.accessToken, accountId: account.userId },
    fetch: globalThis.fetch,
    now,
    loadMedia: async () => new Uint8Array(),
  };
}

const request = (overrides: Partial<PublishRequest>): PublishRequest => ({
  idempotencyKey: `pub-${Math.random()}`,
  format: 'text',
  text: 'Hello Threads',
  media: [],
  ...overrides,
});

describe('threads connector against the simulator', () => {
  before(async () => {
    sim = await startThreadsSimulator({ now });
  });
  after(() => sim.close());

  for (const [format, media, expected] of [
    ['text', [], 'TEXT_POST'],
    ['image', [png('a')], 'IMAGE'],
    ['video', [mp4('v')], 'VIDEO'],
    ['carousel', [png('a'), mp4('b'), png('c')], 'CAROUSEL_ALBUM'],
  ] as const) {
    it(`publishes a ${format} post and the simulator holds it as ${expected}`, async () => {
      const account = sim.createAccount();
      const result = await threadsConnector.publish(
        contextFor(account),
        request({ format, media, text: `a ${format}` }),
      );
      const post = sim.posts().find((candidate) => candidate.id === result.networkPostId);
      assert.equal(post?.mediaType, expected);
      assert.equal(post?.text, `a ${format}`);
      assert.deepEqual(
        post?.media.map((item) => item.url),
        media.map((item) => item.url),
      );
      assert.match(result.url ?? '', /threads\.net\/@/);
    });
  }

  it('publishes a thread as a chain of replies, each to the part before it', async () => {
    const account = sim.createAccount();
    const result = await threadsConnector.publish(
      contextFor(account),
      request({ format: 'thread', text: '1/3', threadParts: [{ text: '2/3' }, { text: '3/3', media: [png('end')] }] }),
    );
    const [second, third] = result.threadPostIds ?? [];
    const byId = (id: string | undefined) => sim.posts().find((post) => post.id === id);
    assert.equal(byId(second)?.replyToId, result.networkPostId);
    assert.equal(byId(third)?.replyToId, second);
    assert.equal(byId(third)?.media.length, 1);
  });

  it('maps a 429 with the usage headers to RateLimited at the estimated time to regain access', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 300 }, { pathIncludes: '/threads' });
    const error = await threadsConnector.publish(contextFor(account), request({})).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.equal(error.retryAt.getTime(), clock.getTime() + 300_000);
  });

  it('reports an expired token as refreshable and a revoked one as not refreshable on refresh', async () => {
    const account = sim.createAccount();
    const refreshed = await threadsConnector.refreshToken!(
      { baseUrl: sim.baseUrl, fetch, now },
      client,
      account.accessToken,
    );
    sim.expireAccessToken(refreshed.accessToken);
    const expired = await threadsConnector
      .publish(contextFor({ userId: account.userId, accessToken: refreshed.accessToken }), request({}))
      .catch((caught: unknown) => caught);
    assert.ok(expired instanceof AuthExpired && expired.refreshable);
    sim.revokeRefreshToken(account.accessToken);
    const revoked = await threadsConnector.refreshToken!(
      { baseUrl: sim.baseUrl, fetch, now },
      client,
      account.accessToken,
    ).catch((caught: unknown) => caught);
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
  });

  it('turns a 500 after threads_publish was read into OutcomeUnknown, and findPublished finds the one post', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'error_after_body' }, { pathIncludes: '/threads_publish' });
    const text = `Reconcile ${Math.random()}`;
    await assert.rejects(threadsConnector.publish(contextFor(account), request({ text })), OutcomeUnknown);
    const mine = sim.posts().filter((post) => post.accountId === account.userId);
    assert.equal(mine.length, 1);
    const found = await threadsConnector.findPublished(contextFor(account), {
      idempotencyKey: 'k',
      text,
      notBefore: clock,
    });
    assert.equal(found?.networkPostId, mine[0]!.id);
  });

  it('turns a 200 without an id from threads_publish into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'false_success' }, { pathIncludes: '/threads_publish' });
    await assert.rejects(threadsConnector.publish(contextFor(account), request({})), OutcomeUnknown);
  });

  it('authorizes with state and exchanges the code for a 60-day token that publishes', async () => {
    const account = sim.createAccount();
    const url = threadsConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st-2' });
    const redirect = await fetch(`${url}&sim_account=${account.userId}`, { redirect: 'manual' });
    const location = new URL(redirect.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'st-2');
    const tokens = await threadsConnector.exchangeCode!({ baseUrl: sim.baseUrl, fetch, now }, client, {
      code: location.searchParams.get('code') ?? '',
    });
    assert.equal(tokens.expiresAt?.getTime(), clock.getTime() + 5_184_000_000);
    const result = await threadsConnector.publish(
      contextFor({ userId: account.userId, accessToken: tokens.accessToken }),
      request({}),
    );
    assert.ok(result.networkPostId);
  });

  it('deletes a post', async () => {
    const account = sim.createAccount();
    const result = await threadsConnector.publish(contextFor(account), request({}));
    await threadsConnector.deletePost!(contextFor(account), result.networkPostId);
    assert.equal(sim.posts().find((post) => post.id === result.networkPostId)?.deleted, true);
  });

  it('rejects a text over 500 characters, naming the limit, counting emoji as their UTF-8 bytes', () => {
    const problems = threadsConnector.validate(request({ text: 'a'.repeat(497) + '👋' }));
    assert.match(problems[0]?.reason ?? '', /limited to 500 characters/);
    assert.deepEqual(threadsConnector.validate(request({ text: 'a'.repeat(496) + '👋' })), []);
  });
});
