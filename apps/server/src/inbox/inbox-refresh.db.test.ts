import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors } from '@sillage/connectors';
import { createBlueskySession } from '@sillage/connectors/bluesky/index';
import { startBlueskySimulator, type BlueskySimulator } from '@sillage/simulators/bluesky/bluesky-simulator';
import { createSecretBox } from '../security/secret-box.ts';
import { TEST_SECRET_KEY } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { createInboxHarness, type InboxHarness } from './testing/inbox-harness.ts';

for (const kind of databaseKindsUnderTest()) {
  describe(`inbox token refresh on ${kind}`, () => {
    let h: InboxHarness;
    let bluesky: BlueskySimulator;

    before(async () => {
      bluesky = await startBlueskySimulator();
      h = await createInboxHarness(kind, {
        start: new Date().toISOString(),
        connectors: { bluesky: connectors.bluesky },
        networkBaseUrls: {},
        metaWebhook: { appSecret: undefined, verifyToken: undefined },
      });
    });
    after(async () => {
      await h.close();
      await bluesky.close();
    });

    it('renews an expired access token once and reads the inbox with the new one', async () => {
      const account = bluesky.createAccount({ handle: 'brand.bsky.test', password: 'aaaa-bbbb-cccc-dddd' });
      const session = await createBlueskySession(
        { baseUrl: bluesky.baseUrl, fetch, now: () => new Date() },
        { identifier: account.handle, appPassword: 'aaaa-bbbb-cccc-dddd' },
      );
      const channel = await h.addChannel(
        'bluesky',
        account.did,
        session.credentials.accessToken,
        bluesky.baseUrl,
        session.credentials.refreshToken,
      );
      bluesky.expireAccessToken(session.credentials.accessToken);
      const mention = bluesky.inbox.addIncoming({ to: account.did, text: 'Hello!' });
      const result = await h.inbox.ingestion.pollChannel(channel.id);
      assert.equal(result.stored, 1);
      const row = await h.db
        .selectFrom('channels')
        .select(['access_token_encrypted', 'status'])
        .where('id', '=', channel.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'active');
      assert.notEqual(
        createSecretBox(TEST_SECRET_KEY).open(row.access_token_encrypted, h.w.id),
        session.credentials.accessToken,
      );
      const stored = await h.db
        .selectFrom('inbox_items')
        .select('network_item_id')
        .where('channel_id', '=', channel.id)
        .execute();
      assert.deepEqual(
        stored.map((one) => one.network_item_id),
        [mention.uri],
      );
    });
  });
}
