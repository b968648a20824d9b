import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startGoogleBusinessSimulator } from './google-business-simulator.ts';

describe('google business simulator: accounts and locations', () => {
  it("lists the caller's account and its locations named locations/{id}, as the readMask asks", async () => {
    const sim = await startGoogleBusinessSimulator();
    try {
      const owner = sim.createAccount({ location: '42', title: 'Lyon' });
      const account = owner.accountId.split('/locations/')[0]!;
      const auth = { authorization: `Bearer ${owner.accessToken}` };
      const accounts = (await (await fetch(`${sim.baseUrl}/v1/accounts`, { headers: auth })).json()) as {
        accounts: { name: string }[];
      };
      assert.deepEqual(
        accounts.accounts.map((one) => one.name),
        [account],
      );
      const locations = (await (
        await fetch(`${sim.baseUrl}/v1/${account}/locations?readMask=name,title`, { headers: auth })
      ).json()) as { locations: unknown[] };
      assert.deepEqual(locations.locations, [{ name: 'locations/42', title: 'Lyon' }]);
      const noMask = await fetch(`${sim.baseUrl}/v1/${account}/locations`, { headers: auth });
      assert.equal(noMask.status, 400);
      const other = sim.createAccount().accountId.split('/locations/')[0]!;
      assert.equal((await fetch(`${sim.baseUrl}/v1/${other}/locations?readMask=name`, { headers: auth })).status, 403);
    } finally {
      await sim.close();
    }
  });

  it('answers a bad token with 401 UNAUTHENTICATED', async () => {
    const sim = await startGoogleBusinessSimulator();
    try {
      const answer = await fetch(`${sim.baseUrl}/v1/accounts`, { headers: { authorization: 'Bearer nope' } });
      assert.equal(answer.status, 401);
      assert.equal(((await answer.json()) as { error: { status: string } }).error.status, 'UNAUTHENTICATED');
    } finally {
      await sim.close();
    }
  });
});
