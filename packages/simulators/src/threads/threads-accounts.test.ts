import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startThreadsSimulator } from './threads-simulator.ts';

describe('threads simulator: GET /me', () => {
  it('threads answers id, username and the profile picture, and code 190 for a bad token', async () => {
    const sim = await startThreadsSimulator();
    try {
      const account = sim.createAccount({ username: 'lumiere' });
      const url = `${sim.baseUrl}/v1.0/me?fields=id,username,threads_profile_picture_url`;
      const body = (await (
        await fetch(url, { headers: { authorization: `Bearer ${account.accessToken}` } })
      ).json()) as Record<string, unknown>;
      assert.deepEqual(
        [body.id, body.username, typeof body.threads_profile_picture_url],
        [account.userId, 'lumiere', 'string'],
      );
      const bad = (await (await fetch(url, { headers: { authorization: 'Bearer nope' } })).json()) as {
        error: { code: number };
      };
      assert.equal(bad.error.code, 190);
    } finally {
      await sim.close();
    }
  });
});
