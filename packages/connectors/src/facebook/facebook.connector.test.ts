import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFacebookSimulator, type FacebookSimulator } from '@sillage/simulators/facebook/facebook-simulator';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Transient } from '../errors.ts';
import { facebookConnector, listFacebookPages } from './index.ts';

const jpeg = (name: string): MediaItem => ({ url: `https://cdn.example.com/${name}.jpg`, mimeType: 'image/jpeg' });
const mp4 = (name: string): MediaItem => ({ url: `https://cdn.example.com/${name}.mp4`, mimeType: 'video/mp4' });
const client = { clientId: 'fb-app', clientSecret: 'fb-secret', redirectUri: 'https://sillage.test/callback' };
const clock = new Date('2026-05-01T12:00:00Z');
const now = () => clock;
let sim: FacebookSimulator;

function contextFor(account: { pageId: string; pageAccessToken: string }, baseUrl = sim.baseUrl): ConnectorContext {
  return {
    baseUrl,
    credentials: { accessToken: account.pageAccessToken, accountId: account.pageId },
    fetch: globalThis.fetch,
    now,
    loadMedia: async () => new Uint8Array(),
  };
}

const request = (overrides: Partial<PublishRequest>): PublishRequest => ({
  idempotencyKey: `pub-${Math.random()}`,
  format: 'text',
  text: 'Launch day!',
  media: [],
  ...overrides,
});

describe('facebook connector against the simulator', () => {
  before(async () => {
    sim = await startFacebookSimulator({ now });
  });
  after(() => sim.close());

  const cases = [
    ['text', {}, 'status', []],
    ['link', { link: { url: 'https://example.com/launch' } }, 'link', []],
    ['image', { media: [jpeg('a')] }, 'photo', ['https://cdn.example.com/a.jpg']],
    [
      'multi_image',
      { media: [jpeg('a'), jpeg('b'), jpeg('c')] },
      'multi_photo',
      ['a', 'b', 'c'].map((n) => `https://cdn.example.com/${n}.jpg`),
    ],
    ['video', { media: [mp4('v')] }, 'video', ['https://cdn.example.com/v.mp4']],
  ] as const;
  for (const [format, extra, kind, urls] of cases) {
    it(`publishes a ${format} post on the Page with the Page token`, async () => {
      const account = sim.createAccount();
      const result = await facebookConnector.publish(
        contextFor(account),
        request({ format, ...extra, text: `a ${format}` }),
      );
      const post = sim.posts().find((candidate) => candidate.id === result.networkPostId);
      assert.equal(post?.kind, kind);
      assert.equal(post?.message, `a ${format}`);
      assert.deepEqual(
        post?.media.map((item) => item.url),
        urls,
      );
      assert.equal(result.url, post?.permalink);
    });
  }

  it('adds the first comment under the new post', async () => {
    const account = sim.createAccount();
    const result = await facebookConnector.publish(contextFor(account), request({ firstComment: 'Link in bio' }));
    assert.deepEqual(
      sim
        .posts()
        .find((post) => post.id === result.networkPostId)
        ?.comments.map((c) => c.message),
      ['Link in bio'],
    );
  });

  it('maps a 429 with X-Business-Use-Case-Usage to RateLimited at the estimated time to regain access', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1800 }, { pathIncludes: '/feed' });
    const error = await facebookConnector.publish(contextFor(account), request({})).catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.equal(error.scope, 'account');
    assert.equal(error.retryAt.getTime(), clock.getTime() + 1_800_000);
  });

  it('reports an expired token as refreshable and a revoked user token as not refreshable on refresh', async () => {
    const account = sim.createAccount();
    const refreshed = await facebookConnector.refreshToken!(
      { baseUrl: sim.baseUrl, fetch, now },
      client,
      account.userAccessToken,
    );
    assert.notEqual(refreshed.accessToken, account.userAccessToken);
    sim.expireAccessToken(account.pageAccessToken);
    const expired = await facebookConnector
      .publish(contextFor(account), request({}))
      .catch((caught: unknown) => caught);
    assert.ok(expired instanceof AuthExpired && expired.refreshable);
    sim.revokeRefreshToken(account.userAccessToken);
    const revoked = await facebookConnector.refreshToken!(
      { baseUrl: sim.baseUrl, fetch, now },
      client,
      account.userAccessToken,
    ).catch((caught: unknown) => caught);
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
  });

  it('turns a 500 after the feed call was read into OutcomeUnknown, and findPublished finds the one post', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'error_after_body' }, { pathIncludes: '/feed' });
    const text = `Reconcile ${Math.random()}`;
    await assert.rejects(facebookConnector.publish(contextFor(account), request({ text })), OutcomeUnknown);
    const mine = sim.posts().filter((post) => post.pageId === account.pageId);
    assert.equal(mine.length, 1);
    const found = await facebookConnector.findPublished(contextFor(account), {
      idempotencyKey: 'k',
      text,
      notBefore: clock,
    });
    assert.equal(found?.networkPostId, mine[0]!.id);
  });

  it('turns a connection reset after the photo call was read into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'reset_after_body' }, { pathIncludes: '/photos' });
    await assert.rejects(
      facebookConnector.publish(contextFor(account), request({ format: 'image', media: [jpeg('r')] })),
      OutcomeUnknown,
    );
  });

  it('turns a 200 without an id into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'false_success' }, { pathIncludes: '/feed' });
    await assert.rejects(facebookConnector.publish(contextFor(account), request({})), OutcomeUnknown);
  });

  it('turns a refused connection into Transient', async () => {
    const account = sim.createAccount();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(
      facebookConnector.publish(contextFor(account, `http://127.0.0.1:${port}`), request({})),
      Transient,
    );
  });

  it('logs in with state and PKCE, keeps a long-lived user token and lists the Page with its token', async () => {
    const account = sim.createAccount();
    const verifier = 'verifier-0123456789-0123456789-0123456789-0123';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = facebookConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st-3', codeChallenge: challenge });
    const redirect = await fetch(`${url}&sim_account=${account.userId}`, { redirect: 'manual' });
    const location = new URL(redirect.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'st-3');
    const tokens = await facebookConnector.exchangeCode!({ baseUrl: sim.baseUrl, fetch, now }, client, {
      code: location.searchParams.get('code') ?? '',
      codeVerifier: verifier,
    });
    assert.equal(tokens.expiresAt?.getTime(), clock.getTime() + 5_184_000_000);
    const pages = await listFacebookPages({ baseUrl: sim.baseUrl, fetch, now }, tokens.accessToken);
    assert.deepEqual(
      pages.map((page) => page.id),
      [account.pageId],
    );
    assert.equal(pages[0]?.accessToken, account.pageAccessToken);
  });

  it('deletes a post', async () => {
    const account = sim.createAccount();
    const result = await facebookConnector.publish(contextFor(account), request({}));
    await facebookConnector.deletePost!(contextFor(account), result.networkPostId);
    assert.equal(sim.posts().find((post) => post.id === result.networkPostId)?.deleted, true);
  });

  it('rejects a text over 63,206 characters, naming the limit', () => {
    const problems = facebookConnector.validate(request({ text: 'a'.repeat(63_207) }));
    assert.match(problems[0]?.reason ?? '', /63206 characters/);
  });
});
