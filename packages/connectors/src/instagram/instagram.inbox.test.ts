import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startInstagramSimulator, type InstagramSimulator } from '@sillage/simulators/instagram/instagram-simulator';
import type { ConnectorContext } from '../connector.ts';
import { instagramWebhookItems } from './instagram.inbox.ts';
import { instagramConnector } from './index.ts';

let current = new Date('2026-05-01T12:00:00Z');
let sim: InstagramSimulator;
let account: ReturnType<InstagramSimulator['createAccount']>;
let mediaId: string;

const context = (): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accessToken: account.accessToken, accountId: account.igUserId },
  fetch: globalThis.fetch,
  now: () => current,
  loadMedia: async () => new Uint8Array(),
});

describe('instagram inbox against the simulator', () => {
  before(async () => {
    sim = await startInstagramSimulator({ now: () => current });
    account = sim.createAccount({ username: 'maisonlumiere' });
    mediaId = (
      await instagramConnector.publish(context(), {
        idempotencyKey: 'p',
        format: 'image',
        text: 'Nouvelle bougie',
        media: [{ url: 'https://cdn.example.com/a.jpg', mimeType: 'image/jpeg' }],
      })
    ).networkPostId;
  });
  after(() => sim.close());

  it('reads comments after the cursor oldest first, answers one in thread, and hides another', async () => {
    const first = await instagramConnector.listInboxItems!(context(), null);
    current = new Date('2026-05-01T12:10:00Z');
    const { comment } = await sim.inbox.addIncoming({
      mediaId,
      from: { id: '501', username: 'ines.lyon' },
      text: 'Elle sent quoi ?',
    });
    current = new Date('2026-05-01T12:11:00Z');
    const { comment: spam } = await sim.inbox.addIncoming({ mediaId, text: 'Gagnez un iPhone' });
    const page = await instagramConnector.listInboxItems!(context(), first.cursor);
    assert.deepEqual(
      page.items.map((item) => [item.networkItemId, item.kind, item.author.handle ?? '']),
      [
        [comment.id, 'comment', '@ines.lyon'],
        [spam.id, 'comment', '@camille.mrt'],
      ],
    );
    const reply = await instagramConnector.replyToItem!(context(), page.items[0]!, 'Figue et cèdre !');
    const stored = sim.inbox.comments().find((one) => one.id === reply.networkId);
    assert.equal(stored?.parentId, comment.id);
    const after = await instagramConnector.listInboxItems!(context(), page.cursor);
    assert.ok(!after.items.some((item) => item.networkItemId === reply.networkId), 'our own answer is not incoming');
    await instagramConnector.hideItem!(context(), page.items[1]!, true);
    assert.equal(sim.inbox.comments().find((one) => one.id === spam.id)?.hidden, true);
  });

  it('maps a comments webhook body to items with their account', async () => {
    const { comment } = await sim.inbox.addIncoming({ mediaId, text: 'Magnifique' });
    const mapped = instagramWebhookItems(sim.inbox.webhookPayload(comment));
    assert.deepEqual(
      mapped.map((one) => [one.accountId, one.item.networkItemId, one.item.threadKey]),
      [[account.igUserId, comment.id, `media:${mediaId}`]],
    );
  });
});
