import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startPinterestSimulator,
  type PinterestSimulator,
} from '../../../simulators/src/pinterest/pinterest-simulator.ts';
import type { ConnectorContext, MediaItem, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected } from '../errors.ts';
import { pinterestConnector } from './index.ts';

const client = { clientId: 'app-1', clientSecret: 'secret-1', redirectUri: 'http://127.0.0.1/callback' };
const image = (name: string, mimeType = 'image/jpeg'): MediaItem => ({
  url: `https://cdn.test/${name}.jpg`,
  mimeType,
  altText: `Alt ${name}`,
});

let sim: PinterestSimulator;
before(async () => {
  sim = await startPinterestSimulator();
});
after(() => sim.close());

type Account = ReturnType<PinterestSimulator['createAccount']>;

function contextFor(account: Account): ConnectorContext {
  return {
    baseUrl: sim.baseUrl,
    credentials: { accountId: account.accountId, accessToken: account.accessToken },
    fetch,
    now: () => new Date(),
    loadMedia: (item) => Promise.resolve(new TextEncoder().encode(`bytes of ${item.url}`)),
  };
}

function request(account: Account, overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    idempotencyKey: `pub_${Math.random()}`,
    format: 'pin',
    text: `Picnic ideas ${Math.random()}`,
    media: [image('a')],
    options: { boardId: account.boardId },
    ...overrides,
  };
}

describe('pinterest connector against the simulator', () => {
  it('creates an image Pin from a URL with title, link and alt text', async () => {
    const account = sim.createAccount();
    const result = await pinterestConnector.publish(
      contextFor(account),
      request(account, {
        link: { url: 'https://shop.test/picnic' },
        options: { boardId: account.boardId, title: 'Summer picnic' },
      }),
    );
    const pin = sim.posts().find((item) => item.id === result.networkPostId);
    assert.equal(pin?.sourceType, 'image_url');
    assert.deepEqual(
      [pin?.title, pin?.link, pin?.altText, pin?.boardId],
      ['Summer picnic', 'https://shop.test/picnic', 'Alt a', account.boardId],
    );
    assert.equal(result.url, `https://www.pinterest.com/pin/${result.networkPostId}/`);
  });

  it('uploads the image as base64 when asked', async () => {
    const account = sim.createAccount();
    const result = await pinterestConnector.publish(
      contextFor(account),
      request(account, { options: { boardId: account.boardId, mediaSource: 'base64' } }),
    );
    const pin = sim.posts().find((item) => item.id === result.networkPostId);
    assert.equal(pin?.sourceType, 'image_base64');
    assert.deepEqual(pin?.images, ['bytes of https://cdn.test/a.jpg'.length]);
  });

  it('creates a carousel Pin of three images', async () => {
    const account = sim.createAccount();
    const result = await pinterestConnector.publish(
      contextFor(account),
      request(account, { format: 'carousel', media: [image('a'), image('b'), image('c')] }),
    );
    const pin = sim.posts().find((item) => item.id === result.networkPostId);
    assert.equal(pin?.sourceType, 'multiple_image_urls');
    assert.equal(pin?.images.length, 3);
  });

  it('refuses threads and a missing board in validate()', () => {
    const account = sim.createAccount();
    const codes = pinterestConnector
      .validate(request(account, { format: 'thread', options: {} }))
      .map((problem) => problem.networkCode);
    assert.ok(codes.includes('format') && codes.includes('board_id'));
  });

  it('turns a 500 after the body into OutcomeUnknown, and findPublished finds exactly the one Pin', async () => {
    const account = sim.createAccount();
    const wanted = request(account);
    const notBefore = new Date(Date.now() - 1000);
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'POST', pathIncludes: '/v5/pins' });
    await assert.rejects(pinterestConnector.publish(contextFor(account), wanted), OutcomeUnknown);
    const mine = sim.posts().filter((pin) => pin.username === account.accountId);
    assert.equal(mine.length, 1);
    const found = await pinterestConnector.findPublished(contextFor(account), {
      idempotencyKey: wanted.idempotencyKey,
      text: wanted.text,
      notBefore,
    });
    assert.equal(found?.networkPostId, mine[0]?.id);
  });

  it('turns a 201 without a Pin id into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'false_success' }, { method: 'POST', pathIncludes: '/v5/pins' });
    await assert.rejects(pinterestConnector.publish(contextFor(account), request(account)), OutcomeUnknown);
  });

  it('turns a 429 (no documented headers) into RateLimited one minute later', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'status', status: 429 }, { method: 'POST', pathIncludes: '/v5/pins' });
    const started = Date.now();
    const error = await pinterestConnector
      .publish(contextFor(account), request(account))
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.ok(Math.abs(error.retryAt.getTime() - (started + 60_000)) < 2000);
  });

  it('turns a board of another account into Rejected (404 Board not found)', async () => {
    const account = sim.createAccount();
    const error = await pinterestConnector
      .publish(contextFor(account), request(account, { options: { boardId: '123' } }))
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof Rejected && error.reason.includes('Board not found'));
  });

  it('turns an expired token into AuthExpired(refreshable) and a revoked refresh token into AuthExpired(not refreshable)', async () => {
    const account = sim.createAccount();
    sim.expireAccessToken(account.accessToken);
    const error = await pinterestConnector
      .publish(contextFor(account), request(account))
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthExpired && error.refreshable);
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const refreshed = await pinterestConnector.refreshToken!(context, client, account.refreshToken);
    assert.ok(refreshed.accessToken.startsWith('pina_'));
    assert.equal(refreshed.refreshToken, account.refreshToken);
    sim.revokeRefreshToken(account.refreshToken);
    const revoked = await pinterestConnector.refreshToken!(context, client, account.refreshToken).catch(
      (caught: unknown) => caught,
    );
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
  });

  it('runs the OAuth code flow with state and Basic client auth', async () => {
    const url = pinterestConnector.authorizeUrl!(sim.baseUrl, client, { state: 'st-3' });
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'st-3');
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const tokens = await pinterestConnector.exchangeCode!(context, client, {
      code: location.searchParams.get('code') ?? '',
    });
    assert.ok(tokens.refreshToken?.startsWith('pinr_'));
    assert.ok(tokens.expiresAt && tokens.expiresAt.getTime() > Date.now() + 29 * 86_400_000);
  });

  it('rejects a description over 800 characters in validate(), naming the limit', () => {
    const account = sim.createAccount();
    const problems = pinterestConnector.validate(request(account, { text: 'p'.repeat(801) }));
    assert.ok(problems.some((problem) => problem.reason.includes('801') && problem.reason.includes('800')));
  });
});
