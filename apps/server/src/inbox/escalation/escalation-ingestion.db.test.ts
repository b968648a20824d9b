import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors, type InboxItem } from '@sillage/connectors';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import { createInboxHarness, type InboxHarness } from '../testing/inbox-harness.ts';

for (const kind of databaseKindsUnderTest()) {
  describe(`inbox escalation after a poll on ${kind}`, () => {
    let h: InboxHarness;
    let page: InboxItem[] = [];

    before(async () => {
      h = await createInboxHarness(kind, {
        start: '2026-05-04T09:00:00Z',
        connectors: {
          x: {
            ...connectors.x,
            listInboxItems: async () => {
              const items = page;
              page = [];
              return { items, cursor: `cursor-${items.length}`, hasMore: false };
            },
          },
        },
        networkBaseUrls: {},
        metaWebhook: { appSecret: undefined, verifyToken: undefined },
      });
    });
    after(async () => {
      await h.close();
    });

    it('evaluates the rules once the polled items are stored, and records the alert once', async () => {
      const escalation = h.composition.services.escalation;
      await escalation.service.putRules(h.actor, {
        rules: [
          {
            name: 'Poll threshold',
            threshold: 2,
            windowMinutes: 30,
            severity: 'warning',
            recipients: [h.w.owner.id],
            webhookUrl: null,
            enabled: true,
          },
        ],
      });
      const channel = await h.addChannel('x', 'escalation-poll', 'token');
      const item = (id: string, text: string): InboxItem => ({
        networkItemId: id,
        kind: 'mention',
        threadKey: id,
        author: { networkId: `author-${id}`, name: 'Someone' },
        text,
        createdAt: new Date(h.clock.now().getTime() - 60_000),
      });
      page = [item('a', 'This is terrible, awful service, I hate it, worst ever')];
      await h.inbox.ingestion.pollChannel(channel.id);
      assert.equal((await escalation.repository.listEscalations(h.w.id)).length, 0);

      page = [item('b', 'Horrible, the worst, a disgusting scam, I am furious and angry')];
      await h.inbox.ingestion.pollChannel(channel.id);
      const negatives = await h.db
        .selectFrom('inbox_items')
        .select('sentiment')
        .where('channel_id', '=', channel.id)
        .orderBy('network_item_id')
        .execute();
      assert.deepEqual(
        negatives.map((row) => row.sentiment),
        ['negative', 'negative'],
      );
      const escalations = await escalation.repository.listEscalations(h.w.id);
      assert.equal(escalations.length, 1);
      assert.equal(escalations[0]?.negative_count, 2);
      assert.equal(escalations[0]?.severity, 'warning');
      // The harness has no SMTP server: the alert says so instead of claiming an e-mail went out.
      assert.equal(escalations[0]?.emails_sent, 0);
      assert.match(escalations[0]?.email_error ?? '', /SMTP is not configured/);

      page = [item('c', 'Still awful and terrible, I hate this')];
      await h.inbox.ingestion.pollChannel(channel.id);
      assert.equal((await escalation.repository.listEscalations(h.w.id)).length, 1);
    });
  });
}
