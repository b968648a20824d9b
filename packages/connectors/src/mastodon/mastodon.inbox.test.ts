import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMastodonSimulator, type MastodonSimulator } from '@sillage/simulators/mastodon/mastodon-simulator';
import type { ConnectorContext } from '../connector.ts';
import { mastodonConnector } from './index.ts';

let sim: MastodonSimulator;
let current = new Date('2026-05-01T12:00:00Z');

const context = (): ConnectorContext => ({
  baseUrl: 'http://unused.invalid',
  credentials: { accessToken: sim.accessToken, accountId: sim.account.id, instanceUrl: sim.baseUrl },
  fetch,
  now: () => current,
  loadMedia: async () => new Uint8Array(),
});

async function readAll() {
  const items = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await mastodonConnector.listInboxItems!(context(), cursor);
    items.push(...page.items);
    cursor = page.cursor;
    if (!page.hasMore) return items;
  }
}

describe('mastodon inbox against the simulator', () => {
  before(async () => {
    sim = await startMastodonSimulator({ now: () => current });
  });
  after(() => sim.close());

  it('reads mentions after the cursor page by page, oldest first, and resumes without gap or repeat', async () => {
    const first = await mastodonConnector.listInboxItems!(context(), null);
    assert.deepEqual(first.items, []);
    const sent: string[] = [];
    for (let index = 0; index < 45; index += 1) {
      current = new Date(Date.parse('2026-05-01T12:00:00Z') + index * 1000);
      sent.push(sim.inbox.addIncoming({ to: sim.account.id, text: `question ${index}` }).status.id);
    }
    const seen: string[] = [];
    let cursor = first.cursor;
    for (let round = 0; round < 5; round += 1) {
      const page = await mastodonConnector.listInboxItems!(context(), cursor);
      seen.push(...page.items.map((item) => item.networkItemId));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    assert.deepEqual(seen, sent);
    const again = await mastodonConnector.listInboxItems!(context(), cursor);
    assert.deepEqual(again.items, []);
  });

  it('maps a mention with its author handle and plain text', async () => {
    const { status } = sim.inbox.addIncoming({ to: sim.account.id, from: 'lou@pouet.example', text: 'Bravo & merci' });
    const item = (await readAll()).find((one) => one.networkItemId === status.id)!;
    assert.equal(item.kind, 'mention');
    assert.equal(item.author.handle, '@lou@pouet.example');
    assert.equal(item.text, `@${sim.account.username} Bravo & merci`);
  });

  it('answers a mention with a status in reply to it that mentions its author', async () => {
    const { status } = sim.inbox.addIncoming({ to: sim.account.id, from: 'sam@mas.example', text: 'Horaires ?' });
    const item = (await readAll()).find((one) => one.networkItemId === status.id)!;
    const reply = await mastodonConnector.replyToItem!(context(), item, 'Ouvert de 9 h à 18 h.');
    const posted = sim.posts().find((one) => one.id === reply.networkId)!;
    assert.equal(posted.inReplyTo, status.id);
    assert.equal(posted.text, '@sam@mas.example Ouvert de 9 h à 18 h.');
  });
});
