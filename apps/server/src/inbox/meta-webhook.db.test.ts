import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors } from '@sillage/connectors';
import { metaSignature } from '@sillage/simulators/facebook/facebook-inbox';
import { startFacebookSimulator, type FacebookSimulator } from '@sillage/simulators/facebook/facebook-simulator';
import { sql } from 'kysely';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createInboxHarness, type InboxHarness } from './testing/inbox-harness.ts';

const facebookConnector = connectors.facebook;
const appSecret = 'meta-app-secret-for-tests';
const verifyToken = 'verify-token-0123456789';

for (const kind of databaseKindsUnderTest()) {
  describe(`Meta webhook on ${kind}`, () => {
    let h: InboxHarness;
    let sim: FacebookSimulator;
    let page: ReturnType<FacebookSimulator['createAccount']>;
    let postId: string;

    before(async () => {
      sim = await startFacebookSimulator();
      h = await createInboxHarness(kind, {
        start: new Date().toISOString(),
        connectors: { facebook: facebookConnector },
        networkBaseUrls: { facebook: sim.baseUrl },
        metaWebhook: { appSecret, verifyToken },
      });
      page = sim.createAccount({ pageName: 'Maison Lumière' });
      await h.addChannel('facebook', page.pageId, page.pageAccessToken);
      postId = (
        await facebookConnector.publish(
          {
            baseUrl: sim.baseUrl,
            credentials: { accessToken: page.pageAccessToken, accountId: page.pageId },
            fetch,
            now: () => new Date(),
            loadMedia: async () => new Uint8Array(),
          },
          { idempotencyKey: 'k', format: 'text', text: 'Nouvelle collection', media: [] },
        )
      ).networkPostId;
    });
    after(async () => {
      await h.close();
      await sim.close();
    });

    const post = (body: string | Buffer, signature?: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/webhooks/meta',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
        payload: body,
      });
    const deliveries = async () =>
      Number(
        (await sql<{ count: string }>`select count(*)::text as count from webhook_deliveries`.execute(h.db)).rows[0]!
          .count,
      );

    it('answers the subscription handshake with the challenge only for the right verify token', async () => {
      const ok = await sim.inbox.verifyWebhook(`${h.url}/api/webhooks/meta`, verifyToken);
      assert.equal(ok.status, 200);
      assert.equal(ok.body, ok.challenge);
      const wrong = await sim.inbox.verifyWebhook(`${h.url}/api/webhooks/meta`, 'not-the-token-at-all');
      assert.equal(wrong.status, 403);
    });

    it('rejects unsigned, wrongly signed, re-serialised, truncated and oversized bodies, and stores nothing', async () => {
      const { item } = await sim.inbox.addIncoming({
        pageId: page.pageId,
        kind: 'comment',
        postId,
        message: 'Bonjour',
      });
      const body = JSON.stringify(sim.inbox.webhookPayload(item));
      const signature = metaSignature(body, appSecret);

      const missing = await post(body);
      assert.equal(missing.statusCode, 401);
      assert.equal(missing.json<{ error: { code: string } }>().error.code, 'signature_missing');
      assert.equal((await post(body, metaSignature(body, 'another-secret'))).statusCode, 401);
      const reserialised = JSON.stringify(JSON.parse(body), null, 2);
      assert.notEqual(reserialised, body);
      assert.equal((await post(reserialised, signature)).statusCode, 401);
      assert.equal((await post(body.slice(0, -1), signature)).statusCode, 401);
      const huge = Buffer.alloc(10 * 1024 * 1024, 0x20);
      const tooLarge = await post(huge, metaSignature(huge, appSecret));
      assert.equal(tooLarge.statusCode, 413);
      assert.equal(await deliveries(), 0);
    });

    it('accepts a valid delivery once, queues the work, and ignores its replay', async () => {
      const { item } = await sim.inbox.addIncoming({
        pageId: page.pageId,
        kind: 'comment',
        postId,
        from: { id: '777', name: 'Inès' },
        message: 'Quand ouvre la boutique de Lyon ?',
      });
      const body = JSON.stringify(sim.inbox.webhookPayload(item));
      const signature = metaSignature(body, appSecret);
      const first = await post(body, signature);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { received: true, duplicate: false });
      const replay = await post(body, signature);
      assert.equal(replay.statusCode, 200);
      assert.deepEqual(replay.json(), { received: true, duplicate: true });
      assert.equal(await deliveries(), 1);
      const queued = await sql<{
        count: string;
      }>`select count(*)::text as count from pgboss.job where name = 'inbox-webhook.v1'`.execute(h.db);
      assert.equal(queued.rows[0]!.count, '1', 'one job for one delivery');

      // A worker handles the job.
      await h.composition.jobs.work(h.composition.jobContext, 1);
      const deadline = Date.now() + 15_000;
      let rows: { network_item_id: string; text: string; lang: string | null }[] = [];
      while (Date.now() < deadline) {
        rows = await h.db
          .selectFrom('inbox_items')
          .select(['network_item_id', 'text', 'lang'])
          .where('network', '=', 'facebook')
          .execute();
        if (rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(
        rows.map((row) => row.network_item_id),
        [item.id],
      );
      assert.equal(rows[0]!.lang, 'fr', 'enriched by the analyzer');
    });

    it('stores a comment seen by both the webhook and a poll once', async () => {
      sim.inbox.configureWebhook({ url: `${h.url}/api/webhooks/meta`, appSecret });
      const { item, delivery } = await sim.inbox.addIncoming({
        pageId: page.pageId,
        kind: 'comment',
        postId,
        message: 'Livrez-vous en Belgique ?',
      });
      sim.inbox.configureWebhook(undefined);
      assert.equal(delivery?.status, 200);
      const channel = await h.db.selectFrom('channels').select('id').executeTakeFirstOrThrow();
      await h.inbox.ingestion.pollChannel(channel.id);
      const deadline = Date.now() + 15_000;
      let count = 0;
      while (Date.now() < deadline) {
        const rows = await h.db.selectFrom('webhook_deliveries').select('processed_at').execute();
        if (rows.every((row) => row.processed_at !== null)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      count = (await h.db.selectFrom('inbox_items').select('id').where('network_item_id', '=', item.id).execute())
        .length;
      assert.equal(count, 1);
    });
  });
}
