import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createRateLimitsRepository, type RateLimitsRepository } from './rate-limits.repository.ts';

const minute = (iso: string) => new Date(`2030-01-01T${iso}Z`);

for (const kind of databaseKindsUnderTest()) {
  describe(`rate limits repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let rateLimits: RateLimitsRepository;
    before(async () => {
      testDatabase = await createTestDatabase(kind);
      rateLimits = createRateLimitsRepository(testDatabase.database.db);
    });
    after(() => testDatabase.dispose());

    it('counts hits in a window, including the one being recorded', async () => {
      const window = minute('10:00:00');
      assert.equal(await rateLimits.hitWindow('api', 'user-1', window), 1);
      assert.equal(await rateLimits.hitWindow('api', 'user-1', window), 2);
      assert.equal(await rateLimits.hitWindow('api', 'user-1', window), 3);
    });

    it('keeps windows apart by bucket, key and start', async () => {
      const window = minute('11:00:00');
      await rateLimits.hitWindow('api', 'user-2', window);
      assert.equal(await rateLimits.hitWindow('api', 'user-3', window), 1, 'another key');
      assert.equal(await rateLimits.hitWindow('login', 'user-2', window), 1, 'another bucket');
      assert.equal(await rateLimits.hitWindow('api', 'user-2', minute('11:01:00')), 1, 'another window');
    });

    it('counts concurrent hits without losing one', async () => {
      const window = minute('12:00:00');
      const counts = await Promise.all(Array.from({ length: 10 }, () => rateLimits.hitWindow('api', 'burst', window)));
      assert.deepEqual(
        [...counts].sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
    });

    it('counts the events strictly after a moment, with the oldest of them', async () => {
      for (const time of ['13:00:00', '13:00:10', '13:00:20', '13:00:30'])
        await rateLimits.recordEvent('login-failure', '203.0.113.7', minute(time));
      await rateLimits.recordEvent('login-failure', '198.51.100.1', minute('13:00:25'));
      const counted = await rateLimits.countEventsSince('login-failure', '203.0.113.7', minute('13:00:10'));
      assert.equal(counted.count, 2);
      assert.deepEqual(counted.oldest, minute('13:00:20'));
    });

    it('answers zero and no oldest when there is nothing', async () => {
      assert.deepEqual(await rateLimits.countEventsSince('login-failure', 'nobody', minute('00:00:00')), {
        count: 0,
        oldest: null,
      });
    });

    it('deletes events and windows older than a moment and keeps the newer ones', async () => {
      await rateLimits.recordEvent('cleanup', 'k', minute('14:00:00'));
      await rateLimits.recordEvent('cleanup', 'k', minute('14:10:00'));
      await rateLimits.hitWindow('cleanup', 'k', minute('14:00:00'));
      await rateLimits.hitWindow('cleanup', 'k', minute('14:10:00'));
      await rateLimits.deleteOlderThan(minute('14:05:00'));
      assert.deepEqual(await rateLimits.countEventsSince('cleanup', 'k', minute('00:00:00')), {
        count: 1,
        oldest: minute('14:10:00'),
      });
      assert.equal(await rateLimits.hitWindow('cleanup', 'k', minute('14:00:00')), 1, 'the old window started again');
      assert.equal(await rateLimits.hitWindow('cleanup', 'k', minute('14:10:00')), 2, 'the new window kept its hit');
    });
  });
}
