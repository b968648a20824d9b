import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectors, type ConnectableAccount, type Connector } from '@sillage/connectors';
import { startFacebookSimulator, type FacebookSimulator } from '@sillage/simulators/facebook/facebook-simulator';
import { AppError } from '../http/errors.ts';
import { createIdentifyWithConnector, type IdentifiedAccount } from './identify-account.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
const identify = createIdentifyWithConnector({ fetch, now });

function listing(accounts: readonly ConnectableAccount[], seen: unknown[] = []): Connector {
  return {
    ...connectors.linkedin,
    listAccounts: async (context) => {
      seen.push(context);
      return accounts;
    },
  };
}

const input = (connector: Connector, instanceUrl: string | null = null) => ({
  network: 'linkedin' as const,
  connector,
  baseUrl: 'https://api.linkedin.test',
  tokens: { accessToken: 'token-1' },
  instanceUrl,
});

describe('identify a connection with the connector', () => {
  it('takes the only account listed', async () => {
    const found = await identify(
      input(listing([{ accountId: 'urn:li:organization:1', displayName: 'Acme', kind: 'organization' }])),
    );
    assert.equal(found?.accountId, 'urn:li:organization:1');
    assert.equal(found?.displayName, 'Acme');
  });

  it('takes the first of several and returns them all as candidates', async () => {
    const accounts: ConnectableAccount[] = [
      { accountId: 'urn:li:organization:1', displayName: 'Acme', kind: 'organization' },
      { accountId: 'urn:li:organization:2', displayName: 'Acme Labs', kind: 'organization' },
    ];
    const found = (await identify(input(listing(accounts)))) as IdentifiedAccount;
    assert.equal(found.accountId, 'urn:li:organization:1');
    assert.deepEqual(
      found.candidates.map((one) => one.accountId),
      ['urn:li:organization:1', 'urn:li:organization:2'],
    );
  });

  it("passes the tokens, base URL and the account's instance to the connector", async () => {
    const seen: unknown[] = [];
    await identify(
      input(listing([{ accountId: '1', displayName: 'a', kind: 'profile' }], seen), 'https://mastodon.test'),
    );
    assert.deepEqual(
      seen.map((context) => {
        const { baseUrl, tokens, instanceUrl } = context as { baseUrl: string; tokens: unknown; instanceUrl: string };
        return { baseUrl, tokens, instanceUrl };
      }),
      [
        {
          baseUrl: 'https://api.linkedin.test',
          tokens: { accessToken: 'token-1' },
          instanceUrl: 'https://mastodon.test',
        },
      ],
    );
  });

  it('refuses a login that can publish as no account, with a code the web app can explain', async () => {
    await assert.rejects(identify(input(listing([]))), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'no_publishable_account');
      return true;
    });
  });

  it('answers null for a connector that cannot list accounts, so the service keeps its fallback', async () => {
    const without: Connector = { ...connectors.linkedin };
    delete without.listAccounts;
    assert.equal(await identify(input(without)), null);
  });
});

describe('identify a Facebook login against the simulator', () => {
  let sim: FacebookSimulator;
  before(async () => {
    sim = await startFacebookSimulator({ now });
  });
  after(() => sim.close());

  it('gives the first Page, its Page token, and every Page as candidates', async () => {
    const user = sim.createAccount({ pageName: 'First' });
    const second = sim.addPage(user.userId, { pageName: 'Second' });
    const found = (await identify({
      network: 'facebook',
      connector: connectors.facebook,
      baseUrl: sim.baseUrl,
      tokens: { accessToken: user.userAccessToken },
      instanceUrl: null,
    })) as IdentifiedAccount;
    assert.deepEqual(
      [found.accountId, found.displayName, found.accessToken],
      [user.pageId, 'First', user.pageAccessToken],
    );
    assert.deepEqual(
      found.candidates.map((one) => one.accountId),
      [user.pageId, second.pageId],
    );
  });
});
