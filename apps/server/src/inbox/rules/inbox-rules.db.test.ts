import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors, type Connector, type InboxItem } from '@sillage/connectors';
import { actorIn } from '../../http/tests/fixtures.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import { createInboxHarness, type InboxHarness } from '../testing/inbox-harness.ts';

/** An `x` inbox that serves whatever the test queued, on every poll (a network that re-sends old items). */
function createScriptedInbox() {
  let items: InboxItem[] = [];
  const hides: string[] = [];
  const connector: Connector = {
    ...connectors.x,
    listInboxItems: async () => ({ items, cursor: 'same', hasMore: false }),
    async replyToItem(_context, item) {
      return { networkId: `reply-to-${item.networkItemId}-${Math.random().toString(36).slice(2, 8)}` };
    },
    async hideItem(_context, item, hidden) {
      if (hidden) hides.push(item.networkItemId);
    },
  };
  return { connector, hides, serve: (next: InboxItem[]) => void (items = next) };
}

const item = (id: string, text: string, handle = 'someone'): InboxItem => ({
  networkItemId: id,
  kind: 'comment',
  threadKey: `post:${id}`,
  author: { networkId: `author-${handle}`, name: `Name of ${handle}`, handle },
  text,
  createdAt: new Date('2026-11-27T14:00:00Z'),
});

type ItemView = {
  id: string;
  networkItemId: string;
  tags: string[];
  assigneeId: string | null;
  priority: string | null;
  spam: boolean;
  hidden: boolean;
};

