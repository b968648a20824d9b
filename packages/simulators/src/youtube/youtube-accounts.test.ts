import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startYouTubeSimulator } from './youtube-simulator.ts';

describe('youtube simulator: channels.list?mine=true', () => {
  it("answers the token's channel with the parts asked for, and refuses a call without a filter", async () => {
    const sim = await startYouTubeSimulator();
    try {
      const account = sim.createAccount({ title: 'Lumière TV' });
      const auth = { authorization: `Bearer ${account.accessToken}` };
      const body = (await (
        await fetch(`${sim.baseUrl}/youtube/v3/channels?part=snippet&mine=true`, { headers: auth })
      ).json()) as { items: { id: string; snippet?: { title: string }; contentDetails?: unknown }[] };
      assert.deepEqual(
        body.items.map((item) => [item.id, item.snippet?.title, item.contentDetails]),
        [[account.accountId, 'Lumière TV', undefined]],
      );
      const noFilter = await fetch(`${sim.baseUrl}/youtube/v3/channels?part=snippet`, { headers: auth });
      assert.equal(noFilter.status, 400);
    } finally {
      await sim.close();
    }
  });
});
