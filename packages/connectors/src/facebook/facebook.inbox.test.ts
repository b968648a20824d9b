import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFacebookSimulator, type FacebookSimulator } from '@sillage/simulators/facebook/facebook-simulator';
import type { ConnectorContext } from '../connector.ts';
import { facebookWebhookItems } from './facebook.inbox.ts';
import { facebookConnector } from './index.ts';

let current = new Date('2026-05-01T12:00:00Z');
const now = () => current;
let sim: FacebookSimulator;
let account: ReturnType<FacebookSimulator['createAccount']>;

const context = (): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accessToken: account.pageAccessToken, accountId: account.pageId },
  fetch: globalThis.fetch,
  now,
  loadMedia: async () => new Uint8Array(),
});

describe('facebook inbox against the simulator', () => {
  let postId: string;
  before(async () => {
    sim = await startFacebookSimulator({ now });
    account = sim.createAccount({ pageName: 'Maison Lumière' });
    postId = (
      await facebookConnector.publish(context(), { idempotencyKey: 'p', format: 'text', text: 'Hi', media: [] })
    ).networkPostId;
  });
  after(() => sim.close());

  it('reads comments, replies and messages after the cursor, oldest first, without the Page own replies', async () => {
    const first = await facebookConnector.listInboxItems!(context(), null);
    assert.deepEqual(first.items, []);
    current = new Date('2026-05-01T12:05:00Z');
    const { item: comment } = await sim.inbox.addIncoming({
      pageId: account.pageId,
      kind: 'comment',
      postId,
      from: { id: '901', name: 'Camille' },
      message: 'Magnifique !',
    });
    current = new Date('2026-05-01T12:06:00Z');
    await sim.inbox.addIncoming({
      pageId: account.pageId,
      kind: 'message',
      from: { id: '902', name: 'Jordan' },
      message: 'Do you ship to Canada?',
    });
    const page = await facebookConnector.listInboxItems!(context(), first.cursor);
    assert.deepEqual(
      page.items.map((item) => [item.kind, item.text, item.author.name, item.threadKey]),
      [
        ['comment', 'Magnifique !', 'Camille', `post:${postId}`],
        ['dm', 'Do you ship to Canada?', 'Jordan', 'dm:902'],
      ],
    );
    assert.equal(page.items[0]!.networkItemId, comment.id);

    current = new Date('2026-05-01T12:07:00Z');
    const reply = await facebookConnector.replyToItem!(context(), page.items[0]!, 'Merci Camille !');
    const stored = sim.inbox.items().find((item) => item.id === reply.networkId);
    assert.equal(stored?.parentId, comment.id);
    assert.equal(stored?.message, 'Merci Camille !');
    const dm = await facebookConnector.replyToItem!(context(), page.items[1]!, 'Yes we do.');
    assert.equal(sim.inbox.items().find((item) => item.id === dm.networkId)?.message, 'Yes we do.');

    const later = await facebookConnector.listInboxItems!(context(), page.cursor);
    assert.deepEqual(
      later.items.map((item) => item.networkItemId).filter((id) => id !== comment.id && !id.startsWith('m_')),
      [],
      'the Page own reply is not an inbox item',
    );
  });

  it('hides a comment on the network', async () => {
    const { item } = await sim.inbox.addIncoming({ pageId: account.pageId, kind: 'comment', postId, message: 'spam' });
    await facebookConnector.hideItem!(context(), { networkItemId: item.id, kind: 'comment', threadKey: 'x' }, true);
    assert.equal(sim.inbox.items().find((one) => one.id === item.id)?.hidden, true);
  });

  it('refuses a Messenger answer outside the 24-hour window, as Meta does', async () => {
    current = new Date('2026-05-03T12:07:00Z');
    await assert.rejects(
      facebookConnector.replyToItem!(
        context(),
        { networkItemId: 'm_1', kind: 'dm', threadKey: 'dm:902', replyContext: { recipientId: '902' } },
        'Late',
      ),
      /allowed window/,
    );
  });

  it('maps a webhook body to items, with the Page they belong to', async () => {
    const { item } = await sim.inbox.addIncoming({
      pageId: account.pageId,
      kind: 'comment',
      postId,
      from: { id: '903', name: 'Lou' },
      message: 'Top',
    });
    const mapped = facebookWebhookItems(sim.inbox.webhookPayload(item));
    assert.equal(mapped.length, 1);
    assert.equal(mapped[0]!.accountId, account.pageId);
    assert.equal(mapped[0]!.item.networkItemId, item.id);
    assert.equal(mapped[0]!.item.threadKey, `post:${postId}`);
    assert.deepEqual(facebookWebhookItems({ object: 'instagram', entry: [] }), []);
  });
});
