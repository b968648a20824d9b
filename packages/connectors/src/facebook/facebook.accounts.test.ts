import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFacebookSimulator, type FacebookSimulator } from '@sillage/simulators/facebook/facebook-simulator';
import { AuthExpired } from '../errors.ts';
import { facebookConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: FacebookSimulator;
const listAccounts = (accessToken: string) =>
  facebookConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('facebook listAccounts against the simulator', () => {
  before(async () => {
    sim = await startFacebookSimulator({ now });
  });
  after(() => sim.close());

  it('lists every Page the user may post to, each with its own Page token', async () => {
    const user = sim.createAccount({ pageName: 'Maison Lumière' });
    const second = sim.addPage(user.userId, { pageName: 'Lumière Outlet' });
    const accounts = await listAccounts(user.userAccessToken);
    assert.deepEqual(
      accounts.map((account) => [account.accountId, account.displayName, account.kind, account.accessToken]),
      [
        [user.pageId, 'Maison Lumière', 'page', user.pageAccessToken],
        [second.pageId, 'Lumière Outlet', 'page', second.pageAccessToken],
      ],
    );
    assert.match(accounts[0]?.avatarUrl ?? '', /^https:\/\//);
  });

  it('leaves out a Page where the user lacks the CREATE_CONTENT task', async () => {
    const user = sim.createAccount();
    sim.addPage(user.userId, { pageName: 'Analyst only', tasks: ['ANALYZE'] });
    const accounts = await listAccounts(user.userAccessToken);
    assert.deepEqual(
      accounts.map((account) => account.accountId),
      [user.pageId],
    );
  });

  it('publishes to the second Page with the Page token listAccounts gave for it', async () => {
    const user = sim.createAccount();
    const second = sim.addPage(user.userId, { pageName: 'Second' });
    const chosen = (await listAccounts(user.userAccessToken)).find((account) => account.accountId === second.pageId);
    assert.ok(chosen?.accessToken);
    const result = await facebookConnector.publish(
      {
        baseUrl: sim.baseUrl,
        credentials: { accessToken: chosen.accessToken, accountId: chosen.accountId },
        fetch,
        now,
        loadMedia: async () => new Uint8Array(),
      },
      { idempotencyKey: 'pub-second-page', format: 'text', text: 'Hello from the second Page', media: [] },
    );
    const post = sim.posts().find((one) => one.id === result.networkPostId);
    assert.equal(post?.pageId, second.pageId);
  });

  it('says AuthExpired for a revoked user token', async () => {
    const user = sim.createAccount();
    sim.revokeRefreshToken(user.userAccessToken);
    await assert.rejects(listAccounts(user.userAccessToken), AuthExpired);
  });
});
