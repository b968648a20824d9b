import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startInstagramSimulator } from './instagram-simulator.ts';

describe('instagram simulator: GET /me', () => {
  it('instagram answers user_id and username of the Instagram Login token', async () => {
    const sim = await startInstagramSimulator();
    try {
      const account = sim.createAccount({ username: 'lumiere' });
      const answer = await fetch(`${sim.baseUrl}/v26.0/me?fields=user_id,username`, {
        headers: { authorization: `Bearer ${account.accessToken}` },
      });
      const body = (await answer.json()) as Record<string, unknown>;
      assert.deepEqual([body.user_id, body.username], [account.igUserId, 'lumiere']);
    } finally {
      await sim.close();
    }
  });
});
