import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors, type ConnectorContext, type PostMetrics, type PublishRequest } from '@sillage/connectors';
import { startSimulators, type RunningSimulators, type SimulatedAccount } from '@sillage/simulators';
import { demoFigures, heldPosts, startDemoEngagement } from './demo-engagement.ts';

const hourMs = 3_600_000;
let simulators: RunningSimulators;
let clock = new Date();
const now = () => clock;

const contextFor = (account: SimulatedAccount): ConnectorContext => ({
  baseUrl: simulators.baseUrls[account.network],
  credentials: {
    accessToken: account.accessToken,
    accountId: account.accountId,
    ...(account.instanceUrl ? { instanceUrl: account.instanceUrl } : {}),
  },
  fetch: globalThis.fetch,
  now,
  loadMedia: async () => new Uint8Array(),
});

const published: { network: 'mastodon' | 'facebook' | 'instagram'; account: SimulatedAccount; postId: string }[] = [];

async function publish(network: 'mastodon' | 'facebook' | 'instagram', request: PublishRequest) {
  const account = await simulators.createAccount(network, 'Maison Lumière');
  const { networkPostId } = await connectors[network].publish(contextFor(account), request);
  published.push({ network, account, postId: networkPostId });
}

async function read(): Promise<Map<string, PostMetrics['figures']>> {
  const figures = new Map<string, PostMetrics['figures']>();
  for (const { network, account, postId } of published) {
    const [metrics] = await connectors[network].fetchPostMetrics!(contextFor(account), [postId]);
    assert.ok(metrics, `${network} answered no figures for ${postId}`);
    figures.set(network, metrics.figures);
  }
  return figures;
}

