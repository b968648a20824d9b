import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  startGoogleBusinessSimulator,
  type GoogleBusinessSimulator,
} from '../../../simulators/src/google_business/google-business-simulator.ts';
import type { ConnectorContext, PublishRequest } from '../connector.ts';
import { AuthExpired, OutcomeUnknown, RateLimited, Rejected, Transient } from '../errors.ts';
import { googleBusinessConnector } from './index.ts';

const client = { clientId: 'client-1', clientSecret: 'secret-1', redirectUri: 'http://127.0.0.1/callback' };

let sim: GoogleBusinessSimulator;
before(async () => {
  sim = await startGoogleBusinessSimulator();
});
after(() => sim.close());

function contextFor(account: { accountId: string; accessToken: string }, baseUrl = sim.baseUrl): ConnectorContext {
  return {
    baseUrl,
    credentials: { accountId: account.accountId, accessToken: account.accessToken },
    fetch,
    now: () => new Date(),
    loadMedia: () => Promise.reject(new Error('Google pulls media from sourceUrl')),
  };
}

/** A loopback URL where nothing listens: the connection is refused before any byte is sent. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    idempotencyKey: `pub_${Math.random()}`,
    format: 'local_post',
    text: `Open on Sunday ${Math.random()}`,
    media: [],
    ...overrides,
  };
}

describe('google business connector against the simulator', () => {
  it('publishes a standard local post with a photo and a Book button', async () => {
    const account = sim.createAccount();
    const result = await googleBusinessConnector.publish(
      contextFor(account),
      request({
        media: [{ url: 'https://cdn.test/shop.jpg', mimeType: 'image/jpeg' }],
        link: { url: 'https://shop.test/book' },
        options: { callToAction: 'BOOK' },
      }),
    );
    const stored = sim.posts().find((post) => post.name === result.networkPostId);
    assert.equal(stored?.topicType, 'STANDARD');
    assert.deepEqual(stored?.callToAction, { actionType: 'BOOK', url: 'https://shop.test/book' });
    assert.deepEqual(stored?.media, [{ mediaFormat: 'PHOTO', sourceUrl: 'https://cdn.test/shop.jpg' }]);
    assert.match(result.url ?? '', /^https:\/\/local\.google\.com\//);
  });

  it('publishes an offer with its dates and coupon', async () => {
    const account = sim.createAccount();
    const result = await googleBusinessConnector.publish(
      contextFor(account),
      request({
        format: 'offer',
        options: { title: '20% off', startDate: '2026-12-01', endDate: '2026-12-24', couponCode: 'XMAS20' },
      }),
    );
    const stored = sim.posts().find((post) => post.name === result.networkPostId);
    assert.equal(stored?.topicType, 'OFFER');
    assert.deepEqual(stored?.offer, { couponCode: 'XMAS20' });
    assert.deepEqual(stored?.event, {
      title: '20% off',
      schedule: { startDate: { year: 2026, month: 12, day: 1 }, endDate: { year: 2026, month: 12, day: 24 } },
    });
  });

  it('publishes an event post', async () => {
    const account = sim.createAccount();
    const options = {
      topicType: 'EVENT',
      title: 'Tasting',
      startDate: '2026-12-05',
      endDate: '2026-12-05',
      startTime: '18:00',
      endTime: '21:30',
    };
    const result = await googleBusinessConnector.publish(contextFor(account), request({ options }));
    assert.equal(sim.posts().find((post) => post.name === result.networkPostId)?.topicType, 'EVENT');
  });

  it('refuses threads in validate(): a location has no threads', () => {
    const problems = googleBusinessConnector.validate(request({ format: 'thread', threadParts: [{ text: 'two' }] }));
    assert.ok(problems.some((problem) => problem.networkCode === 'format'));
  });

  it('turns a 500 after the body into OutcomeUnknown, and findPublished finds exactly the one post', async () => {
    const account = sim.createAccount();
    const wanted = request();
    const notBefore = new Date(Date.now() - 1000);
    sim.faults.inject({ kind: 'error_after_body' }, { method: 'POST', pathIncludes: '/localPosts' });
    await assert.rejects(googleBusinessConnector.publish(contextFor(account), wanted), OutcomeUnknown);
    const mine = sim.posts().filter((post) => post.location === account.accountId);
    assert.equal(mine.length, 1);
    const found = await googleBusinessConnector.findPublished(contextFor(account), {
      idempotencyKey: wanted.idempotencyKey,
      text: wanted.text,
      notBefore,
    });
    assert.equal(found?.networkPostId, mine[0]?.name);
  });

  it('turns a connection reset after the body into OutcomeUnknown and a refused connection into Transient', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'reset_after_body' }, { method: 'POST', pathIncludes: '/localPosts' });
    await assert.rejects(googleBusinessConnector.publish(contextFor(account), request()), OutcomeUnknown);
    await assert.rejects(
      googleBusinessConnector.publish(contextFor(account, await closedPortUrl()), request()),
      Transient,
    );
  });

  it('turns a 200 without the post name into OutcomeUnknown', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'false_success' }, { method: 'POST', pathIncludes: '/localPosts' });
    await assert.rejects(googleBusinessConnector.publish(contextFor(account), request()), OutcomeUnknown);
  });

  it('turns a 429 RESOURCE_EXHAUSTED with Retry-After into RateLimited at that time', async () => {
    const account = sim.createAccount();
    sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 30 }, { method: 'POST' });
    const started = Date.now();
    const error = await googleBusinessConnector
      .publish(contextFor(account), request())
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof RateLimited);
    assert.ok(Math.abs(error.retryAt.getTime() - (started + 30_000)) < 2000);
  });

  it('turns an expired token into AuthExpired(refreshable) and a revoked refresh token into AuthExpired(not refreshable)', async () => {
    const account = sim.createAccount();
    sim.expireAccessToken(account.accessToken);
    const error = await googleBusinessConnector
      .publish(contextFor(account), request())
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthExpired && error.refreshable);
    const context = { baseUrl: sim.baseUrl, fetch, now: () => new Date() };
    const refreshed = await googleBusinessConnector.refreshToken!(context, client, account.refreshToken);
    assert.equal(refreshed.refreshToken, account.refreshToken);
    sim.revokeRefreshToken(account.refreshToken);
    const revoked = await googleBusinessConnector.refreshToken!(context, client, account.refreshToken).catch(
      (caught: unknown) => caught,
    );
    assert.ok(revoked instanceof AuthExpired && !revoked.refreshable);
  });

  it('rejects a summary over 1,500 characters in validate(), naming the limit', () => {
    const problems = googleBusinessConnector.validate(request({ text: 'a'.repeat(1501) }));
    assert.ok(problems.some((problem) => problem instanceof Rejected && problem.reason.includes('1500')));
  });
});
