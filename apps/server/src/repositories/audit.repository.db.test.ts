import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createAuditRepository, type AuditEntryInput, type AuditRepository } from './audit.repository.ts';
import { createWorkspacesRepository } from './workspaces.repository.ts';

const entry = (workspaceId: string | null, action: string, details?: Record<string, unknown>): AuditEntryInput => ({
  workspaceId,
  actorUserId: null,
  actorEmail: 'actor@example.com',
  action,
  targetType: 'thing',
  targetId: action,
  ip: '127.0.0.1',
  outcome: 'success',
  ...(details ? { details } : {}),
});

for (const kind of databaseKindsUnderTest()) {
  describe(`audit repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let audit: AuditRepository;
    let workspaceA: string;
    let workspaceB: string;

    before(async () => {
      testDatabase = await createTestDatabase(kind);
      audit = createAuditRepository(testDatabase.database.db);
      const workspaces = createWorkspacesRepository(testDatabase.database.db);
      workspaceA = (await workspaces.insert({ name: 'A', timeZone: 'Europe/Paris', locale: 'en' })).id;
      workspaceB = (await workspaces.insert({ name: 'B', timeZone: 'Europe/Paris', locale: 'en' })).id;
      for (let index = 1; index <= 5; index += 1) await audit.insert(entry(workspaceA, `a.${index}`, { index }));
      await audit.insert(entry(workspaceB, 'b.1'));
      await audit.insert(entry(null, 'instance.1'));
    });
    after(() => testDatabase.dispose());

    it("lists a workspace's trail newest first, and never another workspace's or the instance's rows", async () => {
      const listed = await audit.list(workspaceA, { limit: 100 });
      assert.deepEqual(
        listed.map((row) => row.action),
        ['a.5', 'a.4', 'a.3', 'a.2', 'a.1'],
      );
      assert.deepEqual(
        (await audit.list(workspaceB, { limit: 100 })).map((row) => row.action),
        ['b.1'],
      );
    });

    it('keeps the details as an object and the default as an empty one', async () => {
      const [newest] = await audit.list(workspaceA, { limit: 1 });
      assert.deepEqual(newest?.details, { index: 5 });
      const [other] = await audit.list(workspaceB, { limit: 1 });
      assert.deepEqual(other?.details, {});
      assert.deepEqual(
        [other?.actorEmail, other?.targetType, other?.targetId, other?.ip, other?.outcome],
        ['actor@example.com', 'thing', 'b.1', '127.0.0.1', 'success'],
      );
    });

    it('pages strictly before the cursor with the limit', async () => {
      const firstPage = await audit.list(workspaceA, { limit: 2 });
      assert.deepEqual(
        firstPage.map((row) => row.action),
        ['a.5', 'a.4'],
      );
      const secondPage = await audit.list(workspaceA, { limit: 2, before: firstPage.at(-1)!.cursor });
      assert.deepEqual(
        secondPage.map((row) => row.action),
        ['a.3', 'a.2'],
      );
    });

    it('skips no entry when several share the same instant (one transaction), one page at a time', async () => {
      const workspaces = createWorkspacesRepository(testDatabase.database.db);
      const same = (await workspaces.insert({ name: 'Same instant', timeZone: 'Europe/Paris', locale: 'en' })).id;
      await testDatabase.database.db.transaction().execute(async (trx) => {
        for (const action of ['s.1', 's.2', 's.3', 's.4']) await audit.insert(entry(same, action), trx);
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page += 1) {
        const rows = await audit.list(same, { limit: 1, before: cursor });
        if (rows.length === 0) break;
        seen.push(rows[0]!.action);
        cursor = rows[0]!.cursor;
      }
      assert.deepEqual(seen.sort(), ['s.1', 's.2', 's.3', 's.4']);
    });

    it('filters by action within the workspace', async () => {
      assert.deepEqual(
        (await audit.list(workspaceA, { limit: 10, action: 'a.3' })).map((row) => row.action),
        ['a.3'],
      );
      assert.deepEqual(await audit.list(workspaceA, { limit: 10, action: 'b.1' }), []);
    });

    it('writes nothing when the transaction holding the entry rolls back', async () => {
      await assert.rejects(
        testDatabase.database.db.transaction().execute(async (trx) => {
          await audit.insert(entry(workspaceB, 'b.rolled-back'), trx);
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.deepEqual(
        (await audit.list(workspaceB, { limit: 10 })).map((row) => row.action),
        ['b.1'],
      );
    });
  });
}
