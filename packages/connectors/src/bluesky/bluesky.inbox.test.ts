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
    assert.deepEqual(again.items, [], 'the cursor lists what its look-back window already returned');
  });

  it('reads a post indexed late, sorted behind the cursor by its createdAt, once', async () => {
    const before = await blueskyConnector.listInboxItems!(context, null);
    current = new Date(current.getTime() + 60_000);
    const late = bluesky.inbox.addIncoming({
      to: did,
      fromHandle: 'slow.bsky.test',
      text: 'Sent a while ago',
      createdAt: new Date(current.getTime() - 3 * 60_000),
    });
    const page = await blueskyConnector.listInboxItems!(context, before.cursor);
    assert.deepEqual(
      page.items.map((item) => item.networkItemId),
      [late.uri],
    );
    assert.deepEqual((await blueskyConnector.listInboxItems!(context, page.cursor)).items, []);
  });

  it('goes on past a page that the reasons filter emptied (the AppView filters after paging)', async () => {
    const uri = 'at://did:plc:fan/app.bsky.feed.post/3kolder';
    const pages: Record<string, unknown> = {
      first: { notifications: [], cursor: 'older' },
      older: {
        notifications: [
          {
            uri,
            cid: 'bafyreiolder',
            author: { did: 'did:plc:fan', handle: 'fan.bsky.test' },
            reason: 'mention',
            record: { text: '@maisonlumiere.bsky.test hello', createdAt: '2026-05-01T11:00:00.000Z' },
            indexedAt: '2026-05-01T11:00:00.000Z',
          },
        ],
      },
    };
    const answer: typeof fetch = async (input) => {
      const page = new URL(input instanceof Request ? input.url : input).searchParams.get('cursor') ?? 'first';
      return new Response(JSON.stringify(pages[page]), { headers: { 'content-type': 'application/json' } });
    };
    const result = await blueskyConnector.listInboxItems!({ ...context, fetch: answer }, null);
    assert.deepEqual(
      result.items.map((item) => item.networkItemId),
      [uri],
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
