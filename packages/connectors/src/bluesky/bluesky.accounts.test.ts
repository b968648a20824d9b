import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBlueskySimulator, type BlueskySimulator } from '@sillage/simulators/bluesky/bluesky-simulator';
import { AuthExpired } from '../errors.ts';
import { blueskyConnector, createBlueskySession } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: BlueskySimulator;

describe('bluesky listAccounts against the simulator', () => {
  before(async () => {
    sim = await startBlueskySimulator();
  });
  after(() => sim.close());

  async function login(handle: string) {
    const account = sim.createAccount({ handle, password: 'aaaa-bbbb-cccc-dddd' });
    const session = await createBlueskySession(
      { baseUrl: sim.baseUrl, fetch, now },
      { identifier: handle, appPassword: 'aaaa-bbbb-cccc-dddd' },
    );
    return { account, credentials: session.credentials };
  }

  it('names the session by its DID (what publishes) and handle, on the PDS', async () => {
    await login('other.bsky.test');
    const { account, credentials } = await login('lumiere.bsky.test');
    const accounts = await blueskyConnector.listAccounts!({
      baseUrl: 'http://127.0.0.1:9',
      instanceUrl: credentials.instanceUrl,
      fetch,
      now,
      tokens: { accessToken: credentials.accessToken },
    });
    assert.deepEqual(accounts, [
      { accountId: account.did, displayName: 'lumiere.bsky.test', handle: 'lumiere.bsky.test', kind: 'profile' },
    ]);
  });

  it('says AuthExpired for an expired access JWT', async () => {
    const { credentials } = await login('expired.bsky.test');
    sim.expireAccessToken(credentials.accessToken);
    await assert.rejects(
      blueskyConnector.listAccounts!({
        baseUrl: sim.baseUrl,
        fetch,
        now,
        tokens: { accessToken: credentials.accessToken },
      }),
      AuthExpired,
    );
  });
});
