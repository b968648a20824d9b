import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors } from '@sillage/connectors';
import { startMastodonSimulator, type MastodonSimulator } from '@sillage/simulators/mastodon/mastodon-simulator';
import { createInboxHarness, type InboxHarness } from '../inbox/testing/inbox-harness.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';

const hour = 3_600_000;

for (const kind of databaseKindsUnderTest()) {
  describe(`post metrics collection from the networks on ${kind}`, () => {
    let h: InboxHarness;
    let sim: MastodonSimulator;
    let channelId: string;

    before(async () => {
      h = await createInboxHarness(kind, {
        // 10:00 in Paris.
        start: '2026-06-01T08:00:00Z',
        connectors: { mastodon: connectors.mastodon },
        networkBaseUrls: {},
        metaWebhook: { appSecret: undefined, verifyToken: undefined },
      });
      sim = await startMastodonSimulator({ now: h.clock.now });
      channelId = (await h.addChannel('mastodon', sim.account.id, sim.accessToken, sim.baseUrl)).id;
    });
    after(async () => {
      await h.close();
      await sim.close();
    });

    async function publishedStatus(text: string, publishedAt: Date) {
      const status = await connectors.mastodon.publish(
        {
          baseUrl: sim.baseUrl,
          credentials: { accessToken: sim.accessToken, accountId: sim.account.id, instanceUrl: sim.baseUrl },
          fetch,
          now: h.clock.now,
          loadMedia: async () => new Uint8Array(),
        },
        { idempotencyKey: text, format: 'text', text, media: [] },
      );
      const post = await h.db
        .insertInto('posts')
        .values({ workspace_id: h.w.id, author_id: h.w.owner.id, text, language: 'fr' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const publication = await h.db
        .insertInto('publications')
        .values({
          workspace_id: h.w.id,
          post_id: post.id,
          channel_id: channelId,
          state: 'published',
          network_post_id: status.networkPostId,
          published_at: publishedAt,
          content: JSON.stringify({ format: 'text', text, media: [] }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { statusId: status.networkPostId, publicationId: publication.id };
    }

    const daily = async (publicationId: string) =>
      (
        await h.db
          .selectFrom('metric_daily')
          .select(['local_date', 'metric', 'value', 'not_reported_count', 'sources'])
          .where('publication_id', '=', publicationId)
          .orderBy('local_date')
          .orderBy('metric')
          .execute()
      ).map((row) => ({
        day: new Date(row.local_date).toISOString().slice(0, 10),
        metric: row.metric,
        value: row.value === null ? null : Number(row.value),
        notReported: row.not_reported_count,
      }));
    const dayFigure = (rows: Awaited<ReturnType<typeof daily>>, day: string, metric: string) =>
      rows.find((row) => row.day === day && row.metric === metric);

    it('reads a new post hourly, stores each day what it gained, keeps "not reported" as null, never counts twice', async () => {
      const collection = h.composition.services.metricsCollection;
      const { statusId, publicationId } = await publishedStatus(
        'Nouvelle collection',
        new Date(h.clock.now().getTime() - hour / 2),
      );
      sim.engage(statusId, { favourites: 10, reblogs: 2 });

      assert.deepEqual(await collection.collectDue(), { read: 1, failures: [] });
      let rows = await daily(publicationId);
      assert.equal(dayFigure(rows, '2026-06-01', 'reactions')?.value, 10);
      assert.equal(dayFigure(rows, '2026-06-01', 'shares')?.value, 2);
      assert.equal(dayFigure(rows, '2026-06-01', 'comments')?.value, 0);
      // Mastodon has no impressions: "not reported", not 0.
      assert.deepEqual(dayFigure(rows, '2026-06-01', 'impressions'), {
        day: '2026-06-01',
        metric: 'impressions',
        value: null,
        notReported: 1,
      });

      // Read again at once: not due (hourly for a new post), nothing changes.
      assert.deepEqual(await collection.collectDue(), { read: 0, failures: [] });

      h.clock.advance(hour);
      sim.engage(statusId, { favourites: 5 });
      assert.deepEqual(await collection.collectDue(), { read: 1, failures: [] });
      rows = await daily(publicationId);
      assert.equal(dayFigure(rows, '2026-06-01', 'reactions')?.value, 15, 'same day: the total so far');

      // Next day in Paris: the growth since the last reading belongs to that day.
      h.clock.set('2026-06-02T07:00:00Z');
      sim.engage(statusId, { favourites: 4, reblogs: 1 });
      assert.deepEqual(await collection.collectDue(), { read: 1, failures: [] });
      rows = await daily(publicationId);
      assert.equal(dayFigure(rows, '2026-06-01', 'reactions')?.value, 15);
      assert.equal(dayFigure(rows, '2026-06-02', 'reactions')?.value, 4);
      assert.equal(dayFigure(rows, '2026-06-02', 'shares')?.value, 1);
      assert.equal(dayFigure(rows, '2026-06-02', 'comments'), undefined, 'no growth, no row');

      const lifetime = await h.db
        .selectFrom('metric_observations')
        .select(['metric', 'value', 'source'])
        .where('publication_id', '=', publicationId)
        .where('granularity', '=', 'lifetime')
        .where('metric', '=', 'reactions')
        .execute();
      assert.deepEqual(
        lifetime.map((row) => ({ ...row, value: Number(row.value) })),
        [{ metric: 'reactions', value: 19, source: 'api.mastodon' }],
      );

      // The analytics API shows the post's figures from the network.
      const overview = await h.request({
        method: 'GET',
        url: `/api/workspaces/${h.w.id}/analytics/overview?start=2026-06-01&end=2026-06-03`,
      });
      assert.equal(overview.statusCode, 200, overview.body);
      assert.match(overview.body, /api\.mastodon/);
      // Freshness: when the figures were last read from the network.
      assert.deepEqual(overview.json<{ freshness: unknown[] }>().freshness, [
        { channelId, lastSuccessAt: '2026-06-02T07:00:00.000Z', lastFailureAt: null, lastFailure: null },
      ]);
    });

    it('leaves a channel whose access is refused for the next round and goes on with the others', async () => {
      const collection = h.composition.services.metricsCollection;
      h.clock.set('2026-06-03T12:00:00Z');
      const { publicationId } = await publishedStatus('Atelier de fin de semaine', new Date('2026-06-03T11:00:00Z'));
      sim.revokeAccessToken(sim.accessToken);
      const result = await collection.collectDue();
      assert.equal(result.read, 0);
      assert.deepEqual(
        result.failures.map((failure) => failure.channelId),
        [channelId],
      );
      assert.deepEqual(await daily(publicationId), [], 'nothing stored for the refused channel');
      const freshness = await h.db
        .selectFrom('metric_collections')
        .select(['last_success_at', 'last_failure_at', 'last_failure'])
        .where('channel_id', '=', channelId)
        .executeTakeFirstOrThrow();
      assert.equal(new Date(freshness.last_success_at!).toISOString(), '2026-06-02T07:00:00.000Z', 'kept');
      assert.equal(new Date(freshness.last_failure_at!).toISOString(), '2026-06-03T12:00:00.000Z');
      assert.match(freshness.last_failure ?? '', /token/i);
    });
  });
}