describe('the demo audience engages with the posts on the simulators', () => {
  before(async () => {
    simulators = await startSimulators();
    clock = new Date();
    await publish('mastodon', {
      idempotencyKey: 'e1',
      format: 'text',
      text: 'La collection d’hiver est là',
      media: [],
    });
    await publish('facebook', {
      idempotencyKey: 'e2',
      format: 'link',
      text: 'Les ateliers de décembre sont ouverts',
      media: [],
      link: { url: 'https://maison-lumiere.example/ateliers' },
    });
    await publish('instagram', {
      idempotencyKey: 'e3',
      format: 'image',
      text: 'Bougie Figuier, édition limitée',
      media: [{ url: 'https://cdn.example.com/figuier.jpg', mimeType: 'image/jpeg' }],
    });
  });
  after(() => simulators.stop());

  it('gives growing, non-zero figures the connectors read back, never decreasing', async () => {
    const engagement = startDemoEngagement({ simulators, now, intervalMs: 3_600_000 });
    try {
      clock = new Date(clock.getTime() + 2 * hourMs);
      engagement.tick();
      const first = await read();
      // The figures are the post's curve at its age: the same post id at the same age gives the same numbers.
      const facebookPost = heldPosts(simulators, 'facebook')[0]!;
      const expected = demoFigures(facebookPost.id, clock.getTime() - facebookPost.createdAt.getTime(), true);
      assert.equal(first.get('facebook')!.impressions, expected.impressions);
      assert.equal(first.get('facebook')!.link_clicks, expected.linkClicks);
      clock = new Date(clock.getTime() + 3 * hourMs);
      engagement.tick();
      const second = await read();
      // A clock set back must not take figures down.
      clock = new Date(clock.getTime() - 4 * hourMs);
      engagement.tick();
      const third = await read();

      // The large figures grow at every tick; the small ones (a few shares or saves) may stay put for a while.
      const growing = {
        mastodon: ['reactions'],
        facebook: ['impressions', 'reach', 'reactions', 'link_clicks'],
        instagram: ['impressions', 'reach', 'reactions'],
      } as const;
      for (const { network } of published) {
        for (const name of Object.keys(second.get(network)!)) {
          const [a, b, c] = [first, second, third].map((figures) => figures.get(network)![name as 'reach'] ?? 0);
          assert.ok(b! >= a! && c! >= b!, `${network} ${name} went down: ${a}, ${b}, ${c}`);
          if ((growing[network] as readonly string[]).includes(name)) {
            assert.ok(a! > 0, `${network} ${name} is 0 after two hours`);
            assert.ok(b! > a!, `${network} ${name} did not grow: ${a} then ${b}`);
          }
        }
      }
      const instagram = second.get('instagram')!;
      assert.ok(instagram.reach! < instagram.impressions!, 'reach is below impressions');
    } finally {
      engagement.stop();
    }
  });

  it('sets lifetime figures on threads, bluesky, linkedin, x and pinterest as their connectors read them', async () => {
    const figures = { impressions: 900, reach: 610, reactions: 40, comments: 6, shares: 5, saves: 3, linkClicks: 9 };
    const read = async (
      network: 'threads' | 'bluesky' | 'linkedin' | 'x' | 'pinterest',
      request: PublishRequest,
      before?: (postId: string) => void,
    ) => {
      const account = await simulators.createAccount(network, 'Maison Lumière');
      const withBoard =
        network === 'pinterest' ? { ...request, options: { boardId: account.defaults.boardId! } } : request;
      const { networkPostId } = await connectors[network].publish(contextFor(account), withBoard);
      before?.(networkPostId);
      simulators.setPostFigures(network, networkPostId, figures, clock);
      const [metrics] = await connectors[network].fetchPostMetrics!(contextFor(account), [networkPostId]);
      return metrics!.figures;
    };
    const text = (key: string): PublishRequest => ({
      idempotencyKey: key,
      format: 'text',
      text: 'Atelier samedi',
      media: [],
    });

    const threads = await read('threads', text('t1'));
    assert.deepEqual([threads.impressions, threads.reactions, threads.shares], [900, 40, 5]);
    const bluesky = await read('bluesky', text('b1'));
    assert.deepEqual([bluesky.reactions, bluesky.shares], [40, 5]);
    const linkedin = await read('linkedin', text('l1'));
    assert.deepEqual([linkedin.impressions, linkedin.reach, linkedin.reactions], [900, 610, 40]);
    const x = await read('x', text('x1'));
    assert.deepEqual([x.impressions, x.reactions, x.comments, x.shares, x.saves, x.link_clicks], [900, 40, 6, 5, 3, 9]);

    // Pinterest counts per UTC day: a lifetime total set twice the same day replaces the day's count, not adds to it.
    const pin = await read(
      'pinterest',
      {
        idempotencyKey: 'p1',
        format: 'pin',
        text: 'Bougies',
        media: [{ url: 'https://cdn.test/pin.jpg', mimeType: 'image/jpeg', altText: 'Bougies' }],
      },
      (postId) => simulators.setPostFigures('pinterest', postId, { ...figures, impressions: 400, saves: 1 }, clock),
    );
    assert.deepEqual([pin.impressions, pin.saves, pin.reactions, pin.comments], [900, 3, 40, 6]);
  });

  it('is deterministic for the same post id and age, and differs between posts', () => {
    assert.deepEqual(demoFigures('post-1', 5 * hourMs, true), demoFigures('post-1', 5 * hourMs, true));
    assert.notDeepEqual(demoFigures('post-1', 5 * hourMs, true), demoFigures('post-2', 5 * hourMs, true));
    assert.equal(demoFigures('post-1', 0, true).impressions, 0);
    assert.equal(demoFigures('post-1', 5 * hourMs, false).linkClicks, 0);
    const day = demoFigures('post-1', 24 * hourMs, true);
    assert.ok(day.impressions >= 780 && day.impressions <= 5000, `${day.impressions}`);
    assert.ok(day.reach >= day.impressions * 0.59 && day.reach <= day.impressions * 0.76);
    const engaged = day.reactions + day.comments + day.shares + day.saves;
    assert.ok(engaged >= day.impressions * 0.015 && engaged <= day.impressions * 0.065, `${engaged}`);
  });
});
