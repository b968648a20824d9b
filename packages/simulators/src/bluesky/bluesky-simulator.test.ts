import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBlueskySimulator, type BlueskySimulator } from './bluesky-simulator.ts';

let bluesky: BlueskySimulator;

async function xrpc(nsid: string, init: { token?: string; body?: unknown; query?: Record<string, string> } = {}) {
  const url = new URL(`/xrpc/${nsid}`, bluesky.baseUrl);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: init.body === undefined && !nsid.includes('Session') ? 'GET' : 'POST',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('Bluesky simulator', () => {
  before(async () => {
    bluesky = await startBlueskySimulator();
  });
  after(() => bluesky.close());

  it('answers /__simulator through the kit', async () => {
    const response = await fetch(`${bluesky.baseUrl}/__simulator`);
    assert.deepEqual(await response.json(), { network: 'bluesky', simulator: true });
  });

  it('refuses a record key that is not a TID, and a second create under a taken key, like a PDS', async () => {
    const account = bluesky.createAccount({ handle: 'sim.bsky.test', password: 'pw' });
    const session = await xrpc('com.atproto.server.createSession', {
      body: { identifier: 'sim.bsky.test', password: 'pw' },
    });
    const token = session.body.accessJwt!;
    const record = { $type: 'app.bsky.feed.post', text: 'hi', createdAt: new Date().toISOString() };
    const create = (rkey: string) =>
      xrpc('com.atproto.repo.createRecord', {
        token,
        body: { repo: account.did, collection: 'app.bsky.feed.post', rkey, record },
      });
    const bad = await create('not_a_tid');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'InvalidRequest');
    assert.equal((await create('3kabcdefghijk')).status, 200);
    assert.equal((await create('3kabcdefghijk')).status, 500);
    assert.equal(bluesky.posts().length, 1);
  });

  it('rotates refresh tokens and answers ExpiredToken for a revoked one', async () => {
    bluesky.createAccount({ handle: 'rot.bsky.test', password: 'pw' });
    const session = await xrpc('com.atproto.server.createSession', {
      body: { identifier: 'rot.bsky.test', password: 'pw' },
    });
    const refreshed = await xrpc('com.atproto.server.refreshSession', { token: session.body.refreshJwt });
    assert.equal(refreshed.status, 200);
    const again = await xrpc('com.atproto.server.refreshSession', { token: session.body.refreshJwt });
    assert.deepEqual([again.status, again.body.error], [400, 'ExpiredToken']);
  });
});
