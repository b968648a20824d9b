import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultEditorialLine } from '@sillage/domain';
import { createPublishingHarness } from '../publishing/testing/publishing-harness.ts';
import type { SignedInClient } from '../testing/test-app.ts';
import { databaseKindsUnderTest } from '../testing/test-database.ts';

type Status = {
  policyEnabled: boolean;
  round: { status: string; stepName: string | null; decisions: { by: string; byClient: boolean }[] } | null;
  editorialIssues: { code: string; severity: string; message: string }[];
};
type Post = { id: string; publications: { state: string; scheduledAt: string | null }[] };

for (const kind of databaseKindsUnderTest()) {
  describe(`approvals on ${kind}`, () => {
    let h: Awaited<ReturnType<typeof createPublishingHarness>>;
    let owner: SignedInClient;
    let strategist: SignedInClient;
    let channelId: string;

    before(async () => {
      h = await createPublishingHarness(kind, { start: '2026-11-20T08:00:00Z' });
      owner = await h.t.signIn(h.w.owner.email);
      const user = await h.t.createUser({
        email: `strategist-${kind}@example.com`,
        workspaceId: h.w.id,
        role: 'strategist',
      });
      strategist = await h.t.signIn(user.email);
      channelId = (await h.addChannel()).id;
      const line = {
        ...defaultEditorialLine('fr'),
        bannedTerms: [{ term: 'arnaque', severity: 'block' as const, reason: 'Never about our products' }],
      };
      const saved = await owner.request({
        method: 'PUT',
        url: `/api/workspaces/${h.w.id}/editorial-line`,
        payload: line,
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const policy = await owner.request({
        method: 'PUT',
        url: `/api/workspaces/${h.w.id}/approval-policy`,
        payload: {
          enabled: true,
          reapproveOnEdit: true,
          steps: [
            { name: 'Brand', mode: 'any', userIds: [], roles: ['strategist'], client: false },
            { name: 'Client', mode: 'any', userIds: [], roles: [], client: true },
          ],
        },
      });
      assert.equal(policy.statusCode, 200, policy.body);
    });
    after(() => h.close());

    const draft = async (text: string) => {
      const response = await owner.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts`,
        payload: { text, channelIds: [channelId] },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<Post>().id;
    };
    const approval = (postId: string, path = '') => `/api/workspaces/${h.w.id}/posts/${postId}/approval${path}`;
    const schedule = { date: '2026-12-01', time: '10:00', timeZone: 'Europe/Paris' };

    it('runs a post through its steps, the last one a client through a link without an account, then schedules it at its local time', async () => {
      const postId = await draft('La nouvelle bougie Ambre arrive le 1er décembre.');
      const submitted = await owner.request({
        method: 'POST',
        url: approval(postId, '/submit'),
        payload: { schedule },
      });
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.equal(submitted.json<Status>().round?.stepName, 'Brand');

      // The owner is not an approver of the first step.
      const refused = await owner.request({
        method: 'POST',
        url: approval(postId, '/decision'),
        payload: { decision: 'approve' },
      });
      assert.equal(refused.statusCode, 403, refused.body);
      const first = await strategist.request({
        method: 'POST',
        url: approval(postId, '/decision'),
        payload: { decision: 'approve' },
      });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json<Status>().round?.stepName, 'Client');

      const link = await owner.request({
        method: 'POST',
        url: approval(postId, '/links'),
        payload: { label: 'Claire (client)', expiresInDays: 3 },
      });
      assert.equal(link.statusCode, 201, link.body);
      const token = new URL(link.json<{ url: string }>().url).pathname.split('/').pop()!;
      const seen = await h.t.app.inject({ url: `/api/approval-links/${token}` });
      assert.equal(seen.statusCode, 200, seen.body);
      assert.equal(seen.json<{ mayDecide: boolean; stepName: string }>().mayDecide, true);
      const decided = await h.t.app.inject({
        method: 'POST',
        url: `/api/approval-links/${token}/decision`,
        payload: { decision: 'approve' },
      });
      assert.equal(decided.statusCode, 200, decided.body);
      assert.equal(decided.json<{ status: string }>().status, 'approved');

      const post = (await owner.request({ url: `/api/workspaces/${h.w.id}/posts/${postId}` })).json<Post>();
      assert.deepEqual(
        post.publications.map((publication) => [publication.state, publication.scheduledAt]),
        [['scheduled', '2026-12-01T09:00:00.000Z']],
      );
      const status = (await owner.request({ url: approval(postId) })).json<Status>();
      assert.deepEqual(
        status.round?.decisions.map((decision) => [decision.by, decision.byClient]),
        [
          [`strategist-${kind}`, false],
          ['Claire (client)', true],
        ],
      );
      assert.equal(status.round?.status, 'approved');
      // A used-up step: the client cannot decide twice.
      const again = await h.t.app.inject({
        method: 'POST',
        url: `/api/approval-links/${token}/decision`,
        payload: { decision: 'approve' },
      });
      assert.equal(again.statusCode, 409, again.body);
    });

    it('refuses to approve a post with a banned term, or a sponsored post without its mention, and says why', async () => {
      const banned = await draft("Ce n'est pas une arnaque : nos bougies durent 60 heures.");
      await owner.request({ method: 'POST', url: approval(banned, '/submit'), payload: { schedule } });
      const refused = await strategist.request({
        method: 'POST',
        url: approval(banned, '/decision'),
        payload: { decision: 'approve' },
      });
      assert.equal(refused.statusCode, 409, refused.body);
      const error = refused.json<{ error: { code: string; message: string } }>().error;
      assert.equal(error.code, 'editorial_blocked');
      assert.match(error.message, /arnaque/);

      const sponsored = await draft('Merci à @lea_deco pour cette jolie mise en scène de nos bougies !');
      await owner.request({
        method: 'POST',
        url: approval(sponsored, '/submit'),
        payload: { schedule, sponsored: true, language: 'fr' },
      });
      const status = (await owner.request({ url: approval(sponsored) })).json<Status>();
      assert.deepEqual(
        status.editorialIssues.map((issue) => [issue.code, issue.severity]),
        [['missing_sponsored_mention', 'block']],
      );
      const blocked = await strategist.request({
        method: 'POST',
        url: approval(sponsored, '/decision'),
        payload: { decision: 'approve' },
      });
      assert.equal(blocked.statusCode, 409);
      assert.match(blocked.json<{ error: { message: string } }>().error.message, /paid partnership/);
      // Changes requested: back to draft, the author knows why; a comment is required.
      const noComment = await strategist.request({
        method: 'POST',
        url: approval(sponsored, '/decision'),
        payload: { decision: 'request_changes' },
      });
      assert.equal(noComment.statusCode, 400);
      const changes = await strategist.request({
        method: 'POST',
        url: approval(sponsored, '/decision'),
        payload: { decision: 'request_changes', comment: 'Ajoutez « Partenariat rémunéré ».' },
      });
      assert.equal(changes.statusCode, 200, changes.body);
      const post = (await owner.request({ url: `/api/workspaces/${h.w.id}/posts/${sponsored}` })).json<Post>();
      assert.deepEqual(
        post.publications.map((publication) => publication.state),
        ['draft'],
      );
    });

    it('does not let a post skip the chain: scheduling a draft directly is refused while approvals are on', async () => {
      const direct = await owner.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts`,
        payload: { text: 'Sans validation ?', channelIds: [channelId], schedule },
      });
      assert.equal(direct.statusCode, 409, direct.body);
      assert.equal(direct.json<{ error: { code: string } }>().error.code, 'approval_required');
      const postId = await draft('Brouillon à programmer.');
      const scheduled = await owner.request({
        method: 'POST',
        url: `/api/workspaces/${h.w.id}/posts/${postId}/schedule`,
        payload: schedule,
      });
      assert.equal(scheduled.statusCode, 409, scheduled.body);
    });

    it('refuses an expired or unknown link, and a policy naming strangers', async () => {
      const postId = await draft('Atelier bougies samedi à Lyon.');
      const link = await owner.request({
        method: 'POST',
        url: approval(postId, '/links'),
        payload: { label: 'Client', expiresInDays: 1 },
      });
      const token = new URL(link.json<{ url: string }>().url).pathname.split('/').pop()!;
      h.clock.advance(2 * 86_400_000);
      assert.equal((await h.t.app.inject({ url: `/api/approval-links/${token}` })).statusCode, 410);
      assert.equal((await h.t.app.inject({ url: `/api/approval-links/${'x'.repeat(43)}` })).statusCode, 404);
      const strangers = await owner.request({
        method: 'PUT',
        url: `/api/workspaces/${h.w.id}/approval-policy`,
        payload: {
          enabled: true,
          steps: [{ name: 'Someone', mode: 'all', userIds: ['00000000-0000-4000-8000-000000000000'] }],
        },
      });
      assert.equal(strangers.statusCode, 400, strangers.body);
    });
  });
}
