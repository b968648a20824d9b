import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startFacebookSimulator } from './facebook-simulator.ts';

describe('facebook simulator: /me/accounts', () => {
  it("lists only the user's Pages, with id, name, access_token, tasks and picture", async () => {
    const sim = await startFacebookSimulator();
    try {
      const user = sim.createAccount({ pageName: 'Mine' });
      sim.addPage(user.userId, { pageName: 'Analyst', tasks: ['ANALYZE'] });
      sim.createAccount({ pageName: 'Not mine' });
      const answer = await fetch(`${sim.baseUrl}/v26.0/me/accounts?fields=id,name,access_token,tasks`, {
        headers: { authorization: `Bearer ${user.userAccessToken}` },
      });
      const body = (await answer.json()) as {
        data: { id: string; name: string; access_token: string; tasks: string[] }[];
      };
      assert.deepEqual(
        body.data.map((page) => [page.name, page.tasks.includes('CREATE_CONTENT')]),
        [
          ['Mine', true],
          ['Analyst', false],
        ],
      );
      assert.equal(body.data[0]?.access_token, user.pageAccessToken);
    } finally {
      await sim.close();
    }
  });

  it('answers a bad token with Graph error 190 (OAuthException)', async () => {
    const sim = await startFacebookSimulator();
    try {
      const answer = await fetch(`${sim.baseUrl}/v26.0/me/accounts`, { headers: { authorization: 'Bearer nope' } });
      const body = (await answer.json()) as { error: { code: number; type: string } };
      assert.equal(answer.status, 400);
      assert.equal(body.error.code, 190);
    } finally {
      await sim.close();
    }
  });
});
