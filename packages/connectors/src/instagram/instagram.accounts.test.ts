import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startInstagramSimulator, type InstagramSimulator } from '@sillage/simulators/instagram/instagram-simulator';
import { AuthExpired } from '../errors.ts';
import { instagramConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: InstagramSimulator;
const listAccounts = (accessToken: string) =>
  instagramConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('instagram listAccounts against the simulator', () => {
  before(async () => {
    sim = await startInstagramSimulator({ now });
  });
  after(() => sim.close());

  it('names the professional account behind an Instagram Login token by its IG user id', async () => {
    sim.createAccount({ username: 'someone_else' });
    const account = sim.createAccount({ username: 'maisonlumiere' });
    const accounts = await listAccounts(account.accessToken);
    assert.equal(accounts.length, 1);
    assert.equal(accounts[0]?.accountId, account.igUserId);
    assert.equal(accounts[0]?.handle, 'maisonlumiere');
    assert.equal(accounts[0]?.kind, 'profile');
  });

  it('says AuthExpired for an expired token', async () => {
    const account = sim.createAccount();
    sim.expireAccessToken(account.accessToken);
    await assert.rejects(listAccounts(account.accessToken), AuthExpired);
  });
});
