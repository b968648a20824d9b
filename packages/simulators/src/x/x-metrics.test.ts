import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startXSimulator, type XSimulator } from './x-simulator.ts';

let sim: XSimulator;

async function lookup(ids: string[], token = sim.accessToken) {
  const query = new URLSearchParams({ ids: ids.join(','), 'tweet.fields': 'public_metrics,non_public_metrics' });
  const response = await fetch(`${sim.baseUrl}/2/tweets?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function create(text: string, token = sim.accessToken): Promise<string> {
  const response = await fetch(`${sim.baseUrl}/2/tweets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  return ((await response.json()) as { data: { id: string } }).data.id;
}

describe('x simulator post lookup with metrics', () => {
  before(async () => {
    sim = await startXSimulator();
  });
  after(() => sim.close());

  it('answers public metrics to anyone and non-public ones to the author only', async () => {
    const id = await create('Bonjour');
    sim.setMetrics(id, { impressions: 10, likes: 2, reposts: 1, urlLinkClicks: 4 });
    const mine = await lookup([id]);
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body, {
      data: [
        {
          id,
          text: 'Bonjour',
          edit_history_tweet_ids: [id],
          public_metrics: {
            retweet_count: 1,
            reply_count: 0,
            like_count: 2,
            quote_count: 0,
            bookmark_count: 0,
            impression_count: 10,
          },
          non_public_metrics: { impression_count: 10, url_link_clicks: 4, user_profile_clicks: 0 },
        },
      ],
    });
    const other = sim.createAccount();
    const theirs = await lookup([id], other.accessToken);
    const tweet = (theirs.body.data as Record<string, unknown>[])[0]!;
    assert.equal(tweet.non_public_metrics, undefined);
    assert.equal((tweet.public_metrics as Record<string, number>).like_count, 2);
  });

  it('lists unknown ids in errors, refuses more than 100 ids and a bad token', async () => {
    const answer = await lookup(['1234']);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.data, undefined);
    const errors = answer.body.errors as Record<string, unknown>[];
    assert.equal(errors[0]?.type, 'https://api.twitter.com/2/problems/resource-not-found');
    assert.equal(errors[0]?.resource_id, '1234');
    const tooMany = await lookup(Array.from({ length: 101 }, (_, index) => String(index + 1)));
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.type, 'https://api.twitter.com/2/problems/invalid-request');
    assert.equal((await lookup(['1'], 'nope')).status, 401);
  });
});
