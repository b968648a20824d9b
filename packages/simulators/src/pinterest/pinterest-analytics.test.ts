import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startPinterestSimulator } from './pinterest-simulator.ts';

describe('pinterest simulator: GET /v5/pins/{pin_id}/analytics', () => {
  it('refuses a start more than 90 days back, a period over 90 days and unknown metric types', async () => {
    const now = () => new Date('2026-05-01T12:00:00Z');
    const sim = await startPinterestSimulator({ now });
    try {
      const account = sim.createAccount();
      const headers = { authorization: `Bearer ${account.accessToken}`, 'content-type': 'application/json' };
      const created = (await (
        await fetch(`${sim.baseUrl}/v5/pins`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            board_id: account.boardId,
            description: 'Bougies',
            media_source: { source_type: 'image_url', url: 'https://cdn.test/a.jpg' },
          }),
        })
      ).json()) as { id: string };
      sim.setDailyMetrics(created.id, '2026-05-01', { IMPRESSION: 10, SAVE: 2 });
      const analytics = (query: string) =>
        fetch(`${sim.baseUrl}/v5/pins/${created.id}/analytics?${query}`, { headers });
      const ok = (await (
        await analytics('start_date=2026-04-30&end_date=2026-05-01&metric_types=IMPRESSION,SAVE,SAVE_RATE')
      ).json()) as { all: { daily_metrics: { data_status: string }[]; summary_metrics: Record<string, number> } };
      assert.deepEqual(
        ok.all.daily_metrics.map((day) => day.data_status),
        ['BEFORE_PIN_CREATED', 'PROCESSING'],
      );
      assert.deepEqual(ok.all.summary_metrics, { IMPRESSION: 10, SAVE: 2, SAVE_RATE: 0.2 });
      assert.equal((await analytics('start_date=2026-01-30&end_date=2026-05-01&metric_types=SAVE')).status, 400);
      assert.equal((await analytics('start_date=2026-02-01&end_date=2026-05-03&metric_types=SAVE')).status, 400);
      assert.equal((await analytics('start_date=2026-04-01&end_date=2026-05-01&metric_types=CLICKS')).status, 400);
      assert.equal((await analytics('start_date=2026-04-01&end_date=2026-05-01')).status, 400);
    } finally {
      await sim.close();
    }
  });
});
