import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMastodonSimulator, type MastodonSimulator } from '@sillage/simulators/mastodon/mastodon-simulator';
import { AuthExpired } from '../errors.ts';
import { mastodonConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: MastodonSimulator;
// The instance is the account's, not the configured base URL: a wrong base URL proves instanceUrl is used.
const listAccounts = (accessToken: string) =>
  mastodonConnector.listAccounts!({
    baseUrl: 'http://127.0.0.1:9',
    instanceUrl: sim.baseUrl,
    fetch,
    now,
    tokens: { accessToken },
  });

describe('mastodon listAccounts against the simulator', () => {
  before(async () => {
    sim = await startMastodonSimulator();
  });
  after(() => sim.close());

  it("names the account behind the token on the account's instance, with its full handle", async () => {
    sim.createAccount({ username: 'someone' });
    const { account, accessToken } = sim.createAccount({ username: 'lumiere' });
    const accounts = await listAccounts(accessToken);
    assert.deepEqual(
      accounts.map((one) => [one.accountId, one.displayName, one.handle, one.kind]),
      [[account.id, 'lumiere', `lumiere@${new URL(sim.baseUrl).host}`, 'profile']],
    );
    assert.match(accounts[0]?.avatarUrl ?? '', /\/avatars\//);
  });

  it('says AuthExpired for a revoked token', async () => {
    const { accessToken } = sim.createAccount();
    sim.revokeAccessToken(accessToken);
    await assert.rejects(listAccounts(accessToken), AuthExpired);
  });
});
