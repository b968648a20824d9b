import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startXSimulator } from './x-simulator.ts';

describe('x simulator: /2/users/me', () => {
  it('adds profile_image_url only when user.fields asks for it', async () => {
    const sim = await startXSimulator();
    try {
      const { account, accessToken } = sim.createAccount({ username: 'lumiere' });
      const auth = { authorization: `Bearer ${accessToken}` };
      const plain = (await (await fetch(`${sim.baseUrl}/2/users/me`, { headers: auth })).json()) as {
        data: Record<string, string>;
      };
      assert.deepEqual(Object.keys(plain.data).sort(), ['id', 'name', 'username']);
      const rich = (await (
        await fetch(`${sim.baseUrl}/2/users/me?user.fields=profile_image_url`, { headers: auth })
      ).json()) as { data: Record<string, string> };
      assert.equal(rich.data.id, account.id);
      assert.match(rich.data.profile_image_url ?? '', /^https:\/\/pbs\.twimg\.com\//);
    } finally {
      await sim.close();
    }
  });
});
