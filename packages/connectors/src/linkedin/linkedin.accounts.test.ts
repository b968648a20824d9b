import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLinkedinSimulator, type LinkedinSimulator } from '@sillage/simulators/linkedin/linkedin-simulator';
import { AuthExpired } from '../errors.ts';
import { linkedinConnector } from './index.ts';
import { linkedinOrganizationAccounts } from './linkedin.mapper.ts';

const now = () => new Date('2026-05-01T12:00:00Z');
let sim: LinkedinSimulator;
const listAccounts = (accessToken: string) =>
  linkedinConnector.listAccounts!({ baseUrl: sim.baseUrl, fetch, now, tokens: { accessToken } });

describe('linkedin listAccounts against the simulator', () => {
  before(async () => {
    sim = await startLinkedinSimulator();
  });
  after(() => sim.close());

  it('lists the organizations the member administers, by URN, with their names', async () => {
    sim.createAccount({ name: 'Not mine' });
    const admin = sim.createAdministrator({ names: ['Maison Lumière', 'Lumière Labs'] });
    const accounts = await listAccounts(admin.accessToken);
    assert.deepEqual(
      accounts.map((account) => [account.accountId, account.displayName, account.kind]),
      [
        [admin.organizationUrns[0], 'Maison Lumière', 'organization'],
        [admin.organizationUrns[1], 'Lumière Labs', 'organization'],
      ],
    );
    assert.equal(accounts[0]?.handle, 'maison-lumi-re');
  });

  it('publishes as the second organization it listed', async () => {
    const admin = sim.createAdministrator({ names: ['First', 'Second'] });
    const second = (await listAccounts(admin.accessToken))[1]!;
    const result = await linkedinConnector.publish(
      {
        baseUrl: sim.baseUrl,
        credentials: { accessToken: admin.accessToken, accountId: second.accountId },
        fetch,
        now,
        loadMedia: async () => new Uint8Array(),
      },
      { idempotencyKey: 'pub-li-second', format: 'text', text: 'From the second page', media: [] },
    );
    assert.equal(sim.posts().find((post) => post.urn === result.networkPostId)?.author, second.accountId);
  });

  it('says AuthExpired for a revoked token', async () => {
    const { accessToken } = sim.createAccount();
    sim.revokeAccessToken(accessToken);
    await assert.rejects(listAccounts(accessToken), AuthExpired);
  });

  it('falls back to the id when the batch did not return an organization', () => {
    const accounts = linkedinOrganizationAccounts(
      { elements: [{ organization: 'urn:li:organization:7' }, { organization: 'urn:li:person:1' }] },
      { results: {} },
    );
    assert.deepEqual(accounts, [{ accountId: 'urn:li:organization:7', displayName: '7', kind: 'organization' }]);
  });
});