for (const kind of databaseKindsUnderTest()) {
  describe(`inbox rules, saved replies and collisions on ${kind}`, () => {
    let h: InboxHarness;
    let scripted: ReturnType<typeof createScriptedInbox>;
    let channelId: string;
    const base = () => `/api/workspaces/${h.w.id}/inbox`;
    const byNetworkId = async (networkItemId: string) => {
      const list = (await h.request({ method: 'GET', url: `${base()}/items?limit=200` })).json<ItemView[]>();
      return list.find((one) => one.networkItemId === networkItemId)!;
    };

    before(async () => {
      scripted = createScriptedInbox();
      h = await createInboxHarness(kind, {
        start: '2026-11-27T15:00:00Z',
        connectors: { x: scripted.connector },
        networkBaseUrls: {},
        metaWebhook: { appSecret: 'secret', verifyToken: 'verify-token-0123456789' },
      });
      channelId = (await h.addChannel('x', 'brand-account', 'token')).id;
    });
    after(() => h.close());

    it('refuses a rule without condition, without action, or assigning to a stranger', async () => {
      const put = (rule: object) => h.request({ method: 'PUT', url: `${base()}/rules`, payload: { rules: [rule] } });
      const empty = await put({ name: 'Nothing', conditions: {}, actions: { hide: true } });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /rules\.0\.conditions/);
      const idle = await put({ name: 'Idle', conditions: { keywords: ['x'] }, actions: {} });
      assert.equal(idle.statusCode, 400);
      assert.match(idle.body, /rules\.0\.actions/);
      const stranger = await put({
        name: 'Stranger',
        conditions: { keywords: ['x'] },
        actions: { assignTo: '00000000-0000-4000-8000-000000000000' },
      });
      assert.equal(stranger.statusCode, 422);
      assert.equal(stranger.json<{ error: { code: string } }>().error.code, 'assignee_not_member');
    });

    it('applies the ordered rules once per item at ingestion, records each action and audits it', async () => {
      const saved = await h.request({
        method: 'PUT',
        url: `${base()}/rules`,
        payload: {
          rules: [
            {
              name: 'Scams',
              conditions: { keywords: ['arnaque', 'free money'] },
              actions: { markSpam: true, tags: ['scam'] },
            },
            { name: 'Hide spam', conditions: { spam: true }, actions: { hide: true } },
            {
              name: 'Refunds to the editor',
              conditions: { keywords: ['remboursement'] },
              actions: { assignTo: h.w.member.id, priority: 'high', tags: ['refund'] },
            },
            { name: 'Off', enabled: false, conditions: { keywords: ['remboursement'] }, actions: { tags: ['never'] } },
          ],
        },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(
        saved.json<{ rules: { name: string; position: number }[] }>().rules.map((rule) => [rule.position, rule.name]),
        [
          [0, 'Scams'],
          [1, 'Hide spam'],
          [2, 'Refunds to the editor'],
          [3, 'Off'],
        ],
      );

      scripted.serve([
        item('c1', "C'est une ARNAQUE, FREE money ici"),
        item('c2', 'Je demande un Remboursement svp'),
        item('c3', 'Merci pour la livraison'),
      ]);
      assert.equal((await h.inbox.ingestion.pollChannel(channelId)).stored, 3);

      const scam = await byNetworkId('c1');
      assert.deepEqual([scam.spam, scam.hidden, scam.tags], [true, true, ['scam']]);
      const refund = await byNetworkId('c2');
      assert.deepEqual(
        [refund.assigneeId, refund.priority, refund.tags, refund.spam],
        [h.w.member.id, 'high', ['refund'], false],
      );
      const thanks = await byNetworkId('c3');
      assert.deepEqual([thanks.tags, thanks.priority, thanks.assigneeId], [[], null, null]);
      assert.deepEqual(scripted.hides, ['c1']);

      const detail = (await h.request({ method: 'GET', url: `${base()}/items/${scam.id}` })).json<{
        ruleActions: { ruleName: string; action: string; outcome: string }[];
      }>();
      assert.deepEqual(
        detail.ruleActions.map((action) => `${action.ruleName}:${action.action}:${action.outcome}`),
        ['Scams:spam:applied', 'Scams:tag:applied', 'Hide spam:hide:applied'],
      );
      const audit = await h.db
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('workspace_id', '=', h.w.id)
        .where('action', 'in', ['inbox.rules_applied', 'inbox.item_hidden'])
        .execute();
      assert.deepEqual(
        audit.map((row) => `${row.action}:${row.target_id}`).sort(),
        [`inbox.item_hidden:${scam.id}`, `inbox.rules_applied:${refund.id}`, `inbox.rules_applied:${scam.id}`].sort(),
      );
    });

    it('a redelivered or re-read item is not acted on again', async () => {
      const before = await h.db
        .selectFrom('inbox_rule_actions')
        .select('id')
        .where('workspace_id', '=', h.w.id)
        .execute();
      // A member removes the tag and the assignee; the network then sends the same items again.
      const refund = await byNetworkId('c2');
      await h.request({
        method: 'PATCH',
        url: `${base()}/items/${refund.id}`,
        payload: { tags: [], assigneeId: null },
      });
      assert.equal((await h.inbox.ingestion.pollChannel(channelId)).stored, 0);
      // Even a direct second run on the same ids (a job retried after a crash) finds them already moderated.
      await h.db.transaction().execute((trx) => h.inbox.rules.applyToNewItems(h.w.id, [refund.id], trx));
      const after = await h.db
        .selectFrom('inbox_rule_actions')
        .select('id')
        .where('workspace_id', '=', h.w.id)
        .execute();
      assert.equal(after.length, before.length);
      const again = await byNetworkId('c2');
      assert.deepEqual([again.tags, again.assigneeId], [[], null]);
      assert.deepEqual(scripted.hides, ['c1']);
    });

    it('a dry run lists which recent items a rule would match, and changes nothing', async () => {
      const response = await h.request({
        method: 'POST',
        url: `${base()}/rules/dry-run`,
        payload: { conditions: { keywords: ['merci', 'remboursement'] }, actions: { tags: ['vip'] } },
      });
      assert.equal(response.statusCode, 200, response.body);
      const result = response.json<{
        examined: number;
        matched: number;
        items: (ItemView & { actions: unknown[] })[];
      }>();
      assert.equal(result.matched, 2);
      assert.ok(result.examined >= 3);
      assert.deepEqual(result.items.map((one) => one.networkItemId).sort(), ['c2', 'c3']);
      assert.deepEqual(result.items[0]!.actions, [{ action: 'tag', value: 'vip' }]);
      assert.deepEqual((await byNetworkId('c3')).tags, []);
    });

    it('filters items by tag', async () => {
      const list = (await h.request({ method: 'GET', url: `${base()}/items?tag=scam` })).json<ItemView[]>();
      assert.deepEqual(
        list.map((one) => one.networkItemId),
        ['c1'],
      );
    });

    it('saved replies refuse unknown variables and render the item, brand and agent', async () => {
      const bad = await h.request({
        method: 'POST',
        url: `${base()}/saved-replies`,
        payload: { title: 'Typo', body: 'Bonjour {{autor_name}}' },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<{ error: { code: string } }>().error.code, 'unknown_variable');
      assert.match(bad.body, /autor_name/);

      const created = await h.request({
        method: 'POST',
        url: `${base()}/saved-replies`,
        payload: {
          title: 'Merci',
          body: 'Merci {{author_name}} (@{{author_handle}}) ! {{agent_name}}, {{brand}}',
          language: 'fr',
          tags: ['thanks'],
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const savedId = created.json<{ id: string }>().id;
      const thanks = await byNetworkId('c3');
      const rendered = await h.request({ method: 'GET', url: `${base()}/items/${thanks.id}/saved-replies/${savedId}` });
      assert.equal(rendered.statusCode, 200, rendered.body);
      const owner = h.w.owner.email.split('@')[0];
      assert.equal(rendered.json<{ text: string }>().text, `Merci Name of someone (@someone) ! ${owner}, Inbox`);

      const handleOnly = await h.request({
        method: 'POST',
        url: `${base()}/saved-replies`,
        payload: { title: 'Handle', body: 'Hi @{{author_handle}}' },
      });
      // The seeded item's author has no handle: the reply is refused rather than sent with a hole.
      const missing = await h.request({
        method: 'GET',
        url: `${base()}/items/${h.w.itemId}/saved-replies/${handleOnly.json<{ id: string }>().id}`,
      });
      assert.equal(missing.statusCode, 422);
      assert.equal(missing.json<{ error: { code: string } }>().error.code, 'variable_without_value');

      const search = await h.request({ method: 'GET', url: `${base()}/saved-replies?search=merci&language=fr` });
      assert.deepEqual(
        search.json<{ title: string }[]>().map((one) => one.title),
        ['Merci'],
      );
      const english = await h.request({ method: 'GET', url: `${base()}/saved-replies?language=en` });
      // English shows the replies written in English and those without a language, not the French one.
      assert.deepEqual(
        english.json<{ title: string }[]>().map((one) => one.title),
        ['Handle'],
      );
    });

    it('a reply sent after another one since the item was opened asks for confirmation (409)', async () => {
      const thanks = await byNetworkId('c3');
      const url = `${base()}/items/${thanks.id}/replies`;
      // The editor answers first, from their own session (the service, as their actor).
      const editor = actorIn(h.w.id, h.w.member, 'editor');
      const first = await h.inbox.service.reply(editor, thanks.id, 'Avec plaisir !', { lastSeenReplyId: null });
      const stale = await h.request({ method: 'POST', url, payload: { text: 'Merci à vous', lastSeenReplyId: null } });
      assert.equal(stale.statusCode, 409);
      const error = stale.json<{ error: { code: string; message: string } }>().error;
      assert.equal(error.code, 'reply_conflict');
      assert.match(error.message, new RegExp(h.w.member.email.split('@')[0]!));
      const seen = await h.request({
        method: 'POST',
        url,
        payload: { text: 'Merci à vous', lastSeenReplyId: first.id },
      });
      assert.equal(seen.statusCode, 201, seen.body);
      const secondId = seen.json<{ id: string }>().id;
      const confirmed = await h.request({
        method: 'POST',
        url,
        payload: { text: 'Encore merci', lastSeenReplyId: first.id, confirm: true },
      });
      assert.equal(confirmed.statusCode, 201, confirmed.body);
      assert.notEqual(confirmed.json<{ id: string }>().id, secondId);
    });

    it('each member sees who else has the item open and who is typing, until the presence expires', async () => {
      const thanks = await byNetworkId('c3');
      const editor = actorIn(h.w.id, h.w.member, 'editor');
      await h.inbox.presence.touch(editor, thanks.id, true);
      const seenByOwner = await h.request({
        method: 'PUT',
        url: `${base()}/items/${thanks.id}/presence`,
        payload: { typing: false },
      });
      assert.equal(seenByOwner.statusCode, 200, seenByOwner.body);
      const view = seenByOwner.json<{ others: { userId: string; typing: boolean }[]; lastReplyId: string | null }>();
      assert.deepEqual(
        view.others.map((other) => [other.userId, other.typing]),
        [[h.w.member.id, true]],
      );
      assert.ok(view.lastReplyId);
      const seenByEditor = await h.inbox.presence.touch(editor, thanks.id, false);
      assert.deepEqual(
        seenByEditor.others.map((other) => [other.userId, other.typing]),
        [[h.w.owner.id, false]],
      );
      h.clock.advance(16_000);
      const later = await h.inbox.presence.touch(editor, thanks.id, false);
      assert.deepEqual(later.others, []);
    });

    it('KPIs count conversations by sentiment', async () => {
      const response = await h.request({
        method: 'GET',
        url: `${base()}/kpis?from=2026-11-27T00:00:00Z&to=2026-11-28T00:00:00Z`,
      });
      assert.equal(response.statusCode, 200, response.body);
      const kpis = response.json<{ overall: { conversations: number; sentiment: Record<string, number> } }>();
      const total = Object.values(kpis.overall.sentiment).reduce((sum, count) => sum + count, 0);
      assert.equal(total, kpis.overall.conversations);
      assert.equal(kpis.overall.conversations, 3);
    });
  });
}
