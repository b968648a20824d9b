import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { seedWorkspace, type SeededWorkspace } from '../http/tests/fixtures.ts';
import { createInboxRepository, type NewInboxItem } from './inbox.repository.ts';

const item = (id: string, text: string, overrides: Partial<NewInboxItem> = {}): NewInboxItem => ({
  networkItemId: id,
  kind: 'comment',
  threadKey: 'post:1',
  author: { networkId: 'a1', name: 'Zoé 100%_vraie' },
  text,
  createdAt: new Date('2026-05-01T10:00:00Z'),
  lang: 'fr',
  sentiment: 'neutral',
  sentimentScore: 0,
  ...overrides,
});

for (const kind of databaseKindsUnderTest()) {
  describe(`inbox repository on ${kind}`, () => {
    let t: TestApp;
    let a: SeededWorkspace;
    let b: SeededWorkspace;
    let inbox: ReturnType<typeof createInboxRepository>;
    const channelOf = async (workspaceId: string) =>
      t.testDatabase.database.db
        .selectFrom('channels')
        .select(['id', 'workspace_id as workspaceId', 'network'])
        .where('workspace_id', '=', workspaceId)
        .where('network', '=', 'bluesky')
        .executeTakeFirstOrThrow();

    before(async () => {
      t = await createTestApp(kind);
      a = await seedWorkspace(t, 'Repo A');
      b = await seedWorkspace(t, 'Repo B');
      inbox = createInboxRepository(t.testDatabase.database.db);
    });
    after(() => t.close());

    it('stores an item once per channel, whatever the number of inserts', async () => {
      const channel = await channelOf(a.id);
      const at = new Date('2026-05-01T10:01:00Z');
      assert.equal((await inbox.insertItems(channel, [item('c1', 'Bonjour'), item('c2', 'Salut')], at)).length, 2);
      assert.equal((await inbox.insertItems(channel, [item('c1', 'Bonjour'), item('c3', 'Coucou')], at)).length, 1);
      const rows = await inbox.list(a.id, { limit: 50, channelId: channel.id });
      assert.deepEqual(rows.map((row) => row.networkItemId).sort(), ['c1', 'c2', 'c3']);
    });

    it('never reads or changes another workspace’s items', async () => {
      const [id] = await inbox.insertItems(await channelOf(b.id), [item('b1', 'Secret de B')], new Date());
      assert.equal(await inbox.find(a.id, id!), undefined);
      assert.ok(!(await inbox.list(a.id, { limit: 200 })).some((row) => row.id === id));
      await inbox.update(a.id, id!, { status: 'closed' });
      assert.equal((await inbox.find(b.id, id!))?.status, 'open');
    });

    it('searches text and author literally: % and _ are not wildcards', async () => {
      const channel = await channelOf(a.id);
      await inbox.insertItems(channel, [item('s1', 'Promo à 100% ce week-end')], new Date());
      const percent = await inbox.list(a.id, { limit: 50, search: '100%' });
      assert.deepEqual(
        percent.map((row) => row.networkItemId).sort(),
        ['c1', 'c2', 'c3', 's1'],
        'the author name "Zoé 100%_vraie" matches too',
      );
      assert.deepEqual(await inbox.list(a.id, { limit: 50, search: '1_0' }), []);
    });
  });
}
