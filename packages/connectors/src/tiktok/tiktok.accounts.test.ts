import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTikTokSimulator, type TikTokSimulator } from '@sillage/simulators/tiktok/tiktok-simulator';
import { AuthExpired } from '../errors.ts';
import { tiktokConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: TikTokSimulator;
const listAccounts = (accessToken: string) =>
  tiktokConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('tiktok listAccounts against the simulator', () => {
  before(async () => {
    sim = await startTikTokSimulator();
  });
  after(() => sim.close());

  it('names the creator by open_id, with the display name and avatar', async () => {
    sim.createAccount();
    const account = sim.createAccount({ username: 'sunny' });
    const accounts = await listAccounts(account.accessToken);
    assert.deepEqual(
      accounts.map((one) => [one.accountId, one.displayName, one.kind]),
      [[account.accountId, 'sunny', 'profile']],
    );
    assert.match(accounts[0]?.avatarUrl ?? '', /^https:\/\//);
  });

  it('says AuthExpired for an expired access token', async () => {
    const { accessToken } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    await assert.rejects(listAccounts(accessToken), AuthExpired);
  });
});
