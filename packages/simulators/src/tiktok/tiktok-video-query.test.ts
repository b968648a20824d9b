import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTikTokSimulator } from './tiktok-simulator.ts';

describe('tiktok simulator: POST /v2/video/query/', () => {
  it('refuses unknown fields and more than 20 ids, and finds only the creator’s own videos', async () => {
    const sim = await startTikTokSimulator();
    try {
      const account = sim.createAccount();
      const query = (fields: string, ids: unknown[]) =>
        fetch(`${sim.baseUrl}/v2/video/query/?fields=${fields}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${account.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ filters: { video_ids: ids } }),
        });
      const unknown = (await (await query('id,view_count', ['7300000000000000001'])).json()) as {
        data: { videos: unknown[] };
        error: { code: string };
      };
      assert.deepEqual([unknown.data.videos, unknown.error.code], [[], 'ok']);
      assert.equal((await query('id,save_count', ['1'])).status, 400);
      assert.equal(
        (
          await query(
            'id',
            Array.from({ length: 21 }, (_, index) => String(index)),
          )
        ).status,
        400,
      );
      assert.equal((await query('id', [])).status, 400);
    } finally {
      await sim.close();
    }
  });
});
