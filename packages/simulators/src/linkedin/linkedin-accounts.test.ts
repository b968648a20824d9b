import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startLinkedinSimulator } from './linkedin-simulator.ts';

const headers = (token: string) => ({
  authorization: `Bearer ${token}`,
  'linkedin-version': '202601',
  'x-restli-protocol-version': '2.0.0',
});

describe('linkedin simulator: organization ACLs and organizations', () => {
  it("lists the token's administered organizations and names only those in a batch get", async () => {
    const sim = await startLinkedinSimulator();
    try {
      const admin = sim.createAdministrator({ names: ['Acme', 'Acme Labs'] });
      const acls = (await (
        await fetch(`${sim.baseUrl}/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED`, {
          headers: headers(admin.accessToken),
        })
      ).json()) as { elements: { organization: string; role: string; state: string }[] };
      assert.deepEqual(
        acls.elements.map((acl) => acl.organization),
        admin.organizationUrns,
      );
      const ids = admin.organizationUrns.map((urn) => urn.split(':').at(-1));
      const other = sim.organizationUrn.split(':').at(-1);
      const batch = (await (
        await fetch(`${sim.baseUrl}/rest/organizations?ids=List(${[...ids, other].join(',')})`, {
          headers: headers(admin.accessToken),
        })
      ).json()) as { results: Record<string, { localizedName: string }>; statuses: Record<string, number> };
      assert.deepEqual(
        ids.map((id) => batch.results[id!]?.localizedName),
        ['Acme', 'Acme Labs'],
      );
      assert.equal(batch.statuses[other!], 403);
    } finally {
      await sim.close();
    }
  });

  it('answers a revoked token with 401 REVOKED_ACCESS_TOKEN', async () => {
    const sim = await startLinkedinSimulator();
    try {
      sim.revokeAccessToken(sim.accessToken);
      const answer = await fetch(`${sim.baseUrl}/rest/organizationAcls?q=roleAssignee`, {
        headers: headers(sim.accessToken),
      });
      assert.equal(answer.status, 401);
      assert.equal(((await answer.json()) as { code: string }).code, 'REVOKED_ACCESS_TOKEN');
    } finally {
      await sim.close();
    }
  });
});
