import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startBlueskySimulator } from './bluesky-simulator.ts';

describe('bluesky simulator: com.atproto.server.getSession', () => {
  it('answers the DID and handle of the access JWT without the tokens, ExpiredToken once expired', async () => {
    const sim = await startBlueskySimulator();
    try {
      const account = sim.createAccount({ handle: 'lumiere.bsky.test', password: 'pass-word' });
      const session = (await (
        await fetch(`${sim.baseUrl}/xrpc/com.atproto.server.createSession`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: account.handle, password: 'pass-word' }),
        })
      ).json()) as { accessJwt: string };
      const url = `${sim.baseUrl}/xrpc/com.atproto.server.getSession`;
      const auth = { authorization: `Bearer ${session.accessJwt}` };
      const body = (await (await fetch(url, { headers: auth })).json()) as Record<string, unknown>;
      assert.deepEqual(
        [body.did, body.handle, body.active, 'accessJwt' in body],
        [account.did, account.handle, true, false],
      );
      sim.expireAccessToken(session.accessJwt);
      const expired = await fetch(url, { headers: auth });
      assert.equal(expired.status, 400);
      assert.equal(((await expired.json()) as { error: string }).error, 'ExpiredToken');
    } finally {
      await sim.close();
    }
  });
});
