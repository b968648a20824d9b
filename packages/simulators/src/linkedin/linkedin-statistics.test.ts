import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startLinkedinSimulator } from './linkedin-simulator.ts';

describe('linkedin simulator: organizationalEntityShareStatistics', () => {
  it("totals the organization's posts without a list, checks the URN kind of each list and the caller's role", async () => {
    const sim = await startLinkedinSimulator();
    try {
      const organization = sim.organizationUrn;
      const first = sim.publishInLinkedin({ author: organization, text: 'Un' });
      const second = sim.publishInLinkedin({ author: organization, text: 'Deux' });
      sim.setShareStatistics(first, { impressions: 100, uniqueImpressions: 80, likes: 5, clicks: 5 });
      sim.setShareStatistics(second, { impressions: 50, uniqueImpressions: 40, comments: 2 });
      const read = (query: string, headers: Record<string, string> = {}) =>
        fetch(`${sim.baseUrl}/rest/organizationalEntityShareStatistics?q=organizationalEntity&${query}`, {
          headers: {
            authorization: `Bearer ${sim.accessToken}`,
            'linkedin-version': '202611',
            'x-restli-protocol-version': '2.0.0',
            ...headers,
          },
        });
      const org = `organizationalEntity=${encodeURIComponent(organization)}`;
      const total = (await (await read(org)).json()) as { elements: { totalShareStatistics: unknown }[] };
      assert.deepEqual(total.elements[0]?.totalShareStatistics, {
        uniqueImpressionsCount: 120,
        shareCount: 0,
        engagement: 12 / 150,
        clickCount: 5,
        likeCount: 5,
        impressionCount: 150,
        commentCount: 2,
      });
      assert.equal((await read(`${org}&shares=List(${encodeURIComponent(first)})`)).status, 400);
      const other = sim.createAccount();
      const foreign = `organizationalEntity=${encodeURIComponent(other.organizationUrn)}`;
      assert.equal((await read(foreign)).status, 403);
      assert.equal((await read(org, { 'linkedin-version': '' })).status, 426);
    } finally {
      await sim.close();
    }
  });
});
