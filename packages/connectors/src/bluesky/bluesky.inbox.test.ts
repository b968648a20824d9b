import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBlueskySimulator, type BlueskySimulator } from '@sillage/simulators/bluesky/bluesky-simulator';
import type { ConnectorContext } from '../connector.ts';
import { blueskyConnector, createBlueskySession } from './index.ts';

let bluesky: BlueskySimulator;
let context: ConnectorContext;
let did: string;
let current = new Date('2026-05-01T12:00:00Z');

describe('Bluesky inbox against the simulator', () => {
  before(async () => {
    bluesky = await startBlueskySimulator({ now: () => current });
    const account = bluesky.createAccount({ handle: 'maisonlumiere.bsky.test', password: 'aaaa-bbbb-cccc-dddd' });
    const base = { baseUrl: bluesky.baseUrl, fetch, now: () => current };
    const session = await createBlueskySession(base, {
      identifier: account.handle,
      appPassword: 'aaaa-bbbb-cccc-dddd',
    });
    context = { ...base, credentials: session.credentials, loadMedia: async () => new Uint8Array() };
    did = account.did;
  });
  after(() => bluesky.close());

  it('reads mentions and replies after the cursor across pages, oldest first, once', async () => {
    const first = await blueskyConnector.listInboxItems!(context, null);
    assert.deepEqual(first.items, []);
    const sent: string[] = [];
    for (let index = 0; index < 120; index += 1) {
      current = new Date(Date.parse('2026-05-01T12:00:00Z') + (index + 1) * 5_000);
      sent.push(
        bluesky.inbox.addIncoming({ to: did, fromHandle: `fan${index % 7}.bsky.test`, text: `n°${index}` }).uri,
      );
    }
    const page = await blueskyConnector.listInboxItems!(context, first.cursor);
    assert.deepEqual(
      page.items.map((item) => item.networkItemId),
      sent,
    );
    assert.equal(page.items[0]!.author.handle, '@fan0.bsky.test');
    const again = await blueskyConnector.listInboxItems!(context, page.cursor);
    assert.deepEqual(
      again.items.map((item) => item.networkItemId),
      [sent.at(-1)],
      'only the boundary instant is read again (stored once by the caller)',
    );
  });

  it('answers in thread: the reply references the item as parent and its root', async () => {
    current = new Date('2026-05-01T13:00:00Z');
    const root = bluesky.inbox.addIncoming({ to: did, fromHandle: 'lou.bsky.test', text: 'Vous livrez à Lille ?' });
    const page = await blueskyConnector.listInboxItems!(context, JSON.stringify({ indexedAt: current.toISOString() }));
    const item = page.items.find((one) => one.networkItemId === root.uri)!;
    assert.equal(item.threadKey, `post:${root.uri}`);
    const reply = await blueskyConnector.replyToItem!(context, item, 'Oui, en 48 h.');
    const posted = bluesky.posts().find((post) => post.uri === reply.networkId)!;
    assert.equal(posted.text, 'Oui, en 48 h.');
    assert.deepEqual(posted.reply, { root, parent: root });
  });
});
