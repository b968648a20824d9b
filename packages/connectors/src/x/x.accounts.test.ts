import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startXSimulator, type XSimulator } from '@sillage/simulators/x/x-simulator';
import { AuthExpired } from '../errors.ts';
import { xConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: XSimulator;
const listAccounts = (accessToken: string) =>
  xConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('x listAccounts against the simulator', () => {
  before(async () => {
    sim = await startXSimulator();
  });
  after(() => sim.close());

  it('names the user behind the token by the id that publishes', async () => {
    sim.createAccount({ username: 'someone' });
    const { account, accessToken } = sim.createAccount({ username: 'maisonlumiere', name: 'Maison Lumière' });
    const accounts = await listAccounts(accessToken);
    assert.deepEqual(
      accounts.map((one) => [one.accountId, one.displayName, one.handle, one.kind]),
      [[account.id, 'Maison Lumière', 'maisonlumiere', 'profile']],
    );
    assert.match(accounts[0]?.avatarUrl ?? '', /^https:\/\/pbs\.twimg\.com\//);
  });

  it('says AuthExpired for an expired access token', async () => {
    const { accessToken } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    await assert.rejects(listAccounts(accessToken), AuthExpired);
  });
});
