import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnalyticsOverview, AnalyticsPostDetail } from '@sillage/contracts';
import { localIsoWeekday, utcToZoned, type NetworkId } from '@sillage/domain';
import { createSecretBox } from '../security/secret-box.ts';
import { createTestApp, TEST_SECRET_KEY, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { demoMetricNetworks, planDemoPublications, seedDemoMetrics } from './demo-metrics.ts';

// Maison Lumière's history: about 90 days of posts on five networks with their figures, seeded once.
describe('the demo history of figures', () => {
  let t: TestApp;
  let client: SignedInClient;
  let workspaceId: string;
  let ownerId: string;
  const channels = new Map<NetworkId, { channelId: string }>();
  // A Wednesday: the current ISO week started on Monday 2 November.
  const now = () => new Date('2026-11-04T10:00:00Z');

  before(async () => {
    t = await createTestApp('pglite', { now });
    workspaceId = (await t.createWorkspace('Maison Lumière')).id;
    const owner = await t.createUser({ email: 'owner@demo-metrics.test', workspaceId, role: 'owner' });
    ownerId = owner.id;
    client = await t.signIn(owner.email);
    const box = createSecretBox(TEST_SECRET_KEY);
    for (const network of demoMetricNetworks) {
      const channel = await t.composition.services.publishing.channels.insert({
        workspaceId,
        network,
        networkAccountId: `demo-${network}`,
        displayName: `Maison Lumière (${network})`,
        instanceUrl: null,
        accessTokenEncrypted: box.seal('token', workspaceId),
        refreshTokenEncrypted: null,
        tokenExpiresAt: null,
        createdBy: owner.id,
      });
      channels.set(network, { channelId: channel.id });
    }
  });
  after(() => t?.close());

  it('plans the same posts for the same day, on five networks, ending before the current week', () => {
    const first = planDemoPublications(channels, '2026-11-04', 'Europe/Paris');
    const second = planDemoPublications(channels, '2026-11-04', 'Europe/Paris');
    assert.deepEqual(first, second);
    assert.ok(first.length >= 100, `about 90 days of posts, got ${first.length}`);
    assert.deepEqual([...new Set(first.map((item) => item.network))].sort(), [...demoMetricNetworks].sort());
    const last = first
      .map((item) => item.localDate)
      .sort()
      .at(-1)!;
    assert.ok(last < '2026-11-02', `the last post (${last}) is before the current week`);
    assert.ok(first.every((item) => utcToZoned(item.publishedAt, 'Europe/Paris').time === item.localTime));
    assert.equal(localIsoWeekday('2026-11-02'), 1);
  });

  it('seeds once, and the overview shows figures, "not reported" reach on X and a post to drill into', async () => {
    const deps = {
      db: t.testDatabase.database.db,
      workspaceId,
      timeZone: 'Europe/Paris',
      authorId: ownerId,
      channels,
      now,
    };
    const seeded = await seedDemoMetrics(deps);
    assert.ok(seeded && seeded.publications >= 100 && seeded.observations > 10_000, JSON.stringify(seeded));
    assert.equal(await seedDemoMetrics(deps), undefined, 'the second start seeds nothing');

    const response = await client.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/analytics/overview?start=2026-08-06&end=2026-11-04`,
    });
    assert.equal(response.statusCode, 200, response.body);
    const overview = response.json<AnalyticsOverview>();
    const impressions = overview.kpis.find((kpi) => kpi.key === 'impressions')!;
    assert.equal(impressions.current.kind, 'value');
    assert.deepEqual(impressions.sources, demoMetricNetworks.map((network) => `demo.${network}`).sort());
    assert.equal(overview.byChannel.length, 5);
    assert.ok(overview.bestHours.length >= 5);
    const xPost = overview.posts.find((post) => post.network === 'x')!;
    assert.deepEqual(xPost.lifetimeReach, { kind: 'not_reported', reason: 'network_does_not_report' });
    const igPost = overview.posts.find((post) => post.network === 'instagram')!;
    assert.deepEqual(igPost.linkClicks, { kind: 'not_reported', reason: 'network_does_not_report' });
    const growth = overview.kpis.find((kpi) => kpi.key === 'follower_growth')!;
    assert.ok(growth.current.kind === 'value' && growth.current.value > 0);

    const detail = await client.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/analytics/posts/${igPost.postId}`,
    });
    const publication = detail.json<AnalyticsPostDetail>().publications[0]!;
    assert.equal(publication.engagementRateByReach.kind, 'value');
    assert.ok(publication.days.length >= 1);
  });
});
