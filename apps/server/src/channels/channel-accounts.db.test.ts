import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Channel } from '@sillage/contracts';
import { createSecretBox } from '../security/secret-box.ts';
import { createTestApp, TEST_SECRET_KEY, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { seedWorkspace, snapshotTables, unique, type SeededWorkspace } from '../http/tests/fixtures.ts';
import { FAKE_BLUESKY_APP_PASSWORD } from './fake-networks.ts';
import { createOAuthStatesRepository } from './oauth-states.repository.ts';

const box = createSecretBox(TEST_SECRET_KEY);

for (const kind of databaseKindsUnderTest()) {
  describe(`channel accounts and their health on ${kind}`, () => {
    let t: TestApp;
    let w: SeededWorkspace;
    let owner: SignedInClient;
    const db = () => t.testDatabase.database.db;
    const channelsUrl = () => `/api/workspaces/${w.id}/channels`;
    const row = async (id: string) =>
      (await sql<Record<string, string | null>>`select * from channels where id = ${id}`.execute(db())).rows[0]!;

    before(async () => {
      t = await createTestApp(kind);
      w = await seedWorkspace(t, 'Accounts');
      owner = await t.signIn(w.owner.email);
    });
    after(() => t.close());

    it('connects Bluesky with an app password: stores the session tokens sealed, never the password', async () => {
      const handle = `brand-${unique()}.bsky.social`;
      const response = await owner.request({
        method: 'POST',
        url: `${channelsUrl()}/bluesky`,
        payload: { identifier: handle, appPassword: FAKE_BLUESKY_APP_PASSWORD },
      });
      assert.equal(response.statusCode, 201, response.body);
      const channel = response.json<Channel>();
      assert.deepEqual([channel.network, channel.name, channel.status], ['bluesky', handle, 'active']);
      assert.ok(channel.tokenExpiresAt, 'the expiry of the access JWT is shown');
      const stored = await row(channel.id);
      assert.ok(!JSON.stringify(stored).includes(FAKE_BLUESKY_APP_PASSWORD), 'the app password is not stored');
      assert.match(box.open(stored.refresh_token_encrypted!, w.id), /^refresh-jwt-/);
      assert.ok(!JSON.stringify(stored).includes('refresh-jwt-'), 'the refresh token is stored only sealed');
    });

    it('refuses a wrong app password with a reason and stores nothing', async () => {
      const before = await snapshotTables(t);
      const response = await owner.request({
        method: 'POST',
        url: `${channelsUrl()}/bluesky`,
        payload: { identifier: 'someone.bsky.social', appPassword: 'wrong-password' },
      });
      assert.equal(response.statusCode, 422);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'bluesky_login_failed');
      assert.deepEqual(await snapshotTables(t), before);
    });

    it('lists each channel with honest health: no last success or error until one is reported', async () => {
      const response = await owner.request({ url: channelsUrl() });
      assert.equal(response.statusCode, 200);
      const channels = response.json<Channel[]>();
      assert.ok(channels.length >= 2);
      for (const channel of channels) {
        assert.equal(channel.lastSuccessAt, null);
        assert.equal(channel.lastError, null);
        assert.deepEqual(
          Object.keys(channel).sort(),
          [
            'connectedAt',
            'id',
            'instanceUrl',
            'lastError',
            'lastErrorAt',
            'lastSuccessAt',
            'name',
            'network',
            'networkAccountId',
            'status',
            'tokenExpiresAt',
          ],
          'health only, no credential',
        );
      }
      const readOnly = await t.createUser({
        email: `analyst-${unique()}@example.com`,
        workspaceId: w.id,
        role: 'analyst',
      });
      const analyst = await t.signIn(readOnly.email);
      assert.equal(
        (await analyst.request({ url: channelsUrl() })).statusCode,
        200,
        'content.read suffices to see them',
      );
    });

    it('shows a needs_reconnect account with its last error, and reconnecting the same account revives it', async () => {
      const handle = `revive-${unique()}.bsky.social`;
      const connect = () =>
        owner.request({
          method: 'POST',
          url: `${channelsUrl()}/bluesky`,
          payload: { identifier: handle, appPassword: FAKE_BLUESKY_APP_PASSWORD },
        });
      const first = (await connect()).json<Channel>();
      await sql`update channels set status = 'needs_reconnect', last_error = 'refresh refused', last_error_at = now()
        where id = ${first.id}`.execute(db());
      const listed = (await owner.request({ url: channelsUrl() })).json<Channel[]>().find((c) => c.id === first.id)!;
      assert.deepEqual([listed.status, listed.lastError], ['needs_reconnect', 'refresh refused']);
      const again = (await connect()).json<Channel>();
      assert.deepEqual([again.id, again.status, again.lastError], [first.id, 'active', null]);
    });

    it('reconnecting an account makes what waited for it due again, and only that', async () => {
      const handle = `held-${unique()}.bsky.social`;
      const connect = () =>
        owner.request({
          method: 'POST',
          url: `${channelsUrl()}/bluesky`,
          payload: { identifier: handle, appPassword: FAKE_BLUESKY_APP_PASSWORD },
        });
      const channel = (await connect()).json<Channel>();
      const created = await owner.request({
        method: 'POST',
        url: `/api/workspaces/${w.id}/posts`,
        payload: {
          text: 'Held while the account is disconnected',
          channelIds: [channel.id],
          schedule: { date: '2099-06-01', time: '09:00', timeZone: 'Europe/Paris' },
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const publicationId = created.json<{ publications: { id: string }[] }>().publications[0]!.id;
      await sql`update channels set status = 'needs_reconnect' where id = ${channel.id}`.execute(db());
      await sql`update publications set state = 'needs_reconnect', next_attempt_at = null
        where id = ${publicationId}`.execute(db());
      await connect();
      const publication = (
        await sql<{ state: string; next_attempt_at: Date | null }>`select state, next_attempt_at from publications
          where id = ${publicationId}`.execute(db())
      ).rows[0]!;
      assert.equal(publication.state, 'scheduled');
      assert.ok(publication.next_attempt_at, 'due again');
    });

    it('disconnects: tokens wiped, status disconnected, one audit row each for connect and disconnect', async () => {
      const channel = (
        await owner.request({
          method: 'POST',
          url: `${channelsUrl()}/bluesky`,
          payload: { identifier: `leaving-${unique()}.bsky.social`, appPassword: FAKE_BLUESKY_APP_PASSWORD },
        })
      ).json<Channel>();
      const response = await owner.request({ method: 'DELETE', url: `${channelsUrl()}/${channel.id}` });
      assert.equal(response.statusCode, 200);
      const stored = await row(channel.id);
      assert.deepEqual(
        [stored.status, stored.access_token_encrypted, stored.refresh_token_encrypted, stored.token_expires_at],
        ['disconnected', '', null, null],
      );
      const audit = t.composition.services.audit;
      const connected = await audit.list(w.id, { limit: 100, action: 'channel.connected' });
      const disconnected = await audit.list(w.id, { limit: 100, action: 'channel.disconnected' });
      assert.equal(connected.filter((entry) => entry.targetId === channel.id).length, 1);
      assert.equal(disconnected.filter((entry) => entry.targetId === channel.id).length, 1);
    });

    it('answers 404 when disconnecting a channel that is not in the workspace', async () => {
      const response = await owner.request({ method: 'DELETE', url: `${channelsUrl()}/${crypto.randomUUID()}` });
      assert.equal(response.statusCode, 404);
    });

    it('forgets abandoned OAuth flows once expired, and only those', async () => {
      const states = createOAuthStatesRepository(db());
      const base = {
        workspaceId: w.id,
        userId: w.owner.id,
        network: 'x',
        flowSecretsEncrypted: null,
        instanceUrl: null,
      };
      const now = new Date();
      await states.insert({ ...base, stateHash: `old-${unique()}`, expiresAt: new Date(now.getTime() - 1000) });
      const fresh = `fresh-${unique()}`;
      await states.insert({ ...base, stateHash: fresh, expiresAt: new Date(now.getTime() + 60_000) });
      assert.ok((await states.deleteExpired(now)) >= 1);
      assert.ok(await states.take({ stateHash: fresh, userId: w.owner.id, network: 'x' }), 'the live flow remains');
    });
  });
}
