import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startFacebookSimulator } from '../facebook/facebook-simulator.ts';
import { startInstagramSimulator } from '../instagram/instagram-simulator.ts';
import { startThreadsSimulator } from '../threads/threads-simulator.ts';

const form = (params: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(params).toString(),
});

describe('Meta simulators on the wire', () => {
  it('each answers GET /__simulator with its network', async () => {
    for (const [network, start] of [
      ['facebook', startFacebookSimulator],
      ['instagram', startInstagramSimulator],
      ['threads', startThreadsSimulator],
    ] as const) {
      const sim = await start();
      const body = (await (await fetch(`${sim.baseUrl}/__simulator`)).json()) as { network: string };
      assert.equal(body.network, network);
      await sim.close();
    }
  });

  it('refuses the 26th Instagram media_publish in 24 h with subcode 2207042 and reports the quota usage', async () => {
    let clock = new Date('2026-07-01T00:00:00Z');
    const sim = await startInstagramSimulator({ now: () => clock });
    const { igUserId, accessToken } = sim.createAccount();
    const api = `${sim.baseUrl}/v26.0/${igUserId}`;
    const publishOne = async () => {
      const container = (await (
        await fetch(`${api}/media`, form({ image_url: 'https://x/a.jpg', access_token: accessToken }))
      ).json()) as { id: string };
      return fetch(`${api}/media_publish`, form({ creation_id: container.id, access_token: accessToken }));
    };
    for (let index = 0; index < 25; index += 1) assert.equal((await publishOne()).status, 200);
    const refused = await publishOne();
    const error = ((await refused.json()) as { error: { code: number; error_subcode: number } }).error;
    assert.equal(refused.status, 400);
    assert.equal(error.error_subcode, 2207042);
    const limit = (await (await fetch(`${api}/content_publishing_limit?access_token=${accessToken}`)).json()) as {
      data: { quota_usage: number; config: { quota_total: number } }[];
    };
    assert.deepEqual([limit.data[0]?.quota_usage, limit.data[0]?.config.quota_total], [25, 25]);
    clock = new Date('2026-07-02T00:00:01Z');
    assert.equal((await publishOne()).status, 200, 'the window rolled past the first 25');
    await sim.close();
  });

  it('sends X-App-Usage and X-Business-Use-Case-Usage with an injected 429', async () => {
    const sim = await startFacebookSimulator();
    const { pageId, pageAccessToken } = sim.createAccount();
    sim.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 120 });
    const response = await fetch(
      `${sim.baseUrl}/v26.0/${pageId}/feed`,
      form({ message: 'x', access_token: pageAccessToken }),
    );
    const usage = JSON.parse(response.headers.get('x-business-use-case-usage') ?? '{}') as Record<
      string,
      { estimated_time_to_regain_access: number }[]
    >;
    assert.equal(usage[pageId]?.[0]?.estimated_time_to_regain_access, 2);
    assert.match(response.headers.get('x-app-usage') ?? '', /"call_count":100/);
    await sim.close();
  });
});
