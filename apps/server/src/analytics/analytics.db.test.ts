import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnalyticsOverview, AnalyticsPostDetail, KpiView, MetricResultView } from '@sillage/contracts';
import { createSecretBox } from '../security/secret-box.ts';
import { createTestApp, TEST_SECRET_KEY, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createMetricsRepository, type MetricObservation } from './metrics.repository.ts';

/*
 * A small fixture computed by hand (workspace in Europe/Paris, period 2026-03-02..2026-03-05, so 2, 3 and 4
 * March; the previous period is 27 February..1 March):
 *   Instagram post P1 (carousel, Monday 2 March 18:00 Paris): 2 March 1000 impressions, 40 reactions,
 *     5 comments, 3 shares, 2 saves; 3 March 500, 10, 0, 1, 1; link clicks "not reported" both days;
 *     lifetime reach 1200.  Engagements 62 (Instagram does not count link clicks).
 *   X post P2 (text, Tuesday 3 March 12:00 Paris): 3 March 2000 impressions, 20 reactions, 4 comments,
 *     6 shares, 0 saves, 30 link clicks; 4 March by the hour: 100 + 300 impressions, 5 link clicks;
 *     lifetime reach "not reported".  Engagements 20 + 4 + 6 + 0 + 35 = 65 (X counts link clicks).
 *   Instagram post P0 in the previous period (28 February): 800 impressions, 20 reactions, 2 comments,
 *     2 shares, 0 saves: engagements 24.
 *   Accounts: Instagram reach 800 (2 March) and 700 (3 March), plus hourly reach on 4 March that must
 *     never become a day's reach; X reach "not reported". Followers: Instagram 990 (26 Feb), 1000 (1 March),
 *     1030 (4 March); X 505, 500, 490.
 * Period: impressions 1500 + 2400 = 3900; engagements 62 + 65 = 127; rate by impressions 127 / 3900;
 * link clicks 35 (Instagram left out, noted); CTR 35 / 2400; reach: several channel-days, not additive;
 * followers 1500 -> 1520: +20, 20 / 1500. Previous: impressions 800, engagements 24, link clicks 0,
 * followers 1495 -> 1500: +5.
 */
const at = (iso: string) => new Date(iso);

