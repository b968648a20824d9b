import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startYouTubeSimulator } from './youtube-simulator.ts';

describe('youtube simulator: videos.list?part=statistics', () => {
  it('answers string counters, leaves out unknown ids, refuses more than 50 ids or no id', async () => {
    const sim = await startYouTubeSimulator();
    try {
      const account = sim.createAccount();
      const auth = { authorization: `Bearer ${account.accessToken}` };
      const list = (query: string) => fetch(`${sim.baseUrl}/youtube/v3/videos?${query}`, { headers: auth });
      const empty = (await (await list('part=statistics&id=nope1,nope2')).json()) as { items: unknown[] };
      assert.deepEqual(empty.items, []);
      const tooMany = Array.from({ length: 51 }, (_, index) => `v${index}`).join(',');
      assert.equal((await list(`part=statistics&id=${tooMany}`)).status, 400);
      assert.equal((await list('part=statistics')).status, 400);
      assert.equal((await fetch(`${sim.baseUrl}/youtube/v3/videos?part=statistics&id=a`)).status, 401);
    } finally {
      await sim.close();
    }
  });
});
