import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createInstanceSettingsRepository, type InstanceSettingsRepository } from './instance-settings.repository.ts';

for (const kind of databaseKindsUnderTest()) {
  describe(`instance settings repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let settings: InstanceSettingsRepository;
    before(async () => {
      testDatabase = await createTestDatabase(kind);
      settings = createInstanceSettingsRepository(testDatabase.database.db);
    });
    after(() => testDatabase.dispose());

    it('has no value for a key never set', async () => {
      assert.equal(await settings.get('never-set'), undefined);
    });

    it('stores a JSON value when absent and reads it back as an object', async () => {
      const stored = await settings.putIfAbsent('demo', { email: 'demo@example.com', nested: { count: 3 } });
      assert.deepEqual(stored, { email: 'demo@example.com', nested: { count: 3 } });
      assert.deepEqual(await settings.get('demo'), { email: 'demo@example.com', nested: { count: 3 } });
    });

    it('keeps the first value and returns it when a second writer comes', async () => {
      await settings.putIfAbsent('first-wins', { value: 'first' });
      assert.deepEqual(await settings.putIfAbsent('first-wins', { value: 'second' }), { value: 'first' });
      assert.deepEqual(await settings.get('first-wins'), { value: 'first' });
    });

    it('keeps keys apart', async () => {
      await settings.putIfAbsent('key-a', { value: 'a' });
      await settings.putIfAbsent('key-b', { value: 'b' });
      assert.deepEqual(await settings.get('key-a'), { value: 'a' });
      assert.deepEqual(await settings.get('key-b'), { value: 'b' });
    });
  });
}