function valueOf(result: MetricResultView | undefined): number {
  assert.ok(result, 'a figure');
  assert.equal(result.kind, 'value', `a value, got ${JSON.stringify(result)}`);
  return (result as { value: number }).value;
}
const kpi = (overview: AnalyticsOverview, key: KpiView['key']) => {
  const found = overview.kpis.find((item) => item.key === key);
  assert.ok(found, key);
  return found;
};
const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≈ ${expected}`);

for (const kind of databaseKindsUnderTest()) {
  describe(`analytics on ${kind}`, () => {
    let t: TestApp;
    let client: SignedInClient;
    let workspaceId: string;
    let otherWorkspaceId: string;
    let ig: string;
    let x: string;
    let p1: { postId: string; publicationId: string };
    let p2: { postId: string; publicationId: string };
    const now = () => at('2026-03-10T09:00:00Z');

    before(async () => {
      t = await createTestApp(kind, { now });
      const db = t.testDatabase.database.db;
      const workspace = await t.createWorkspace('Analytics');
      workspaceId = workspace.id;
      otherWorkspaceId = (await t.createWorkspace('Someone else')).id;
      const owner = await t.createUser({ email: 'owner@analytics.test', workspaceId, role: 'owner' });
      client = await t.signIn(owner.email);
      const box = createSecretBox(TEST_SECRET_KEY);
      const channel = (network: string, name: string, forWorkspace = workspaceId) =>
        t.composition.services.publishing.channels.insert({
          workspaceId: forWorkspace,
          network,
          networkAccountId: `${network}-${name}`,
          displayName: name,
          instanceUrl: null,
          accessTokenEncrypted: box.seal('token', forWorkspace),
          refreshTokenEncrypted: null,
          tokenExpiresAt: null,
          createdBy: owner.id,
        });
      ig = (await channel('instagram', 'Maison on Instagram')).id;
      x = (await channel('x', 'Maison on X')).id;
      const publish = async (channelId: string, text: string, format: string, publishedAt: string) => {
        const post = await db
          .insertInto('posts')
          .values({ workspace_id: workspaceId, author_id: owner.id, text, language: 'fr' })
          .returning('id')
          .executeTakeFirstOrThrow();
        const publication = await db
          .insertInto('publications')
          .values({
            workspace_id: workspaceId,
            post_id: post.id,
            channel_id: channelId,
            state: 'published',
            network_post_id: `net-${post.id}`,
            published_at: publishedAt,
            content: JSON.stringify({ format, text, media: [] }),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { postId: post.id, publicationId: publication.id };
      };
      const p0 = await publish(ig, 'Previous period', 'image', '2026-02-28T17:00:00Z');
      p1 = await publish(ig, 'Bougie "Feu de bois", coulée à Lyon', 'carousel', '2026-03-02T17:00:00Z');
      p2 = await publish(x, '=1+1 is not a formula here', 'text', '2026-03-03T11:00:00Z');

      const observations: MetricObservation[] = [];
      const add = (
        channelId: string,
        publicationId: string | null,
        granularity: 'hour' | 'day' | 'lifetime',
        bucketStart: string,
        figures: Record<string, number | null>,
        delivery: 'organic' | 'paid' = 'organic',
      ) => {
        for (const [metric, value] of Object.entries(figures))
          observations.push({
            channelId,
            publicationId,
            metric: metric as MetricObservation['metric'],
            granularity,
            bucketStart: at(bucketStart),
            value,
            delivery,
            source: channelId === ig ? 'instagram-graph' : 'x-api',
            collectedAt: at('2026-03-09T05:00:00Z'),
          });
      };
      // Paris is UTC+1 in February and March before the 29th: local midnight is 23:00 UTC the day before.
      add(ig, p0.publicationId, 'day', '2026-02-27T23:00:00Z', {
        impressions: 800,
        reactions: 20,
        comments: 2,
        shares: 2,
        saves: 0,
      });
      add(ig, p1.publicationId, 'day', '2026-03-01T23:00:00Z', {
        impressions: 1000,
        reactions: 40,
        comments: 5,
        shares: 3,
        saves: 2,
        link_clicks: null,
      });
      add(ig, p1.publicationId, 'day', '2026-03-02T23:00:00Z', {
        impressions: 500,
        reactions: 10,
        comments: 0,
        shares: 1,
        saves: 1,
        link_clicks: null,
      });
      add(ig, p1.publicationId, 'lifetime', '2026-03-02T17:00:00Z', { reach: 1200 });
      add(x, p2.publicationId, 'day', '2026-03-02T23:00:00Z', {
        impressions: 2000,
        reactions: 20,
        comments: 4,
        shares: 6,
        saves: 0,
        link_clicks: 30,
      });
      add(x, p2.publicationId, 'hour', '2026-03-04T10:00:00Z', { impressions: 100, link_clicks: 5 });
      add(x, p2.publicationId, 'hour', '2026-03-04T11:00:00Z', { impressions: 300 });
      add(x, p2.publicationId, 'lifetime', '2026-03-03T11:00:00Z', { reach: null });
      add(ig, null, 'day', '2026-03-01T23:00:00Z', { reach: 800 });
      add(ig, null, 'day', '2026-03-02T23:00:00Z', { reach: 700 });
      add(ig, null, 'hour', '2026-03-04T10:00:00Z', { reach: 100 });
      add(ig, null, 'hour', '2026-03-04T11:00:00Z', { reach: 200 });
      add(x, null, 'day', '2026-03-01T23:00:00Z', { reach: null });
      add(x, null, 'day', '2026-03-02T23:00:00Z', { reach: null });
      for (const [date, igFollowers, xFollowers] of [
        ['2026-02-25T23:00:00Z', 990, 505],
        ['2026-02-28T23:00:00Z', 1000, 500],
        ['2026-03-03T23:00:00Z', 1030, 490],
      ] as const) {
        add(ig, null, 'day', date, { followers: igFollowers });
        add(x, null, 'day', date, { followers: xFollowers });
      }
      await createMetricsRepository(db).record(workspaceId, observations);
    });
    after(() => t?.close());

    const overview = async (query: string) => {
      const response = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/overview${query}`,
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<AnalyticsOverview>();
    };

    it('computes the KPIs of the period from summed parts, with the previous period', async () => {
      const data = await overview('?start=2026-03-02&end=2026-03-05');
      assert.deepEqual(data.period, { start: '2026-03-02', end: '2026-03-05', timeZone: 'Europe/Paris' });
      assert.deepEqual(data.previousPeriod, { start: '2026-02-27', end: '2026-03-02', timeZone: 'Europe/Paris' });
      assert.equal(valueOf(kpi(data, 'impressions').current), 3900);
      assert.equal(valueOf(kpi(data, 'impressions').previous), 800);
      assert.equal(valueOf(kpi(data, 'impressions').absoluteChange), 3100);
      close(valueOf(kpi(data, 'impressions').relativeChange), 3100 / 800);
      assert.equal(valueOf(kpi(data, 'engagements').current), 127);
      assert.equal(valueOf(kpi(data, 'engagements').previous), 24);
      close(valueOf(kpi(data, 'engagement_rate_by_impressions').current), 127 / 3900);
      close(valueOf(kpi(data, 'engagement_rate_by_impressions').previous), 24 / 800);
      assert.deepEqual(kpi(data, 'link_clicks').current, {
        kind: 'value',
        value: 35,
        notes: [{ code: 'items_excluded_not_reported', count: 1 }],
      });
      assert.equal(valueOf(kpi(data, 'link_clicks').previous), 0);
      assert.deepEqual(kpi(data, 'link_clicks').relativeChange, { kind: 'undefined', reason: 'zero_denominator' });
      close(valueOf(kpi(data, 'click_through_rate').current), 35 / 2400);
      assert.equal(valueOf(kpi(data, 'follower_growth').current), 20);
      close(valueOf(kpi(data, 'follower_growth_rate').current), 20 / 1500);
      assert.equal(valueOf(kpi(data, 'follower_growth').previous), 5);
      assert.equal(kpi(data, 'impressions').definition, 'impressions');
      assert.deepEqual(kpi(data, 'impressions').sources, ['instagram-graph', 'x-api']);
    });

    it('never sums reach across days or channels, and never makes a day’s reach of hours', async () => {
      const data = await overview('?start=2026-03-02&end=2026-03-05');
      assert.deepEqual(kpi(data, 'reach').current, { kind: 'not_reported', reason: 'reach_not_additive' });
      assert.deepEqual(kpi(data, 'engagement_rate_by_reach').current, {
        kind: 'not_reported',
        reason: 'reach_not_additive',
      });
      const days = await t.testDatabase.database.db
        .selectFrom('metric_daily')
        .select([(eb) => eb.cast<string>('local_date', 'text').as('date'), 'value'])
        .where('channel_id', '=', ig)
        .where('metric', '=', 'reach')
        .where('publication_id', 'is', null)
        .orderBy('local_date')
        .execute();
      assert.deepEqual(days, [
        { date: '2026-03-02', value: 800 },
        { date: '2026-03-03', value: 700 },
      ]);
    });

    it('gives a day-by-day series with hours summed into their local day and "not reported" kept', async () => {
      const data = await overview('?start=2026-03-02&end=2026-03-05');
      assert.equal(data.granularity, 'day');
      assert.deepEqual(
        data.series.map((point) => [point.start, valueOf(point.impressions), valueOf(point.engagements)]),
        [
          ['2026-03-02', 1000, 50],
          ['2026-03-03', 2500, 72],
          ['2026-03-04', 400, 5],
        ],
      );
      assert.deepEqual(data.series[0]!.linkClicks, { kind: 'not_reported', reason: 'no_reported_items' });
      assert.equal(valueOf(data.series[1]!.linkClicks), 30);
    });

    it('breaks down by channel and format, and lists the posts behind the figures with best hours', async () => {
      const data = await overview('?start=2026-03-02&end=2026-03-05');
      const byChannel = Object.fromEntries(data.byChannel.map((row) => [row.network, row]));
      assert.equal(valueOf(byChannel.instagram!.impressions), 1500);
      assert.equal(valueOf(byChannel.instagram!.engagements), 62);
      assert.deepEqual(byChannel.instagram!.linkClicks, { kind: 'not_reported', reason: 'no_reported_items' });
      assert.equal(valueOf(byChannel.x!.engagements), 65);
      close(valueOf(byChannel.x!.clickThroughRate), 35 / 2400);
      assert.deepEqual(
        data.byFormat.map((row) => [row.key, row.posts, valueOf(row.impressions)]),
        [
          ['carousel', 1, 1500],
          ['text', 1, 2400],
        ],
      );
      const posts = Object.fromEntries(data.posts.map((row) => [row.postId, row]));
      assert.equal(data.posts.length, 2, 'the previous period’s post has no figure in this period');
      assert.equal(valueOf(posts[p1.postId]!.impressions), 1500);
      assert.equal(valueOf(posts[p1.postId]!.lifetimeReach), 1200);
      assert.deepEqual(posts[p2.postId]!.lifetimeReach, { kind: 'not_reported', reason: 'network_does_not_report' });
      // The posts' figures add up to the KPI cards.
      const summed = data.posts.reduce((total, row) => total + valueOf(row.impressions), 0);
      assert.equal(summed, valueOf(kpi(data, 'impressions').current));
      assert.deepEqual(
        data.bestHours.map((cell) => [cell.weekday, cell.hour, cell.posts]),
        [
          [1, 18],
          [2, 12],
        ].map(([weekday, hour]) => [weekday, hour, 1]),
      );
      close(valueOf(data.bestHours[0]!.engagementRateByImpressions), 62 / 1500);
    });

    it('shows a post’s own figures since publication, with its rate by reach where reach is reported', async () => {
      const response = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/posts/${p1.postId}`,
      });
      assert.equal(response.statusCode, 200, response.body);
      const detail = response.json<AnalyticsPostDetail>();
      const [publication] = detail.publications;
      assert.ok(publication);
      close(valueOf(publication.engagementRateByReach), 62 / 1200);
      assert.equal(valueOf(publication.components.saves), 3);
      assert.deepEqual(publication.linkClicks, { kind: 'not_reported', reason: 'network_does_not_report' });
      assert.deepEqual(
        publication.days.map((day) => [day.date, valueOf(day.impressions)]),
        [
          ['2026-03-02', 1000],
          ['2026-03-03', 500],
        ],
      );
      const x = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/posts/${p2.postId}`,
      });
      const xDetail = x.json<AnalyticsPostDetail>().publications[0]!;
      assert.deepEqual(xDetail.engagementRateByReach, { kind: 'not_reported', reason: 'network_does_not_report' });
      assert.equal(valueOf(xDetail.engagements), 65);
    });

    it('exports each table as CSV with a header row and proper quoting', async () => {
      const response = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/export?table=posts&start=2026-03-02&end=2026-03-05`,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.match(
        String(response.headers['content-disposition']),
        /attachment; filename="analytics-posts-2026-03-02-2026-03-05.csv"/,
      );
      const lines = response.body.trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'post_id,publication_id,published_at,channel,network,format,impressions,lifetime_reach,engagements,engagement_rate_by_impressions,link_clicks,video_views,text',
      );
      assert.equal(lines.length, 3);
      const igLine = lines.find((line) => line.startsWith(p1.postId))!;
      assert.ok(igLine.endsWith(',"Bougie ""Feu de bois"", coulée à Lyon"'), igLine);
      assert.ok(igLine.includes(',1500,1200,62,'), igLine);
      assert.ok(igLine.includes(',not reported,'), igLine);
      const xLine = lines.find((line) => line.startsWith(p2.postId))!;
      assert.ok(xLine.endsWith(",'=1+1 is not a formula here"), xLine);

      const kpis = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/export?table=kpis&start=2026-03-02&end=2026-03-05`,
      });
      const kpiLines = kpis.body.trimEnd().split('\r\n');
      assert.equal(kpiLines[0]!.split(',')[0], 'kpi');
      assert.ok(
        kpiLines.includes(
          'impressions,count,2026-03-02,2026-03-05,3900,800,3100,3.875,instagram-graph x-api,docs/metrics.md#impressions',
        ),
      );
      assert.ok(kpiLines.some((line) => line.startsWith('reach,count,2026-03-02,2026-03-05,not reported,')));
    });

    it('uses the last 28 days by default and refuses an empty or too long period', async () => {
      const data = await overview('');
      assert.deepEqual(data.period, { start: '2026-02-10', end: '2026-03-10', timeZone: 'Europe/Paris' });
      const empty = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/overview?start=2026-03-05&end=2026-03-02`,
      });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json<{ error: { code: string } }>().error.code, 'invalid_period');
      const long = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/overview?start=2024-01-01&end=2026-03-02`,
      });
      assert.equal(long.statusCode, 400);
      const badDate = await client.request({
        method: 'GET',
        url: `/api/workspaces/${workspaceId}/analytics/overview?start=2026-02-30`,
      });
      assert.equal(badDate.statusCode, 400);
      assert.equal(badDate.json<{ error: { code: string } }>().error.code, 'validation_failed');
    });

    it('refuses figures for another workspace’s channel and writes nothing; a re-collection replaces a figure', async () => {
      const repository = createMetricsRepository(t.testDatabase.database.db);
      const observation: MetricObservation = {
        channelId: ig,
        publicationId: p1.publicationId,
        metric: 'impressions',
        granularity: 'day',
        bucketStart: at('2026-03-01T23:00:00Z'),
        value: 1100,
        delivery: 'organic',
        source: 'instagram-graph',
        collectedAt: at('2026-03-09T06:00:00Z'),
      };
      await assert.rejects(repository.record(otherWorkspaceId, [observation]), /is not a channel of this workspace/);
      await assert.rejects(
        repository.record(workspaceId, [observation, { ...observation, channelId: x }]),
        /is not a publication of channel/,
      );
      let data = await overview('?start=2026-03-02&end=2026-03-05');
      assert.equal(valueOf(kpi(data, 'impressions').current), 3900, 'nothing was written');
      await repository.record(workspaceId, [observation]);
      data = await overview('?start=2026-03-02&end=2026-03-05');
      assert.equal(valueOf(kpi(data, 'impressions').current), 4000);
    });
  });
}
