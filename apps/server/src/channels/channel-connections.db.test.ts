import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createSecretBox } from '../security/secret-box.ts';
import { hashSecret } from '../security/tokens.ts';
import { createTestApp, TEST_SECRET_KEY, type SignedInClient, type TestApp } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';
import { seedWorkspace, snapshotTables, unique, type SeededWorkspace } from '../http/tests/fixtures.ts';

const box = createSecretBox(TEST_SECRET_KEY);

for (const kind of databaseKindsUnderTest()) {
  describe(`connecting OAuth accounts on ${kind}`, () => {
    let t: TestApp;
    let w: SeededWorkspace;
    let other: SeededWorkspace;
    let owner: SignedInClient;
    let clock = new Date('2026-11-28T10:00:00Z');
    const db = () => t.testDatabase.database.db;

    before(async () => {
      t = await createTestApp(kind, { now: () => clock });
      w = await seedWorkspace(t, 'Connect');
      other = await seedWorkspace(t, 'Elsewhere');
      owner = await t.signIn(w.owner.email);
    });
    after(() => t.close());

    async function start(network: string, client = owner, workspaceId = w.id, instanceUrl?: string) {
      const response = await client.request({
        method: 'POST',
        url: `/api/workspaces/${workspaceId}/channels/connect`,
        payload: { network, ...(instanceUrl ? { instanceUrl } : {}) },
      });
      assert.equal(response.statusCode, 200, response.body);
      const authorizeUrl = new URL(response.json<{ authorizeUrl: string }>().authorizeUrl);
      return { authorizeUrl, state: authorizeUrl.searchParams.get('state')! };
    }

    async function callback(network: string, query: Record<string, string>, client: SignedInClient | null = owner) {
      const url = `/api/oauth/callback/${network}?${new URLSearchParams(query).toString()}`;
      const response = client ? await client.request({ url }) : await t.app.inject({ url });
      assert.equal(response.statusCode, 303, response.body);
      return new URL(String(response.headers.location));
    }

    const channelRows = async (workspaceId: string) =>
      (
        await sql<
          Record<string, string | null>
        >`select * from channels where workspace_id = ${workspaceId} and network <> 'bluesky'`.execute(db())
      ).rows;

    it('stores only the hash of a state, bound to the user and the workspace, expiring in 10 minutes', async () => {
      const { state } = await start('linkedin');
      const rows = (
        await sql<{ state_hash: string; workspace_id: string; user_id: string; expires_at: Date }>`
        select * from oauth_states where network = 'linkedin'`.execute(db())
      ).rows;
      const row = rows.find((candidate) => candidate.state_hash === hashSecret(state));
      assert.ok(row, 'the row is found by the hash of the state');
      assert.ok(!JSON.stringify(rows).includes(state.split('.')[1]!), 'the raw state is stored nowhere');
      assert.deepEqual([row.workspace_id, row.user_id], [w.id, w.owner.id]);
      assert.equal(new Date(row.expires_at).getTime() - clock.getTime(), 10 * 60_000);
    });

    it('sends the PKCE verifier whose S256 challenge went to the authorize URL, and redirects with ?connected=', async () => {
      const { authorizeUrl, state } = await start('x');
      const challenge = authorizeUrl.searchParams.get('code_challenge');
      assert.ok(challenge, 'the authorize URL carries a PKCE challenge');
      const landing = await callback('x', { code: 'pkce-code', state });
      assert.equal(landing.pathname, `/w/${w.id}/settings/channels`);
      assert.equal(landing.searchParams.get('connected'), 'x');
      const exchange = t.fakeNetworks.exchanges.find((candidate) => candidate.code === 'pkce-code');
      assert.ok(exchange?.codeVerifier, 'the verifier was sent at the exchange');
      assert.equal(createHash('sha256').update(exchange.codeVerifier).digest('base64url'), challenge);
      assert.deepEqual(
        [exchange.client.clientId, exchange.client.redirectUri],
        ['x-client', 'http://sillage.test/api/oauth/callback/x'],
      );
    });

    it('stores tokens encrypted: the raw token is nowhere in the row, and opens only with its own workspace', async () => {
      const { state } = await start('linkedin');
      await callback('linkedin', { code: `secret-${unique()}`, state });
      const [row] = (await channelRows(w.id)).filter((candidate) => candidate.network === 'linkedin');
      assert.ok(row);
      const code = t.fakeNetworks.exchanges.at(-1)!.code;
      assert.ok(!JSON.stringify(row).includes(`access-${code}`) && !JSON.stringify(row).includes(`refresh-${code}`));
      assert.equal(box.open(row.access_token_encrypted!, w.id), `access-${code}`);
      assert.equal(box.open(row.refresh_token_encrypted!, w.id), `refresh-${code}`);
      assert.throws(() => box.open(row.access_token_encrypted!, other.id));
      assert.equal(row.status, 'active');
      const audit = await t.composition.services.audit.list(w.id, { limit: 50, action: 'channel.connected' });
      assert.ok(audit.some((entry) => entry.action === 'channel.connected' && entry.targetId === row.id));
    });

    it('takes a state once: the second callback with it is refused and exchanges nothing', async () => {
      const { state } = await start('linkedin');
      assert.equal((await callback('linkedin', { code: 'once-1', state })).searchParams.get('connected'), 'linkedin');
      const exchanges = t.fakeNetworks.exchanges.length;
      const again = await callback('linkedin', { code: 'once-2', state });
      assert.equal(again.searchParams.get('error'), 'invalid_state');
      assert.equal(t.fakeNetworks.exchanges.length, exchanges);
    });

    it('refuses a state after its 10 minutes, without exchanging the code', async () => {
      const { state } = await start('linkedin');
      clock = new Date(clock.getTime() + 10 * 60_000 + 1000);
      const exchanges = t.fakeNetworks.exchanges.length;
      const landing = await callback('linkedin', { code: 'late', state });
      assert.equal(landing.searchParams.get('error'), 'expired');
      assert.equal(t.fakeNetworks.exchanges.length, exchanges);
    });

    it("refuses another user's state (even a member allowed to connect) and leaves it usable by its owner", async () => {
      const admin = await t.createUser({ email: `admin-${unique()}@example.com`, workspaceId: w.id, role: 'admin' });
      const adminClient = await t.signIn(admin.email);
      const { state } = await start('linkedin');
      const before = await snapshotTables(t);
      assert.equal(
        (await callback('linkedin', { code: 'stolen', state }, adminClient)).searchParams.get('error'),
        'invalid_state',
      );
      assert.equal(
        (await callback('linkedin', { code: 'anonymous', state }, null)).searchParams.get('error'),
        'signed_out',
      );
      assert.deepEqual(await snapshotTables(t), before);
      assert.equal((await callback('linkedin', { code: 'rightful', state })).searchParams.get('connected'), 'linkedin');
    });

    it('binds the state to its workspace: naming another workspace in it, or another network, changes nothing', async () => {
      const { state } = await start('linkedin');
      const secret = state.split('.')[1]!;
      const before = await snapshotTables(t);
      const forged = await callback('linkedin', { code: 'forged', state: `${other.id}.${secret}` });
      assert.equal(forged.searchParams.get('error'), 'invalid_state');
      assert.equal((await callback('x', { code: 'cross', state })).searchParams.get('error'), 'invalid_state');
      assert.equal(
        (await callback('linkedin', { code: 'random', state: `${w.id}.nonsense` })).searchParams.get('error'),
        'invalid_state',
      );
      assert.deepEqual(await snapshotTables(t), before);
      assert.equal((await channelRows(other.id)).filter((row) => row.network === 'linkedin').length, 0);
    });

    it('does not connect for a user who lost the right to manage channels while on the network', async () => {
      const admin = await t.createUser({ email: `demoted-${unique()}@example.com`, workspaceId: w.id, role: 'admin' });
      const adminClient = await t.signIn(admin.email);
      const { state } = await start('linkedin', adminClient);
      await t.composition.services.workspaces.setMemberRole(w.id, admin.id, 'analyst');
      const landing = await callback('linkedin', { code: 'demoted', state }, adminClient);
      assert.equal(landing.searchParams.get('error'), 'forbidden');
    });

    it('answers ?error=denied when the user refuses on the network, and ?error=exchange_failed when the code is refused', async () => {
      const first = await start('linkedin');
      assert.equal(
        (await callback('linkedin', { error: 'access_denied', state: first.state })).searchParams.get('error'),
        'denied',
      );
      const second = await start('linkedin');
      assert.equal(
        (await callback('linkedin', { code: 'refused', state: second.state })).searchParams.get('error'),
        'exchange_failed',
      );
    });

    it('registers Sillage on a Mastodon instance with no configured client, and exchanges with that client', async () => {
      const instance = `https://social-${unique()}.example`;
      const { authorizeUrl, state } = await start('mastodon', owner, w.id, instance);
      assert.equal(authorizeUrl.origin, instance);
      assert.ok(t.fakeNetworks.registrations.includes(instance));
      const stored = (
        await sql<{ code_verifier_encrypted: string | null }>`
        select code_verifier_encrypted from oauth_states where state_hash = ${hashSecret(state)}`.execute(db())
      ).rows[0];
      assert.ok(stored?.code_verifier_encrypted && !stored.code_verifier_encrypted.includes('instance-secret'));
      await callback('mastodon', { code: 'toot', state });
      const exchange = t.fakeNetworks.exchanges.find((candidate) => candidate.code === 'toot')!;
      assert.deepEqual([exchange.baseUrl, exchange.client.clientId], [instance, `app-of-${new URL(instance).host}`]);
      const row = (await channelRows(w.id)).find((candidate) => candidate.network === 'mastodon');
      assert.equal(row?.instance_url, instance);
    });

    it('asks for the instance of a Mastodon account, sends Bluesky to the app password form, and says when a network cannot connect yet', async () => {
      const url = `/api/workspaces/${w.id}/channels/connect`;
      const mastodon = await owner.request({ method: 'POST', url, payload: { network: 'mastodon' } });
      assert.deepEqual(
        [mastodon.statusCode, mastodon.json<{ error: { code: string } }>().error.code],
        [400, 'instance_required'],
      );
      const bluesky = await owner.request({ method: 'POST', url, payload: { network: 'bluesky' } });
      assert.deepEqual(
        [bluesky.statusCode, bluesky.json<{ error: { code: string } }>().error.code],
        [400, 'app_password_required'],
      );
      const tiktok = await owner.request({ method: 'POST', url, payload: { network: 'tiktok' } });
      assert.deepEqual(
        [tiktok.statusCode, tiktok.json<{ error: { code: string } }>().error.code],
        [422, 'network_unavailable'],
      );
    });
  });
}
