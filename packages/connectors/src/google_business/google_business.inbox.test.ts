import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startGoogleBusinessSimulator,
  type GoogleBusinessSimulator,
} from '@sillage/simulators/google_business/google-business-simulator';
import type { ConnectorContext } from '../connector.ts';
import { googleBusinessConnector } from './index.ts';

let sim: GoogleBusinessSimulator;
let account: ReturnType<GoogleBusinessSimulator['createAccount']>;
let current = new Date('2026-05-01T12:00:00Z');

const context = (): ConnectorContext => ({
  baseUrl: sim.baseUrl,
  credentials: { accountId: account.accountId, accessToken: account.accessToken },
  fetch,
  now: () => current,
  loadMedia: async () => new Uint8Array(),
});

describe('Google Business Profile inbox against the simulator', () => {
  before(async () => {
    sim = await startGoogleBusinessSimulator({ now: () => current });
    account = sim.createAccount({ title: 'Maison Lumière Lyon' });
  });
  after(() => sim.close());

  it('reads reviews with their rating after the cursor, across pages, oldest first', async () => {
    const first = await googleBusinessConnector.listInboxItems!(context(), null);
    assert.deepEqual(first.items, []);
    const names: string[] = [];
    for (let index = 0; index < 70; index += 1) {
      current = new Date(Date.parse('2026-05-01T12:00:00Z') + (index + 1) * 30_000);
      const rating = ((index % 5) + 1) as 1 | 2 | 3 | 4 | 5;
      names.push(sim.inbox.addIncoming({ location: account.accountId, rating, comment: `Avis ${index}` }).name);
    }
    const page = await googleBusinessConnector.listInboxItems!(context(), first.cursor);
    assert.deepEqual(
      page.items.map((item) => item.networkItemId),
      names,
    );
    assert.deepEqual(
      page.items.slice(0, 5).map((item) => [item.kind, item.rating]),
      [
        ['review', 1],
        ['review', 2],
        ['review', 3],
        ['review', 4],
        ['review', 5],
      ],
    );
    const again = await googleBusinessConnector.listInboxItems!(context(), page.cursor);
    assert.deepEqual(
      again.items.map((item) => item.networkItemId),
      [names.at(-1)],
    );
  });

  it("answers a review with the owner's reply", async () => {
    const review = sim.inbox.addIncoming({
      location: account.accountId,
      reviewer: 'Hugo',
      rating: 2,
      comment: 'Livraison en retard.',
    });
    const reply = await googleBusinessConnector.replyToItem!(
      context(),
      { networkItemId: review.name, kind: 'review', threadKey: `review:${review.name}` },
      'Toutes nos excuses, Hugo.',
    );
    assert.equal(reply.networkId, `${review.name}/reply`);
    assert.equal(
      sim.inbox.reviews().find((one) => one.name === review.name)?.reply?.comment,
      'Toutes nos excuses, Hugo.',
    );
  });
});
