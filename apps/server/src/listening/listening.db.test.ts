import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import type { IncomingMention } from './mention-ingestion.ts';

const at = (iso: string) => new Date(iso);

function mention(networkId: string, text: string, overrides: Partial<IncomingMention> = {}): IncomingMention {
  return {
    source: 'x',
    networkId,
    text,
    author: `author_${networkId}`,
    language: 'fr',
    url: `https://x.example/${networkId}`,
    country: 'FR',
    publishedAt: at('2026-11-20T10:15:00Z'),
    reach: 120,
    ...overrides,
  };
}

for (const kind of databaseKindsUnderTest()) {
  describe(`listening ingestion and routes on ${kind}`, () => {
    let t: TestApp;
    let client: SignedInClient;
    let workspaceId: string;
    let brandId: string;
    let competitorId: string;
    const now = at('2026-11-21T00:00:00Z');
    const base = () => `/api/workspaces/${workspaceId}/listening`;

    before(async () => {
      t = await createTestApp(kind, { now: () => now });
      workspaceId = (await t.createWorkspace('Maison Lumière')).id;
      const owner = await t.createUser({ email: `owner-${kind}@listening.test`, workspaceId, role: 'owner' });
      client = await t.signIn(owner.email);
      const create = async (name: string, text: string, queryKind: string) => {
        const response = await client.request({
          method: 'POST',
          url: `${base()}/queries`,
          payload: { name, text, kind: queryKind },
        });
        assert.equal(response.statusCode, 201, response.body);
        return response.json<{ id: string }>().id;
      };
      brandId = await create('Maison Lumière', '"maison lumière" OR #maisonlumiere', 'brand');
      competitorId = await create('Cirelle', 'cirelle OR @cirelle_paris', 'competitor');
    });
    after(async () => t?.close());

    it('answers a query that does not parse with 400, the field and the position of the error', async () => {
      const response = await client.request({
        method: 'POST',
        url: `${base()}/queries`,
        payload: { name: 'Broken', text: 'bougie AND (livraison OR retard', kind: 'topic' },
      });
      assert.equal(response.statusCode, 400);
      const error = response.json<{ error: { code: string; details: Record<string, unknown> } }>().error;
      assert.equal(error.code, 'invalid_query');
      assert.equal(error.details.field, 'text');
      assert.equal(error.details.code, 'unclosed_parenthesis');
      assert.equal(error.details.offset, 11);
      const rows = await t.testDatabase.database.db.selectFrom('listening_queries').select('name').execute();
      assert.ok(!rows.some((row) => row.name === 'Broken'), 'nothing is stored');
    });

    it('stores each mention once across two batches, with its matches, in one go per batch', async () => {
      const ingestion = t.composition.services.listening.ingestion;
      const first = await ingestion.ingestMentions(workspaceId, [
        mention('1', 'Ma bougie Maison Lumière est sublime, j’adore 😍', { publishedAt: at('2026-11-20T10:10:00Z') }),
        mention('2', 'Livraison en retard chez #maisonlumiere, colis perdu, service client injoignable 😡'),
        mention('3', 'Cirelle ouvre une boutique à Lyon', { language: 'fr' }),
        mention('3', 'Cirelle ouvre une boutique à Lyon (repeated in the same batch)'),
        mention('4', 'Nothing to do with\u0000 anyone', { source: 'bluesky', reach: null, language: 'en' }),
      ]);
      assert.deepEqual(
        { stored: first.stored, repeated: first.repeatedInBatch, already: first.alreadyStored, matches: first.matches },
        { stored: 4, repeated: 1, already: 0, matches: 3 },
      );
      const second = await ingestion.ingestMentions(workspaceId, [
        mention('2', 'Livraison en retard chez #maisonlumiere (collected again)'),
        mention('4', 'Nothing to do with anyone', { source: 'mastodon' }),
        mention('5', 'RT @ana: Livraison en retard chez #maisonlumiere, colis perdu, service client injoignable 😡', {
          publishedAt: at('2026-11-20T11:40:00Z'),
        }),
      ]);
      assert.deepEqual(
        { stored: second.stored, already: second.alreadyStored, matches: second.matches },
        { stored: 2, already: 1, matches: 1 },
        'x/2 was stored before; mastodon/4 is another source’s item',
      );
      const db = t.testDatabase.database.db;
      const stored = await db
        .selectFrom('mentions')
        .select(['network_id', 'source', 'text', 'sentiment', 'lang', 'cluster_key', 'reach'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('network_id')
        .orderBy('source')
        .execute();
      assert.equal(stored.length, 6);
      const byId = (id: string, source = 'x') => stored.find((row) => row.network_id === id && row.source === source)!;
      assert.ok(!byId('2').text.includes('collected again'), 'the first copy is kept');
      assert.equal(byId('1').sentiment, 'positive');
      assert.equal(byId('2').sentiment, 'negative');
      assert.equal(byId('4', 'bluesky').reach, null, 'reach not reported stays null');
      assert.equal(byId('2').cluster_key, byId('5').cluster_key, 'a repost joins its original’s cluster');
      assert.notEqual(byId('1').cluster_key, byId('2').cluster_key);
      const matches = await db
        .selectFrom('mention_matches')
        .innerJoin('mentions', 'mentions.id', 'mention_matches.mention_id')
        .select(['mentions.network_id', 'mention_matches.query_id'])
        .orderBy('mentions.network_id')
        .execute();
      assert.deepEqual(
        matches.map((row) => [
          row.network_id,
          row.query_id === brandId ? 'brand' : row.query_id === competitorId ? 'competitor' : '?',
        ]),
        [
          ['1', 'brand'],
          ['2', 'brand'],
          ['3', 'competitor'],
          ['5', 'brand'],
        ],
      );
    });

    it('refuses a batch with a bad row before writing any of it', async () => {
      const ingestion = t.composition.services.listening.ingestion;
      await assert.rejects(
        ingestion.ingestMentions(workspaceId, [
          mention('90', 'Maison Lumière fine row'),
          mention('91', 'Maison Lumière bad row', { reach: -3 }),
        ]),
        (error: Error & { code?: string }) =>
          error.code === 'invalid_mention' && /Mention 1: reach/.test(error.message),
      );
      const row = await t.testDatabase.database.db
        .selectFrom('mentions')
        .select('id')
        .where('network_id', '=', '90')
        .executeTakeFirst();
      assert.equal(row, undefined);
    });

    it('matches with a query created after the matcher was compiled (the cache is invalidated)', async () => {
      const created = await client.request({
        method: 'POST',
        url: `${base()}/queries`,
        payload: { name: 'Delivery', text: 'livraison NEAR/3 retard', kind: 'topic' },
      });
      assert.equal(created.statusCode, 201);
      const again = await client.request({
        method: 'POST',
        url: `${base()}/queries`,
        payload: { name: 'Delivery', text: 'livraison', kind: 'topic' },
      });
      assert.equal(again.statusCode, 409, 'names are unique in a workspace');
      const report = await t.composition.services.listening.ingestion.ingestMentions(workspaceId, [
        mention('6', 'Encore une livraison en retard, Maison Lumière, très déçue 😡', {
          publishedAt: at('2026-11-20T12:05:00Z'),
        }),
      ]);
      assert.equal(report.matches, 2);
    });

    it('lists mentions with filters and pages through them', async () => {
      const list = async (query: string) => {
        const response = await client.request({ method: 'GET', url: `${base()}/mentions?${query}` });
        assert.equal(response.statusCode, 200, response.body);
        return response.json<{ mentions: { networkId: string; queryIds: string[] }[]; nextCursor: string | null }>();
      };
      const period = 'from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z';
      assert.deepEqual(
        (await list(`${period}&queryId=${brandId}`)).mentions.map((m) => m.networkId),
        ['6', '5', '2', '1'],
      );
      assert.deepEqual(
        (await list(`${period}&sentiment=positive`)).mentions.map((m) => m.networkId),
        ['1'],
      );
      assert.deepEqual(
        (await list(`${period}&source=mastodon`)).mentions.map((m) => m.networkId),
        ['4'],
      );
      assert.deepEqual(
        (await list(`${period}&search=boutique`)).mentions.map((m) => m.networkId),
        ['3'],
      );
      assert.deepEqual((await list(`${period}&lang=en`)).mentions.map((m) => m.networkId).sort(), ['4', '4']);
      const first = await list(`${period}&limit=4`);
      assert.equal(first.mentions.length, 4);
      assert.ok(first.nextCursor);
      const second = await list(`${period}&limit=4&before=${encodeURIComponent(first.nextCursor)}`);
      assert.equal(second.mentions.length, 3);
      assert.equal(second.nextCursor, null);
      assert.equal((await list('from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z')).mentions.length, 0);
    });

    it('gives a query’s hourly volume and sentiment on the workspace’s zone, empty hours included', async () => {
      const response = await client.request({
        method: 'GET',
        url: `${base()}/queries/${brandId}/series?from=2026-11-20T09:00:00Z&to=2026-11-20T13:00:00Z&interval=hour`,
      });
      assert.equal(response.statusCode, 200, response.body);
      const series = response.json<{
        timeZone: string;
        buckets: { start: string; total: number; negative: number; netSentiment: number | null }[];
      }>();
      assert.equal(series.timeZone, 'Europe/Paris');
      assert.deepEqual(
        series.buckets.map((bucket) => [bucket.start, bucket.total, bucket.negative]),
        [
          ['2026-11-20T09:00:00.000Z', 0, 0],
          ['2026-11-20T10:00:00.000Z', 2, 1],
          ['2026-11-20T11:00:00.000Z', 1, 1],
          ['2026-11-20T12:00:00.000Z', 1, 1],
        ],
      );
      assert.equal(series.buckets[0]!.netSentiment, null);
      const days = await client.request({
        method: 'GET',
        url: `${base()}/queries/${brandId}/series?from=2026-11-19T23:00:00Z&to=2026-11-21T23:00:00Z&interval=day`,
      });
      assert.deepEqual(
        days
          .json<{ buckets: { start: string; total: number }[] }>()
          .buckets.map((bucket) => [bucket.start, bucket.total]),
        [
          ['2026-11-19T23:00:00.000Z', 4],
          ['2026-11-20T23:00:00.000Z', 0],
        ],
        'days start at midnight in Paris',
      );
    });

    it('computes share of voice across brand and competitor queries, and the top terms and authors', async () => {
      const share = await client.request({
        method: 'GET',
        url: `${base()}/share-of-voice?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`,
      });
      assert.equal(share.statusCode, 200, share.body);
      const body = share.json<{ total: number; entries: { name: string; mentions: number; share: number | null }[] }>();
      assert.equal(body.total, 5);
      assert.deepEqual(
        body.entries.map((entry) => [entry.name, entry.mentions, entry.share]),
        [
          ['Maison Lumière', 4, 0.8],
          ['Cirelle', 1, 0.2],
        ],
      );
      const top = await client.request({
        method: 'GET',
        url: `${base()}/top?queryId=${brandId}&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&limit=3`,
      });
      assert.equal(top.statusCode, 200, top.body);
      const tops = top.json<{
        terms: { term: string; mentions: number }[];
        hashtags: { hashtag: string }[];
        authors: { author: string }[];
      }>();
      assert.deepEqual(tops.terms[0], { term: 'livraison', mentions: 3 });
      assert.equal(tops.hashtags[0]!.hashtag, 'maisonlumiere');
      assert.equal(tops.authors.length, 3);
    });

    it('lists alerts and lets a manager acknowledge one, audited', async () => {
      const alerts = t.composition.services.listening.alerts;
      const id = await alerts.insert({
        workspaceId,
        queryId: brandId,
        kind: 'negative_share',
        severity: 'critical',
        windowStart: at('2026-11-20T11:40:00Z'),
        windowEnd: at('2026-11-20T11:45:00Z'),
        observed: 0.8,
        expected: 0.2,
        score: 9.1,
        raisedAt: at('2026-11-20T11:45:10Z'),
      });
      assert.ok(id);
      const listed = await client.request({ method: 'GET', url: `${base()}/alerts?status=open` });
      assert.deepEqual(
        listed.json<{ id: string; queryName: string }[]>().map((alert) => [alert.id, alert.queryName]),
        [[id, 'Maison Lumière']],
      );
      const updated = await client.request({
        method: 'PATCH',
        url: `${base()}/alerts/${id}`,
        payload: { status: 'acknowledged' },
      });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.equal(updated.json<{ status: string }>().status, 'acknowledged');
      const audit = await t.testDatabase.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('workspace_id', '=', workspaceId)
        .where('target_id', '=', id)
        .execute();
      assert.deepEqual(
        audit.map((row) => row.action),
        ['listening.alert.updated'],
      );
    });

    it('deletes a query with its matches, keeping the mentions', async () => {
      const removed = await client.request({ method: 'DELETE', url: `${base()}/queries/${competitorId}` });
      assert.equal(removed.statusCode, 200, removed.body);
      const db = t.testDatabase.database.db;
      const left = await db
        .selectFrom('mention_matches')
        .select('query_id')
        .where('query_id', '=', competitorId)
        .execute();
      assert.equal(left.length, 0);
      const kept = await db.selectFrom('mentions').select('id').where('network_id', '=', '3').execute();
      assert.equal(kept.length, 1);
      const again = await client.request({ method: 'DELETE', url: `${base()}/queries/${competitorId}` });
      assert.equal(again.statusCode, 404);
    });
  });
}
