import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SignedInClient } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createPublishingHarness } from './testing/publishing-harness.ts';

type Problem = { channelId: string; network: string; field: string; reason: string; code?: string };

for (const kind of databaseKindsUnderTest()) {
  describe(`the composer's dry run on ${kind}`, () => {
    let h: Awaited<ReturnType<typeof createPublishingHarness>>;
    let client: SignedInClient;
    let channelId: string;

    before(async () => {
      h = await createPublishingHarness(kind, { start: '2026-01-01T00:00:00Z' });
      client = await h.t.signIn(h.w.owner.email);
      channelId = (await h.addChannel()).id;
    });
    after(() => h.close());

    const postCount = async () =>
      (await h.t.testDatabase.database.db.selectFrom('posts').select('id').where('workspace_id', '=', h.w.id).execute())
        .length;
    const thread = (lastPart: string) => ({
      text: 'A thread in three parts',
      channelIds: [channelId],
      schedule: { date: '2026-02-02', time: '09:30', timeZone: 'Europe/Paris' },
      variants: [{ channelId, format: 'thread', threadParts: [{ text: 'Part two' }, { text: lastPart }] }],
    });

    it('lists what the rules table refuses, with the field and what to change, and writes nothing', async () => {
      const before = await postCount();
      const response = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts/validate`,
        payload: thread('🕯'.repeat(141)),
      });
      assert.equal(response.statusCode, 200, response.body);
      const result = response.json<{ ok: boolean; problems: Problem[] }>();
      assert.equal(result.ok, false);
      const problem = result.problems.find((entry) => entry.code === 'text_too_long');
      assert.ok(problem, response.body);
      assert.equal(problem.channelId, channelId);
      assert.equal(problem.network, 'x');
      assert.equal(problem.field, 'variants[0].threadParts[1].text');
      assert.match(problem.reason, /by 2 characters \(X counts 280 weighted characters/);
      assert.equal(await postCount(), before);
    });

    it('answers ok for a content that fits, still without writing', async () => {
      const before = await postCount();
      const response = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts/validate`,
        payload: thread('Part three'),
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { ok: true, problems: [] });
      assert.equal(await postCount(), before);
    });

    it('refuses the same content on create with the same problems, and creates it once fixed', async () => {
      const refused = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts`,
        payload: thread('🕯'.repeat(141)),
      });
      assert.equal(refused.statusCode, 400, refused.body);
      const error = refused.json<{ error: { code: string; details: { problems: Problem[] } } }>().error;
      assert.equal(error.code, 'content_rejected');
      assert.ok(error.details.problems.some((entry) => entry.field === 'variants[0].threadParts[1].text'));
      const created = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts`,
        payload: thread('Part three'),
      });
      assert.equal(created.statusCode, 201, created.body);
    });

    it('answers an unknown channel as create does', async () => {
      const response = await client.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts/validate`,
        payload: { text: 'Hello', channelIds: ['00000000-0000-4000-8000-00000000abcd'] },
      });
      assert.equal(response.statusCode, 404, response.body);
    });
  });
}
