import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors } from '@sillage/connectors';
import { startFacebookSimulator, type FacebookSimulator } from '@sillage/simulators/facebook/facebook-simulator';
import { startMastodonSimulator, type MastodonSimulator } from '@sillage/simulators/mastodon/mastodon-simulator';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createInboxHarness, type InboxHarness } from './testing/inbox-harness.ts';

type ItemView = {
  id: string;
  networkItemId: string;
  kind: string;
  status: string;
  tags: string[];
  assigneeId: string | null;
};

for (const kind of databaseKindsUnderTest()) {
  describe(`inbox on ${kind}`, () => {
    let h: InboxHarness;
    let mastodon: MastodonSimulator;
    let facebook: FacebookSimulator;
    let page: ReturnType<FacebookSimulator['createAccount']>;
    let mastodonChannelId: string;
    let facebookChannelId: string;
    let postId: string;

    before(async () => {
      const start = '2026-11-27T15:00:00Z';
      let now = () => new Date(start);
      mastodon = await startMastodonSimulator({ now: () => now() });
      facebook = await startFacebookSimulator({ now: () => now() });
      h = await createInboxHarness(kind, {
        start,
        connectors: { mastodon: connectors.mastodon, facebook: connectors.facebook },
        networkBaseUrls: { facebook: facebook.baseUrl },
        metaWebhook: { appSecret: 'secret', verifyToken: 'verify-token-0123456789' },
      });
      now = h.clock.now;
      mastodonChannelId = (await h.addChannel('mastodon', mastodon.account.id, mastodon.accessToken, mastodon.baseUrl))
        .id;
      page = facebook.createAccount({ pageName: 'Maison Lumière' });
      facebookChannelId = (await h.addChannel('facebook', page.pageId, page.pageAccessToken)).id;
      postId = (
        await connectors.facebook.publish(
          {
            baseUrl: facebook.baseUrl,
            credentials: { accessToken: page.pageAccessToken, accountId: page.pageId },
            fetch,
            now,
            loadMedia: async () => new Uint8Array(),
          },
          { idempotencyKey: 'k', format: 'text', text: 'Nouvelle collection', media: [] },
        )
      ).networkPostId;
    });
    after(async () => {
      await h.close();
      await mastodon.close();
      await facebook.close();
    });

    const storedIds = async (channelId: string) =>
      (
        await h.db
          .selectFrom('inbox_items')
          .select('network_item_id')
          .where('channel_id', '=', channelId)
          .orderBy('network_item_id')
          .execute()
      ).map((row) => row.network_item_id);

    it('ten minutes of ingestion downtime loses no item and duplicates none', async () => {
      const sent: string[] = [];
      const mention = (text: string) =>
        sent.push(mastodon.inbox.addIncoming({ to: mastodon.account.id, text }).status.id);
      mention('Bonjour, vous ouvrez dimanche ?');
      mention('Love the new candles!');
      assert.equal((await h.inbox.ingestion.pollChannel(mastodonChannelId)).stored, 2);

      // Polling stops: for ten minutes, 60 mentions arrive (more than one page of 40).
      for (let second = 10; second <= 600; second += 10) {
        h.clock.advance(10_000);
        mention(`Question numéro ${second / 10}`);
      }
      const resumed = await h.inbox.ingestion.pollChannel(mastodonChannelId);
      assert.equal(resumed.stored, 60);
      assert.ok(resumed.pages >= 2, 'read page by page from the cursor');
      assert.deepEqual(await storedIds(mastodonChannelId), [...sent].sort());

      // Polling again, or re-reading from an older cursor, stores nothing twice.
      assert.equal((await h.inbox.ingestion.pollChannel(mastodonChannelId)).stored, 0);
      await h.db
        .updateTable('inbox_cursors')
        .set({ cursor: null })
        .where('channel_id', '=', mastodonChannelId)
        .execute();
      assert.equal((await h.inbox.ingestion.pollChannel(mastodonChannelId)).stored, 0);
      assert.deepEqual(await storedIds(mastodonChannelId), [...sent].sort());
    });

    it('lists with filters, triages, and a reply sent from Sillage appears on the network with its id', async () => {
      h.clock.set('2026-11-27T16:30:00Z');
      const { item: comment } = await facebook.inbox.addIncoming({
        pageId: page.pageId,
        kind: 'comment',
        postId,
        from: { id: '42', name: 'Inès Moreau' },
        message: 'La bougie Figuier est-elle de retour ?',
      });
      await h.inbox.ingestion.pollChannel(facebookChannelId);
      const list = await h.request({
        method: 'GET',
        url: `/api/workspaces/${h.w.id}/inbox/items?channelId=${facebookChannelId}&search=figuier`,
      });
      assert.equal(list.statusCode, 200, list.body);
      const [item] = list.json<ItemView[]>();
      assert.equal(item?.networkItemId, comment.id);

      const patched = await h.request({
        method: 'PATCH',
        url: `/api/workspaces/${h.w.id}/inbox/items/${item.id}`,
        payload: { status: 'pending', assigneeId: h.w.member.id, tags: ['produit', 'stock'] },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual(
        [patched.json<ItemView>().status, patched.json<ItemView>().assigneeId, patched.json<ItemView>().tags],
        ['pending', h.w.member.id, ['produit', 'stock']],
      );
      const byAssignee = await h.request({
        method: 'GET',
        url: `/api/workspaces/${h.w.id}/inbox/items?assignee=${h.w.member.id}&status=pending`,
      });
      assert.deepEqual(
        byAssignee.json<ItemView[]>().map((one) => one.id),
        [item.id],
      );
      const note = await h.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/inbox/items/${item.id}/notes`,
        payload: { text: 'Retour prévu lundi, vérifier avec la boutique.' },
      });
      assert.equal(note.statusCode, 201);

      // Monday 10:15 Paris: the answer.
      h.clock.set('2026-11-30T09:15:00Z');
      const reply = await h.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/inbox/items/${item.id}/replies`,
        payload: { text: 'Oui, dès lundi en boutique et en ligne !' },
      });
      assert.equal(reply.statusCode, 201, reply.body);
      const { networkReplyId } = reply.json<{ networkReplyId: string }>();
      const onNetwork = facebook.inbox.items().find((one) => one.id === networkReplyId);
      assert.equal(onNetwork?.message, 'Oui, dès lundi en boutique et en ligne !');
      assert.equal(onNetwork?.parentId, comment.id);

      const detail = await h.request({ method: 'GET', url: `/api/workspaces/${h.w.id}/inbox/items/${item.id}` });
      const body = detail.json<{ replies: { networkReplyId: string }[]; notes: unknown[] }>();
      assert.deepEqual(
        body.replies.map((one) => one.networkReplyId),
        [networkReplyId],
      );
      assert.equal(body.notes.length, 1);
      const audit = await h.db.selectFrom('audit_log').select('action').where('target_id', '=', item.id).execute();
      assert.deepEqual(audit.map((row) => row.action).sort(), [
        'inbox.item_updated',
        'inbox.note_added',
        'inbox.replied',
      ]);

      // Friday 17:30 -> Monday 10:15 Paris, open 09:00-18:00: 30 + 75 = 105 business minutes.
      const kpis = await h.request({
        method: 'GET',
        url: `/api/workspaces/${h.w.id}/inbox/kpis?from=2026-11-27T16:00:00Z&to=2026-11-27T17:00:00Z`,
      });
      assert.equal(kpis.statusCode, 200, kpis.body);
      const figures = kpis.json<{
        overall: { conversations: number; medianFirstResponseMinutes: { kind: string; value?: number } };
        byAgent: { agentId: string | null }[];
      }>();
      assert.equal(figures.overall.conversations, 1);
      assert.deepEqual(figures.overall.medianFirstResponseMinutes, { kind: 'value', value: 105 });
      assert.deepEqual(
        figures.byAgent.map((one) => one.agentId),
        [h.w.owner.id],
      );
    });

    it("refuses a Messenger reply after Meta's 24-hour window with a clear error, and sends nothing", async () => {
      h.clock.set('2026-12-01T09:00:00Z');
      await facebook.inbox.addIncoming({
        pageId: page.pageId,
        kind: 'message',
        from: { id: '99', name: 'Jordan' },
        message: 'Do you ship to Canada?',
      });
      await h.inbox.ingestion.pollChannel(facebookChannelId);
      const [dm] = (await h.request({ method: 'GET', url: `/api/workspaces/${h.w.id}/inbox/items?kind=dm` })).json<
        ItemView[]
      >();
      assert.ok(dm);
      h.clock.set('2026-12-02T09:00:01Z');
      const sentBefore = facebook.inbox.items().length;
      const late = await h.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/inbox/items/${dm.id}/replies`,
        payload: { text: 'Yes, we do.' },
      });
      assert.equal(late.statusCode, 422);
      assert.equal(late.json<{ error: { code: string } }>().error.code, 'messaging_window_closed');
      assert.equal(facebook.inbox.items().length, sentBefore);

      h.clock.set('2026-12-02T08:59:00Z');
      const inTime = await h.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/inbox/items/${dm.id}/replies`,
        payload: { text: 'Yes, we do.' },
      });
      assert.equal(inTime.statusCode, 201, inTime.body);
    });
  });
}
