import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startYouTubeSimulator, type YouTubeSimulator } from '@sillage/simulators/youtube/youtube-simulator';
import { AuthExpired } from '../errors.ts';
import { youtubeConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: YouTubeSimulator;
const listAccounts = (accessToken: string) =>
  youtubeConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('youtube listAccounts against the simulator', () => {
  before(async () => {
    sim = await startYouTubeSimulator();
  });
  after(() => sim.close());

  it('names the channel the token was granted for, with its title and handle', async () => {
    sim.createAccount({ title: 'Other' });
    const account = sim.createAccount({ title: 'Maison Lumière TV' });
    const accounts = await listAccounts(account.accessToken);
    assert.deepEqual(
      accounts.map((one) => [one.accountId, one.displayName, one.handle, one.kind]),
      [[account.accountId, 'Maison Lumière TV', '@maisonlumiretv', 'channel']],
    );
  });

  it('says AuthExpired for an expired access token', async () => {
    const { accessToken } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    await assert.rejects(listAccounts(accessToken), AuthExpired);
  });
});
