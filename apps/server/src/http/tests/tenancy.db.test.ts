import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import type { RouteDefinition } from '../route.ts';
import {
  actorIn,
  bearer,
  callRoute,
  createApiToken,
  errorCode,
  pathParams,
  publicParamReasons,
  routeKey,
  sampleBody,
  samplePlanAnswers,
  sampleReportBody,
  seedCrisis,
  seedSavedReply,
  seedWorkspace,
  snapshotTables,
  type SeededWorkspace,
} from './fixtures.ts';
import { seedMediaAsset } from '../../media/testing/media-fixtures.ts';

type Sender = (options: InjectOptions) => Promise<LightMyRequestResponse>;

for (const kind of databaseKindsUnderTest()) {
  describe(`tenancy on ${kind}`, () => {
    let t: TestApp;
    let a: SeededWorkspace;
    let b: SeededWorkspace;
    let ownerOfA: SignedInClient;
    let tokenOfA: string;
    /** Each path param mapped to the resource of workspace B it names. */
    let bSide: Record<string, string>;
    let idRoutes: RouteDefinition[];

    before(async () => {
      t = await createTestApp(kind);
      a = await seedWorkspace(t, 'Alpha');
      b = await seedWorkspace(t, 'Bravo');
      ownerOfA = await t.signIn(a.owner.email);
      tokenOfA = (await createApiToken(ownerOfA, a.id, 'owner')).token;
      bSide = {
        workspaceId: b.id,
        userId: b.member.id,
        invitationId: b.invitationId,
        tokenId: b.tokenId,
        channelId: b.channelId,
        postId: b.postId,
        notificationId: b.notificationId,
        itemId: b.itemId,
        savedReplyId: await seedSavedReply(t, b.id),
        roleId: b.roleId,
        queryId: b.queryId,
        alertId: b.alertId,
        reportId: (
          await t.composition.services.reports.service.create(
            actorIn(b.id, b.owner, 'owner'),
            sampleReportBody([b.owner.email.toLowerCase()]),
          )
        ).id,
        clientId: (
          await t.composition.services.scopes.createClient(actorIn(b.id, b.owner, 'owner'), { name: 'Bravo client' })
        ).id,
        ...(await seedCrisis(t, b.id, b.owner)),
        mediaId: await seedMediaAsset(t.composition.services.media, b.id),
        aspect: '1x1',
        siteKeyId: (
          await t.composition.services.links.conversions.createSiteKey(actorIn(b.id, b.owner, 'owner'), {
            name: 'Bravo shop',
            allowedOrigins: ['https://bravo.example'],
          })
        ).id,
        // Plan versions are numbered per workspace: B has version 1, A has no plan, so A's version 1 is not found.
        version: String(
          (
            await t.composition.services.strategy.generate(
              actorIn(b.id, b.owner, 'owner'),
              samplePlanAnswers,
              'Bravo plan',
            )
          ).version,
        ),
      };
      idRoutes = t.composition.routes.filter(
        (route) => route.access.kind !== 'public' && pathParams(route.url).length > 0,
      );
    });
    after(() => t.close());

    it('knows every path param: a B-side value for each private route, a stated reason for each public one', () => {
      const unknown: string[] = [];
      for (const route of t.composition.routes) {
        for (const name of pathParams(route.url)) {
          const known = route.access.kind === 'public' ? name in publicParamReasons : name in bSide;
          if (!known) unknown.push(`${routeKey(route)} :${name}`);
        }
      }
      assert.deepEqual(unknown, [], 'add these params to bSide (or publicParamReasons for public routes)');
      assert.ok(
        idRoutes.some((route) => route.method === 'DELETE') && idRoutes.some((route) => route.method === 'GET'),
        'the generated list covers reads and deletions',
      );
    });

    /** Calls every id-bearing route with `values` and returns those that did not answer 404 not_found. */
    async function leaks(
      send: Sender,
      valuesFor: (route: RouteDefinition) => Record<string, string> | undefined,
      headers: Record<string, string> = {},
    ) {
      const found: string[] = [];
      let called = 0;
      for (const route of idRoutes) {
        const values = valuesFor(route);
        if (!values) continue;
        called += 1;
        const response = await callRoute(send, route, values, sampleBody(route, { role: 'owner' }), headers);
        if (response.statusCode !== 404 || errorCode(response) !== 'not_found')
          found.push(`${routeKey(route)} → ${response.statusCode} ${response.body.slice(0, 160)}`);
      }
      assert.ok(called > 0, 'at least one route was called');
      return found;
    }

    const allOfB = () => ({ ...bSide });
    /** Workspace A in the path, B's ids everywhere else; only for routes that take another id. */
    const aWithIdsOfB = (route: RouteDefinition) =>
      pathParams(route.url).includes('workspaceId') && pathParams(route.url).length > 1
        ? { ...bSide, workspaceId: a.id }
        : undefined;

    it('a member of workspace A gets 404 on every id-bearing route of workspace B (session)', async () => {
      assert.deepEqual(await leaks((options) => ownerOfA.request(options), allOfB), []);
    });

    it("a member of workspace A gets 404 when naming B's members, invitations and tokens inside A (session)", async () => {
      assert.deepEqual(await leaks((options) => ownerOfA.request(options), aWithIdsOfB), []);
    });

    it("an owner-role API token of workspace A gets 404 on every id-bearing route of B and on B's ids inside A", async () => {
      const send: Sender = (options) => t.app.inject(options);
      assert.deepEqual(await leaks(send, allOfB, bearer(tokenOfA)), []);
      assert.deepEqual(await leaks(send, aWithIdsOfB, bearer(tokenOfA)), []);
    });

    it("leaves workspace B's members, invitations, tokens and settings unchanged after every attempt", async () => {
      const services = t.composition.services;
      const snapshot = await snapshotTables(t);
      await leaks((options) => ownerOfA.request(options), allOfB);
      await leaks((options) => ownerOfA.request(options), aWithIdsOfB);
      await leaks((options) => t.app.inject(options), allOfB, bearer(tokenOfA));
      await leaks((options) => t.app.inject(options), aWithIdsOfB, bearer(tokenOfA));
      assert.deepEqual(await snapshotTables(t), snapshot);

      const members = await services.workspacesService.listMembers(b.id);
      assert.deepEqual(
        members.map((member) => [member.userId, member.role]).sort(),
        [
          [b.owner.id, 'owner'],
          [b.member.id, 'editor'],
        ].sort(),
      );
      assert.deepEqual(
        (await services.invitations.listPending(b.id)).map((invitation) => [invitation.id, invitation.role]),
        [[b.invitationId, 'analyst']],
      );
      const tokens = await services.apiTokens.list(actorIn(b.id, b.owner, 'owner'));
      assert.deepEqual(
        tokens.map((token) => [token.id, token.role, token.revokedAt]),
        [[b.tokenId, 'owner', null]],
      );
      assert.equal((await services.workspacesService.get(b.id)).name, 'Bravo');
      const stillWorks = await t.app.inject({ url: `/api/workspaces/${b.id}`, headers: bearer(b.token) });
      assert.equal(stillWorks.statusCode, 200, "B's own token still works");
    });
  });
}
