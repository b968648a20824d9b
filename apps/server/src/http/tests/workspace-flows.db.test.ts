import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '@sillage/domain';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import { actorIn, bearer, createApiToken, errorCode, seedWorkspace, unique, type SeededWorkspace } from './fixtures.ts';

const DAY_MS = 86_400_000;
type AuditEntry = {
  id: string;
  at: string;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: string;
  details: Record<string, unknown>;
};
type AuditPage = { entries: AuditEntry[]; nextBefore: string | null };

const invitationTokenOf = (response: LightMyRequestResponse) =>
  response.json<{ acceptUrl: string }>().acceptUrl.split('/').pop()!;

for (const kind of databaseKindsUnderTest()) {
  describe(`workspace flows on ${kind}`, () => {
    let t: TestApp;
    let clockOffsetMs = 0;

    before(async () => {
      t = await createTestApp(kind, { now: () => new Date(Date.now() + clockOffsetMs) });
    });
    after(() => t.close());

    /** A workspace with its owner signed in, and a signed-in member for each role asked. */
    async function workspaceWith(roles: Role[] = []) {
      const w = await seedWorkspace(t, `Flows ${unique()}`);
      const owner = await t.signIn(w.owner.email);
      const members = new Map<Role, { id: string; email: string; client: SignedInClient }>();
      for (const role of roles) {
        const user = await t.createUser({ email: `${role}-${unique()}@example.com`, workspaceId: w.id, role });
        members.set(role, { ...user, client: await t.signIn(user.email) });
      }
      return { w, owner, member: (role: Role) => members.get(role)! };
    }

    const invite = (client: SignedInClient, w: SeededWorkspace, email: string, role: Role) =>
      client.request({ method: 'POST', url: `/api/workspaces/${w.id}/invitations`, payload: { email, role } });
    const accept = (
      token: string,
      body: Record<string, string> = { name: 'Newcomer', password: 'a long enough password' },
    ) => t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: body });
    const roleOf = async (workspaceId: string, userId: string) =>
      t.composition.services.workspaces.findMembership(workspaceId, userId);

    it('turns an accepted invitation (new account) into a signed-in member with the invited role', async () => {
      const { w, owner } = await workspaceWith();
      const email = `newcomer-${unique()}@example.com`;
      const created = await invite(owner, w, email, 'analyst');
      assert.equal(created.statusCode, 201, created.body);
      const token = invitationTokenOf(created);

      const preview = await t.app.inject({ url: `/api/invitations/${token}` });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.deepEqual(
        { ...preview.json<Record<string, unknown>>(), expiresAt: undefined },
        {
          workspaceName: (await t.composition.services.workspacesService.get(w.id)).name,
          email,
          role: 'analyst',
          hasAccount: false,
          expiresAt: undefined,
        },
      );

      const accepted = await accept(token);
      assert.equal(accepted.statusCode, 200, accepted.body);
      const session = accepted.json<{
        user: { id: string; email: string };
        csrfToken: string;
        workspaces: { id: string; role: Role }[];
      }>();
      assert.equal(session.user.email, email);
      assert.deepEqual(
        session.workspaces.map((entry) => [entry.id, entry.role]),
        [[w.id, 'analyst']],
      );
      assert.equal(await roleOf(w.id, session.user.id), 'analyst');

      const cookie = accepted.cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');
      const me = await t.app.inject({ url: `/api/workspaces/${w.id}/me`, headers: { cookie } });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json<{ role: Role }>().role, 'analyst');
      const pending = await owner.request({ url: `/api/workspaces/${w.id}/invitations` });
      assert.ok(
        !pending.json<{ email: string }[]>().some((invitation) => invitation.email === email),
        'no longer pending',
      );
    });

    it('accepts an invitation only once', async () => {
      const { w, owner } = await workspaceWith();
      const token = invitationTokenOf(await invite(owner, w, `once-${unique()}@example.com`, 'editor'));
      assert.equal((await accept(token)).statusCode, 200);
      const second = await accept(token, { name: 'Intruder', password: 'another long password' });
      assert.equal(second.statusCode, 404, second.body);
      assert.equal(errorCode(second), 'not_found');
    });

    it('answers 404 to a revoked or an expired invitation, for preview and acceptance', async () => {
      const { w, owner } = await workspaceWith();
      const revokedResponse = await invite(owner, w, `revoked-${unique()}@example.com`, 'editor');
      const revokedId = revokedResponse.json<{ invitation: { id: string } }>().invitation.id;
      assert.equal(
        (await owner.request({ method: 'DELETE', url: `/api/workspaces/${w.id}/invitations/${revokedId}` })).statusCode,
        200,
      );
      const revoked = invitationTokenOf(revokedResponse);
      assert.equal((await t.app.inject({ url: `/api/invitations/${revoked}` })).statusCode, 404);
      assert.equal((await accept(revoked)).statusCode, 404);

      const expiring = invitationTokenOf(await invite(owner, w, `late-${unique()}@example.com`, 'editor'));
      assert.equal(
        (await t.app.inject({ url: `/api/invitations/${expiring}` })).statusCode,
        200,
        'usable before it expires',
      );
      clockOffsetMs = 8 * DAY_MS;
      try {
        assert.equal((await t.app.inject({ url: `/api/invitations/${expiring}` })).statusCode, 404);
        assert.equal((await accept(expiring)).statusCode, 404);
      } finally {
        clockOffsetMs = 0;
      }
    });

    it('does not let an admin make, invite, demote or mint an owner', async () => {
      const { w, member } = await workspaceWith(['admin']);
      const admin = member('admin').client;
      const promote = await admin.request({
        method: 'PATCH',
        url: `/api/workspaces/${w.id}/members/${w.member.id}`,
        payload: { role: 'owner' },
      });
      assert.equal(promote.statusCode, 403, promote.body);
      assert.equal((await invite(admin, w, `boss-${unique()}@example.com`, 'owner')).statusCode, 403);
      const demote = await admin.request({
        method: 'PATCH',
        url: `/api/workspaces/${w.id}/members/${w.owner.id}`,
        payload: { role: 'editor' },
      });
      assert.equal(demote.statusCode, 403, demote.body);
      assert.equal(
        (await admin.request({ method: 'DELETE', url: `/api/workspaces/${w.id}/members/${w.owner.id}` })).statusCode,
        403,
      );
      const mint = await admin.request({
        method: 'POST',
        url: `/api/workspaces/${w.id}/api-tokens`,
        payload: { name: 'boss', role: 'owner', expiresInDays: 1 },
      });
      assert.equal(mint.statusCode, 403, mint.body);
      assert.equal(await roleOf(w.id, w.member.id), 'editor');
      assert.equal(await roleOf(w.id, w.owner.id), 'owner');
      const allowed = await admin.request({
        method: 'PATCH',
        url: `/api/workspaces/${w.id}/members/${w.member.id}`,
        payload: { role: 'analyst' },
      });
      assert.equal(allowed.statusCode, 200, 'an admin may still change non-owner roles');
    });

    it('refuses to demote or remove the last owner (409 last_owner), and allows it once there is another', async () => {
      const { w, owner } = await workspaceWith();
      const self = `/api/workspaces/${w.id}/members/${w.owner.id}`;
      const demote = await owner.request({ method: 'PATCH', url: self, payload: { role: 'admin' } });
      assert.equal(demote.statusCode, 409, demote.body);
      assert.equal(errorCode(demote), 'last_owner');
      const remove = await owner.request({ method: 'DELETE', url: self });
      assert.equal(remove.statusCode, 409, remove.body);
      assert.equal(errorCode(remove), 'last_owner');
      assert.equal(await roleOf(w.id, w.owner.id), 'owner');

      const promote = await owner.request({
        method: 'PATCH',
        url: `/api/workspaces/${w.id}/members/${w.member.id}`,
        payload: { role: 'owner' },
      });
      assert.equal(promote.statusCode, 200, promote.body);
      assert.equal((await owner.request({ method: 'PATCH', url: self, payload: { role: 'admin' } })).statusCode, 200);
      assert.equal(await roleOf(w.id, w.owner.id), 'admin');
    });

    it("revokes a removed member's API tokens: they stay dead even if the person comes back", async () => {
      const { w, owner, member } = await workspaceWith(['editor']);
      const leaver = member('editor');
      const { token, id } = await createApiToken(leaver.client, w.id, 'editor');
      const read = () => t.app.inject({ url: `/api/workspaces/${w.id}`, headers: bearer(token) });
      assert.equal((await read()).statusCode, 200);

      const removed = await owner.request({ method: 'DELETE', url: `/api/workspaces/${w.id}/members/${leaver.id}` });
      assert.equal(removed.statusCode, 200, removed.body);
      assert.equal((await read()).statusCode, 401);
      const tokens = await t.composition.services.apiTokens.list(actorIn(w.id, w.owner, 'owner'));
      assert.notEqual(tokens.find((entry) => entry.id === id)?.revokedAt ?? null, null, 'the token is marked revoked');

      await t.composition.services.workspaces.addMember(w.id, leaver.id, 'editor');
      assert.equal((await read()).statusCode, 401, 'coming back does not revive the old token');
    });

    it("refuses an API token whose role exceeds its creator's", async () => {
      const { w, member } = await workspaceWith(['editor']);
      const editor = member('editor').client;
      for (const role of ['admin', 'owner', 'strategist'] as const) {
        const response = await editor.request({
          method: 'POST',
          url: `/api/workspaces/${w.id}/api-tokens`,
          payload: { name: role, role, expiresInDays: 1 },
        });
        assert.equal(response.statusCode, 403, `${role}: ${response.body}`);
      }
      const own = await editor.request({
        method: 'POST',
        url: `/api/workspaces/${w.id}/api-tokens`,
        payload: { name: 'mine', role: 'editor', expiresInDays: 1 },
      });
      assert.equal(own.statusCode, 201, own.body);
    });

    it('answers 401 to a revoked API token', async () => {
      const { w, owner } = await workspaceWith();
      const { token, id } = await createApiToken(owner, w.id, 'owner');
      assert.equal((await t.app.inject({ url: `/api/workspaces/${w.id}`, headers: bearer(token) })).statusCode, 200);
      assert.equal(
        (await owner.request({ method: 'DELETE', url: `/api/workspaces/${w.id}/api-tokens/${id}` })).statusCode,
        200,
      );
      const after = await t.app.inject({ url: `/api/workspaces/${w.id}`, headers: bearer(token) });
      assert.equal(after.statusCode, 401, after.body);
      assert.equal(errorCode(after), 'unauthenticated');
    });

    it('records role changes, invitations and token creations with actor, IP and outcome, newest first', async () => {
      const { w, owner } = await workspaceWith();
      const remoteAddress = '198.51.100.23';
      const changed = await owner.request({
        method: 'PATCH',
        url: `/api/workspaces/${w.id}/members/${w.member.id}`,
        payload: { role: 'analyst' },
        remoteAddress,
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const invited = await owner.request({
        method: 'POST',
        url: `/api/workspaces/${w.id}/invitations`,
        payload: { email: `audited-${unique()}@example.com`, role: 'client' },
        remoteAddress,
      });
      assert.equal(invited.statusCode, 201, invited.body);
      const minted = await owner.request({
        method: 'POST',
        url: `/api/workspaces/${w.id}/api-tokens`,
        payload: { name: 'audited', role: 'editor', expiresInDays: 1 },
        remoteAddress,
      });
      assert.equal(minted.statusCode, 201, minted.body);

      const page = await owner.request({ url: `/api/workspaces/${w.id}/audit-log?limit=200` });
      assert.equal(page.statusCode, 200, page.body);
      const { entries } = page.json<AuditPage>();
      const expected = [
        { action: 'api_token.created', targetId: minted.json<{ apiToken: { id: string } }>().apiToken.id },
        { action: 'invitation.created', targetId: invited.json<{ invitation: { id: string } }>().invitation.id },
        { action: 'member.role_changed', targetId: w.member.id },
      ];
      assert.deepEqual(
        entries.slice(0, 3).map((entry) => ({
          action: entry.action,
          targetId: entry.targetId,
          actorEmail: entry.actorEmail,
          ip: entry.ip,
          outcome: entry.outcome,
        })),
        expected.map((entry) => ({ ...entry, actorEmail: w.owner.email, ip: remoteAddress, outcome: 'success' })),
      );
      assert.deepEqual(entries[2]!.details, { from: 'editor', to: 'analyst' });
      const times = entries.map((entry) => Date.parse(entry.at));
      assert.deepEqual(
        times,
        [...times].sort((x, y) => y - x),
        'newest first',
      );
    });

    it('pages the audit log with the nextBefore cursor, without gaps or repeats', async () => {
      const { w, owner } = await workspaceWith();
      for (let index = 0; index < 5; index += 1) {
        const response = await owner.request({
          method: 'PATCH',
          url: `/api/workspaces/${w.id}`,
          payload: { name: `Paged ${index}` },
        });
        assert.equal(response.statusCode, 200, response.body);
      }
      const all = (await owner.request({ url: `/api/workspaces/${w.id}/audit-log?limit=200` })).json<AuditPage>();
      assert.ok(all.entries.length >= 7, `${all.entries.length} entries`);
      assert.equal(all.nextBefore, null, 'a short page has no next page');

      const paged: string[] = [];
      let cursor: string | null | undefined;
      for (let pages = 0; cursor !== null; pages += 1) {
        assert.ok(pages < 20, 'the cursor ends');
        const query = new URLSearchParams({ limit: '2', ...(cursor ? { before: cursor } : {}) });
        const page = (
          await owner.request({ url: `/api/workspaces/${w.id}/audit-log?${query.toString()}` })
        ).json<AuditPage>();
        assert.ok(page.entries.length <= 2);
        paged.push(...page.entries.map((entry) => entry.id));
        cursor = page.nextBefore;
        if (cursor !== null)
          assert.match(cursor, /^\d{4}-\d\d-\d\dT[\d:.]+Z~\d+$/, 'the cursor is the last entry of the page, opaque');
      }
      assert.deepEqual(
        paged,
        all.entries.map((entry) => entry.id),
      );
    });

    it('writes an access.denied audit row when a member is refused (403)', async () => {
      const { w, owner, member } = await workspaceWith(['editor']);
      const editor = member('editor');
      const refused = await editor.client.request({
        method: 'PATCH',
        url: `/api/workspaces/${w.id}`,
        payload: { name: 'Hijacked' },
        remoteAddress: '203.0.113.9',
      });
      assert.equal(refused.statusCode, 403, refused.body);
      const page = await owner.request({ url: `/api/workspaces/${w.id}/audit-log?action=access.denied` });
      const entries = page.json<AuditPage>().entries;
      assert.equal(entries.length, 1, page.body);
      assert.deepEqual(
        { ...entries[0]!, id: undefined, at: undefined },
        {
          id: undefined,
          at: undefined,
          actorEmail: editor.email,
          action: 'access.denied',
          targetType: 'route',
          targetId: 'PATCH /api/workspaces/:workspaceId',
          ip: '203.0.113.9',
          outcome: 'denied',
          details: { permission: 'workspace.update', role: 'editor' },
        },
      );
    });

    it('answers 429 with Retry-After once a caller exceeds the API rate limit, per caller', async () => {
      // A fixed clock 10 s into a minute: the window cannot roll over mid-test, and 50 s remain.
      const limited = await createTestApp(kind, {
        apiRateLimitPerMinute: 5,
        now: () => new Date('2030-01-01T00:00:10.000Z'),
      });
      try {
        const user = await limited.createUser({ email: 'busy@example.com' });
        await limited.createUser({ email: 'calm@example.com' });
        const busy = await limited.signIn(user.email);
        for (let index = 1; index <= 5; index += 1)
          assert.equal((await busy.request({ url: '/api/session' })).statusCode, 200, `request ${index}`);
        const sixth = await busy.request({ url: '/api/session' });
        assert.equal(sixth.statusCode, 429, sixth.body);
        assert.equal(errorCode(sixth), 'rate_limited');
        assert.equal(sixth.headers['retry-after'], '50');
        const calm = await limited.signIn('calm@example.com');
        assert.equal(
          (await calm.request({ url: '/api/session' })).statusCode,
          200,
          'another caller is not slowed down',
        );
      } finally {
        await limited.close();
      }
    });
  });
}
