import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startBlueskySimulator } from './bluesky-simulator.ts';

describe('bluesky simulator: app.bsky.feed.getPosts', () => {
  it('needs a session, takes 1 to 25 AT URIs and leaves out posts it does not have', async () => {
    const sim = await startBlueskySimulator();
    try {
      const account = sim.createAccount();
      const session = (await (
        await fetch(`${sim.baseUrl}/xrpc/com.atproto.server.createSession`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: account.handle, password: account.password }),
        })
      ).json()) as { accessJwt: string };
      const get = (uris: string[], token = session.accessJwt) => {
        const url = new URL('/xrpc/app.bsky.feed.getPosts', sim.baseUrl);
        for (const uri of uris) url.searchParams.append('uris', uri);
        return fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      };
      const missing = `at://${account.did}/app.bsky.feed.post/3kaaaaaaaaaaa`;
      assert.deepEqual(await (await get([missing])).json(), { posts: [] });
      assert.equal((await get(Array.from({ length: 26 }, () => missing))).status, 400);
      assert.equal((await get([])).status, 400);
      assert.equal((await get(['https://bsky.app/x'])).status, 400);
      assert.equal((await get([missing], '')).status, 401);
    } finally {
      await sim.close();
    }
  });
});
