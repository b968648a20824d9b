import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPinterestSimulator, type PinterestSimulator } from '@sillage/simulators/pinterest/pinterest-simulator';
import { AuthExpired } from '../errors.ts';
import { pinterestConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: PinterestSimulator;
const listAccounts = (accessToken: string) =>
  pinterestConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('pinterest listAccounts against the simulator', () => {
  before(async () => {
    sim = await startPinterestSimulator();
  });
  after(() => sim.close());

  it('names the account behind the token by its username, the id publishing uses', async () => {
    sim.createAccount();
    const account = sim.createAccount({ username: 'maisonlumiere' });
    const accounts = await listAccounts(account.accessToken);
    assert.deepEqual(
      accounts.map((one) => [one.accountId, one.handle, one.kind]),
      [[account.accountId, 'maisonlumiere', 'board_owner']],
    );
  });

  it('says AuthExpired for an expired access token', async () => {
    const { accessToken } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    await assert.rejects(listAccounts(accessToken), AuthExpired);
  });
});
