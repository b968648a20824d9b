import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startGoogleBusinessSimulator,
  type GoogleBusinessSimulator,
} from '@sillage/simulators/google_business/google-business-simulator';
import { AuthExpired } from '../errors.ts';
import { googleBusinessLocationAccounts } from './google_business.mapper.ts';
import { googleBusinessConnector } from './index.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: GoogleBusinessSimulator;
const listAccounts = (accessToken: string) =>
  googleBusinessConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('google_business listAccounts against the simulator', () => {
  before(async () => {
    sim = await startGoogleBusinessSimulator();
  });
  after(() => sim.close());

  it('lists every location of the account as accounts/{a}/locations/{l}, the name local posts need', async () => {
    sim.createAccount({ title: 'Not mine' });
    const account = sim.createAccount({ title: 'Lumière Lyon' });
    const second = sim.addLocation(account.accountId.split('/locations/')[0]!, { title: 'Lumière Paris' });
    const accounts = await listAccounts(account.accessToken);
    assert.deepEqual(
      accounts.map((one) => [one.accountId, one.displayName, one.kind]),
      [
        [account.accountId, 'Lumière Lyon', 'location'],
        [second, 'Lumière Paris', 'location'],
      ],
    );
  });

  it('publishes a local post to the second location it listed', async () => {
    const account = sim.createAccount();
    sim.addLocation(account.accountId.split('/locations/')[0]!, { title: 'Second' });
    const second = (await listAccounts(account.accessToken))[1]!;
    const result = await googleBusinessConnector.publish(
      {
        baseUrl: sim.baseUrl,
        credentials: { accessToken: account.accessToken, accountId: second.accountId },
        fetch,
        now,
        loadMedia: async () => new Uint8Array(),
      },
      { idempotencyKey: 'pub-gbp-second', format: 'local_post', text: 'Open on Sunday', media: [] },
    );
    assert.ok(result.networkPostId.startsWith(`${second.accountId}/localPosts/`));
  });

  it('says AuthExpired for an expired access token', async () => {
    const { accessToken } = sim.createAccount();
    sim.expireAccessToken(accessToken);
    await assert.rejects(listAccounts(accessToken), AuthExpired);
  });
});

describe('google business location mapping', () => {
  it('accepts locations named with or without their account, and skips rows without a name', () => {
    const accounts = googleBusinessLocationAccounts('accounts/1', {
      locations: [{ name: 'locations/2', title: 'Lyon' }, { name: 'accounts/1/locations/3' }, { title: 'nameless' }],
    });
    assert.deepEqual(accounts, [
      { accountId: 'accounts/1/locations/2', displayName: 'Lyon', kind: 'location' },
      { accountId: 'accounts/1/locations/3', displayName: '3', kind: 'location' },
    ]);
  });
});
