import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMastodonSimulator } from './mastodon-simulator.ts';

describe('mastodon simulator: verify_credentials', () => {
  it('answers the CredentialAccount of the token (with avatar and source), 401 once revoked', async () => {
    const sim = await startMastodonSimulator();
    try {
      const { account, accessToken } = sim.createAccount({ username: 'lumiere' });
      const auth = { authorization: `Bearer ${accessToken}` };
      const url = `${sim.baseUrl}/api/v1/accounts/verify_credentials`;
      const body = (await (await fetch(url, { headers: auth })).json()) as Record<string, unknown>;
      assert.deepEqual(
        [body.id, body.acct, typeof body.avatar, typeof body.source],
        [account.id, 'lumiere', 'string', 'object'],
      );
      sim.revokeAccessToken(accessToken);
      const revoked = await fetch(url, { headers: auth });
      assert.equal(revoked.status, 401);
      assert.deepEqual(await revoked.json(), { error: 'The access token is invalid' });
    } finally {
      await sim.close();
    }
  });
});
