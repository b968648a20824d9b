import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTikTokSimulator } from './tiktok-simulator.ts';

describe('tiktok simulator: /v2/user/info/', () => {
  it('answers only the fields asked for, in the data.user envelope', async () => {
    const sim = await startTikTokSimulator();
    try {
      const account = sim.createAccount({ username: 'sunny' });
      const auth = { authorization: `Bearer ${account.accessToken}` };
      const answer = await fetch(`${sim.baseUrl}/v2/user/info/?fields=open_id,display_name`, { headers: auth });
      const body = (await answer.json()) as { data: { user: Record<string, string> }; error: { code: string } };
      assert.deepEqual(body.data.user, { open_id: account.accountId, display_name: 'sunny' });
      assert.equal(body.error.code, 'ok');
      const none = await fetch(`${sim.baseUrl}/v2/user/info/`, { headers: auth });
      assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'invalid_params');
    } finally {
      await sim.close();
    }
  });
});
