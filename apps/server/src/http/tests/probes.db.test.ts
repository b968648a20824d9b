import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';

for (const kind of databaseKindsUnderTest()) {
  describe(`probes on ${kind}`, () => {
    it('answers /api/health with 200 and /api/ready with 503 once the database is gone', async () => {
      const t = await createTestApp(kind);
      try {
        assert.equal((await t.app.inject({ url: '/api/ready' })).statusCode, 200);
        await t.composition.jobs.stop();
        await t.testDatabase.database.close();
        const health = await t.app.inject({ url: '/api/health', headers: { cookie: 'sillage_session=stale' } });
        assert.equal(health.statusCode, 200, health.body);
        const ready = await t.app.inject({ url: '/api/ready' });
        assert.equal(ready.statusCode, 503, ready.body);
        assert.equal(ready.json<{ checks: { database: string } }>().checks.database, 'failing');
      } finally {
        await t.app.close();
        await t.testDatabase.dispose().catch(() => undefined);
      }
    });
  });
}
