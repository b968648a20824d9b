import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startPinterestSimulator } from './pinterest-simulator.ts';

describe('pinterest simulator: /v5/user_account', () => {
  it('answers the account behind the token, and 401 for a bad token', async () => {
    const sim = await startPinterestSimulator();
    try {
      const account = sim.createAccount({ username: 'lumiere' });
      const answer = await fetch(`${sim.baseUrl}/v5/user_account`, {
        headers: { authorization: `Bearer ${account.accessToken}` },
      });
      const body = (await answer.json()) as { username: string; account_type: string; id: string };
      assert.deepEqual([body.username, body.account_type], ['lumiere', 'BUSINESS']);
      assert.match(body.id, /^\d+$/);
      const bad = await fetch(`${sim.baseUrl}/v5/user_account`, { headers: { authorization: 'Bearer nope' } });
      assert.equal(bad.status, 401);
    } finally {
      await sim.close();
    }
  });
});
