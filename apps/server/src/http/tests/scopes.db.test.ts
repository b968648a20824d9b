import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import { createMetricsRepository } from '../../analytics/metrics.repository.ts';
import { scopePolicies } from '../../scopes/scope-policy.ts';
import type { RouteDefinition } from '../route.ts';
import {
  actorIn,
  callRoute,
  connectFakeChannel,
  errorCode,
  freshParams,
  pathParams,
  routeKey,
  sampleBody,
  unique,
} from './fixtures.ts';

/** Path params that name channel-linked objects: the ones a scope decides about. */
const scopedParams = ['channelId', 'postId', 'itemId', 'clientId'];

for (const kind of databaseKindsUnderTest()) {
  describe(`client and channel scopes on ${kind}`, () => {
    let t: TestApp;
    let workspaceId: string;
    let owner: { id: string; email: string };
    let clientA: string;
    let clientB: string;
    let scopedAdmin: { id: string; email: string };
    let scopedEditor: { id: string; email: string };
    let unscopedAdmin: { id: string; email: string };
    let asScopedAdmin: SignedInClient;
    let asScopedEditor: SignedInClient;
    let asUnscopedAdmin: SignedInClient;
    /** Client B's objects, by path param. */
    let bSide: Record<string, string>;
    /** A post aimed at a channel of A and a channel of B: seen only by members who see both. */
    let sharedPostId: string;
    let aSide: { channelId: string; postId: string; itemId: string };
    /** Strings that only client B's data contains: none may appear in a scoped member's answers. */
    let markersOfB: string[];
    /** A calendar feed link the editor made before being scoped. */
    let feedPath: string;

    const workspaceRoutes = () => t.composition.routes.filter((route) => route.access.kind === 'workspace');
    const policyOf = (route: RouteDefinition) => scopePolicies[routeKey(route)];

    async function inboxItemOn(channel: { id: string; network: string }, text: string) {
      const [id] = await t.composition.services.inbox.repository.insertItems(
        { id: channel.id, workspaceId, network: channel.network },
        [
          {
            networkItemId: `item-${unique()}`,
            kind: 'mention',
            threadKey: `thread-${unique()}`,
            author: { networkId: 'author-1', name: 'Author' },
            text,
            createdAt: new Date(),
            lang: 'fr',
            sentiment: 'neutral',
            sentimentScore: 0,
          },
        ],
        new Date(),
      );
      return id!;
    }

    /** Every channel without a client goes to client A: fresh route targets are then inside A's scope. */
    const unassignedToA = () =>
      sql`update channels set client_id = ${clientA} where workspace_id = ${workspaceId} and client_id is null`.execute(
        t.testDatabase.database.db,
      );

    before(async () => {
      t = await createTestApp(kind);
      const services = t.composition.services;
      workspaceId = (await t.createWorkspace('Agency')).id;
      const tag = unique();
      owner = await t.createUser({ email: `owner-${tag}@example.com`, workspaceId, role: 'owner' });
      scopedAdmin = await t.createUser({ email: `scoped-admin-${tag}@example.com`, workspaceId, role: 'admin' });
      scopedEditor = await t.createUser({ email: `scoped-editor-${tag}@example.com`, workspaceId, role: 'editor' });
      unscopedAdmin = await t.createUser({ email: `admin-${tag}@example.com`, workspaceId, role: 'admin' });
      const asOwner = actorIn(workspaceId, owner, 'owner');

      clientA = (await services.scopes.createClient(asOwner, { name: 'Client Alpha' })).id;
      clientB = (await services.scopes.createClient(asOwner, { name: `Bravo ${tag}` })).id;
      const channelA = await connectFakeChannel(t, asOwner);
      const channelB = await connectFakeChannel(t, asOwner);
      await services.scopes.assignChannel(asOwner, channelA.id, clientA);
      await services.scopes.assignChannel(asOwner, channelB.id, clientB);
      const posts = services.publishing.posts;
      const postA = await posts.create(asOwner, { text: `Alpha post ${tag}`, channelIds: [channelA.id] });
      const postB = await posts.create(asOwner, { text: `Bravo secret post ${tag}`, channelIds: [channelB.id] });
      const shared = await posts.create(asOwner, {
        text: `Shared secret post ${tag}`,
        channelIds: [channelA.id, channelB.id],
      });
      sharedPostId = shared.id;
      const itemB = await inboxItemOn(channelB, `Bravo secret mention ${tag}`);
      aSide = {
        channelId: channelA.id,
        postId: postA.id,
        itemId: await inboxItemOn(channelA, `Alpha mention ${tag}`),
      };
      bSide = { channelId: channelB.id, postId: postB.id, itemId: itemB, clientId: clientB };
      markersOfB = [
        channelB.id,
        channelB.networkAccountId,
        ...(channelB.displayName === channelA.displayName ? [] : [channelB.displayName]),
        postB.id,
        `Bravo secret post ${tag}`,
        shared.id,
        `Shared secret post ${tag}`,
        itemB,
        `Bravo secret mention ${tag}`,
        clientB,
        `Bravo ${tag}`,
      ];

      // Figures of A's and B's own publications yesterday: the analytics overview must show A's and hide B's.
      const yesterday = new Date(Date.now() - 86_400_000);
      const publications = await t.testDatabase.database.db
        .selectFrom('publications')
        .select(['id', 'channel_id as channelId'])
        .where('post_id', 'in', [postA.id, postB.id])
        .execute();
      await createMetricsRepository(t.testDatabase.database.db).record(
        workspaceId,
        publications.map((publication) => ({
          channelId: publication.channelId,
          publicationId: publication.id,
          metric: 'impressions' as const,
          granularity: 'day' as const,
          bucketStart: new Date(Date.UTC(yesterday.getUTCFullYear(), yesterday.getUTCMonth(), yesterday.getUTCDate())),
          value: 1200,
          delivery: 'organic' as const,
          source: 'test',
          collectedAt: new Date(),
        })),
      );
      assert.ok(
        markersOfB.every((marker) => typeof marker === 'string' && marker.length > 8),
        'every marker is a distinctive string',
      );
      const feed = await services.publishing.posts.calendar.feed.renew(actorIn(workspaceId, scopedEditor, 'editor'));
      feedPath = feed.path;
      assert.equal((await t.app.inject({ url: feedPath })).statusCode, 200, 'the feed works before scoping');
      for (const member of [scopedAdmin, scopedEditor])
        await services.scopes.setMemberScope(asOwner, member.id, {
          scoped: true,
          clientIds: [clientA],
          channelIds: [],
        });
      asScopedAdmin = await t.signIn(scopedAdmin.email);
      asScopedEditor = await t.signIn(scopedEditor.email);
      asUnscopedAdmin = await t.signIn(unscopedAdmin.email);
    });
    after(() => t.close());

    it('lists every workspace route in the scope policy, and nothing else', () => {
      const keys = workspaceRoutes().map(routeKey);
      assert.deepEqual(
        keys.filter((key) => !(key in scopePolicies)),
        [],
        'add these routes to scopes/scope-policy.ts: guarded, filtered, neutral (with a reason) or unscoped',
      );
      assert.deepEqual(
        Object.keys(scopePolicies).filter((key) => !keys.includes(key)),
        [],
        'these policies name no route',
      );
      for (const route of workspaceRoutes()) {
        const names = pathParams(route.url).filter((name) => scopedParams.includes(name));
        if (names.length > 0)
          assert.notEqual(
            policyOf(route)?.kind,
            'neutral',
            `${routeKey(route)} names ${names.join(', ')} but is neutral`,
          );
      }
    });

    const containsB = (response: LightMyRequestResponse) =>
      markersOfB.filter((marker) => response.body.includes(marker));

    for (const [label, caller] of [
      ['admin', () => asScopedAdmin],
      ['editor', () => asScopedEditor],
    ] as const) {
      it(`a ${label} scoped to client A gets 404 (or 403) on every route naming client B's objects`, async () => {
        const wrong: string[] = [];
        let called = 0;
        for (const route of workspaceRoutes()) {
          const names = pathParams(route.url);
          for (const variant of [bSide, { ...bSide, postId: sharedPostId }]) {
            if (!names.some((name) => name in variant)) continue;
            if (variant.postId === sharedPostId && !names.includes('postId')) continue;
            const values = Object.fromEntries(
              await Promise.all(
                names.map(async (name) => [
                  name,
                  name === 'workspaceId'
                    ? workspaceId
                    : (variant[name] ?? (await freshParams(t, route, workspaceId, { ...owner, role: 'owner' }))[name]!),
                ]),
              ),
            );
            await unassignedToA();
            called += 1;
            const response = await callRoute(
              (options) => caller().request(options),
              route,
              values,
              sampleBody(route, { role: label === 'admin' ? 'admin' : 'editor' }),
            );
            const refused =
              (response.statusCode === 404 && errorCode(response) === 'not_found') ||
              (response.statusCode === 403 && ['forbidden', 'out_of_scope'].includes(errorCode(response) ?? ''));
            if (!refused || containsB(response).length > 0)
              wrong.push(`${routeKey(route)} → ${response.statusCode} ${response.body.slice(0, 160)}`);
          }
        }
        assert.ok(called > 20, `${called} calls`);
        assert.deepEqual(wrong, []);
      });

      it(`a ${label} scoped to client A cannot aim a post or a filter at client B's channel`, async () => {
        for (const url of [`/api/workspaces/${workspaceId}/posts`, `/api/workspaces/${workspaceId}/posts/validate`]) {
          const response = await caller().request({
            method: 'POST',
            url,
            payload: { text: 'Hello', channelIds: [aSide.channelId, bSide.channelId!] },
          });
          assert.equal(response.statusCode, 404, `${url}: ${response.body}`);
          assert.equal(errorCode(response), 'not_found');
        }
        const filtered = await caller().request({
          url: `/api/workspaces/${workspaceId}/inbox/items?channelId=${bSide.channelId}`,
        });
        assert.equal(filtered.statusCode, 404, filtered.body);
      });
    }

    it('a scoped admin gives only parts of their own scope, and never the whole workspace', async () => {
      const target = await t.createUser({ email: `target-${unique()}@example.com`, workspaceId, role: 'editor' });
      const url = `/api/workspaces/${workspaceId}/members/${target.id}/scope`;
      const unscopedTarget = await asScopedAdmin.request({
        method: 'PUT',
        url,
        payload: { scoped: true, clientIds: [clientA] },
      });
      assert.equal(unscopedTarget.statusCode, 404, 'a member who sees more than the caller is out of reach');
      await t.composition.services.scopes.setMemberScope(actorIn(workspaceId, owner, 'owner'), target.id, {
        scoped: true,
        clientIds: [],
        channelIds: [aSide.channelId],
      });
      const toB = await asScopedAdmin.request({ method: 'PUT', url, payload: { scoped: true, clientIds: [clientB] } });
      assert.equal(toB.statusCode, 404, toB.body);
      const whole = await asScopedAdmin.request({ method: 'PUT', url, payload: { scoped: false } });
      assert.equal(whole.statusCode, 403, whole.body);
      const toA = await asScopedAdmin.request({ method: 'PUT', url, payload: { scoped: true, clientIds: [clientA] } });
      assert.equal(toA.statusCode, 200, toA.body);
      assert.deepEqual(toA.json<{ clientIds: string[] }>().clientIds, [clientA]);
    });

    it("revokes a member's calendar feed link when they are scoped (it shows the whole workspace)", async () => {
      const response = await t.app.inject({ url: feedPath });
      assert.equal(response.statusCode, 404, response.body);
    });

    it('records clients, channel moves and scope changes in the audit trail', async () => {
      const rows = await t.testDatabase.database.db
        .selectFrom('audit_log')
        .select(['action', 'target_id as targetId', 'details'])
        .where('workspace_id', '=', workspaceId)
        .where('action', 'in', ['client.created', 'channel.client_changed', 'member.scope_changed'])
        .execute();
      const has = (action: string, targetId: string) =>
        rows.some((row) => row.action === action && row.targetId === targetId);
      assert.ok(has('client.created', clientA) && has('client.created', clientB));
      assert.ok(has('channel.client_changed', aSide.channelId) && has('channel.client_changed', bSide.channelId!));
      const scoped = rows.find((row) => row.action === 'member.scope_changed' && row.targetId === scopedEditor.id);
      assert.deepEqual(scoped?.details, {
        from: 'workspace',
        to: { clientIds: [clientA], channelIds: [] },
      });
    });

    it("a scoped member's lists hold client A's objects and nothing of client B", async () => {
      const get = async (path: string) => {
        const response = await asScopedAdmin.request({ url: `/api/workspaces/${workspaceId}${path}` });
        assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
        assert.deepEqual(containsB(response), [], path);
        return response.body;
      };
      assert.ok((await get('/channels')).includes(aSide.channelId));
      assert.ok((await get('/posts')).includes(aSide.postId));
      assert.ok((await get('/inbox/items')).includes(aSide.itemId));
      assert.ok((await get('/clients')).includes(clientA));
      assert.ok((await get('/analytics/overview')).includes(aSide.channelId));
      assert.ok((await get('/analytics/export?table=channels')).includes(aSide.channelId));
      const unscoped = await asUnscopedAdmin.request({ url: `/api/workspaces/${workspaceId}/posts` });
      assert.ok(unscoped.body.includes(sharedPostId) && unscoped.body.includes(bSide.postId!), 'unscoped sees all');
      const overview = await asUnscopedAdmin.request({ url: `/api/workspaces/${workspaceId}/analytics/overview` });
      assert.ok(overview.body.includes(bSide.channelId!), "unscoped members see B's figures");
    });

    it('with client A’s objects every route answers a scoped admin as it answers an unscoped admin', async () => {
      const different: string[] = [];
      const leaked: string[] = [];
      const unsampled: string[] = [];
      for (const route of workspaceRoutes()) {
        const policy = policyOf(route);
        let body: unknown;
        let scopedValues: Record<string, string>;
        let unscopedValues: Record<string, string>;
        try {
          // A route the fixtures cannot feed yet is reported below, after every other route was checked.
          body = sampleBody(route, { role: 'admin' });
          scopedValues = await freshParams(t, route, workspaceId, { ...scopedAdmin, role: 'admin' });
          unscopedValues = await freshParams(t, route, workspaceId, { ...unscopedAdmin, role: 'admin' });
        } catch (error) {
          unsampled.push(String(error));
          continue;
        }
        if (route.url.endsWith('/members/:userId/scope'))
          // A scoped admin reaches only members inside their own scope, and keeps them scoped.
          await t.composition.services.scopes.setMemberScope(
            actorIn(workspaceId, owner, 'owner'),
            scopedValues.userId!,
            { scoped: true, clientIds: [clientA], channelIds: [] },
          );
        await unassignedToA();
        const scoped = await callRoute(
          (options) => asScopedAdmin.request(options),
          route,
          scopedValues,
          route.url.endsWith('/members/:userId/scope') ? { scoped: true, clientIds: [clientA] } : body,
        );
        leaked.push(...containsB(scoped).map((marker) => `${routeKey(route)} shows ${marker}`));
        if (policy?.kind === 'unscoped') {
          if (scoped.statusCode !== 403 || errorCode(scoped) !== 'out_of_scope')
            different.push(`${routeKey(route)}: expected 403 out_of_scope, got ${scoped.statusCode}`);
          continue;
        }
        const unscoped = await callRoute(
          (options) => asUnscopedAdmin.request(options),
          route,
          unscopedValues,
          sampleBody(route, { role: 'admin' }),
        );
        // Both succeed (a repeated save may answer 200 where a first one answered 201), or both fail alike.
        const succeeded = (status: number) => status >= 200 && status < 300;
        if (
          scoped.statusCode !== unscoped.statusCode &&
          !(succeeded(scoped.statusCode) && succeeded(unscoped.statusCode))
        )
          different.push(
            `${routeKey(route)}: scoped ${scoped.statusCode} ${scoped.body.slice(0, 120)} / unscoped ${unscoped.statusCode}`,
          );
      }
      assert.deepEqual(leaked, []);
      assert.deepEqual(different, []);
      assert.deepEqual(unsampled, []);
    });

    it("leaves client B's channels, posts, publications, inbox items and client unchanged", async () => {
      const db = t.testDatabase.database.db;
      const snapshot = async () => ({
        channels: (await sql`select * from channels where id = ${bSide.channelId} order by id`.execute(db)).rows,
        posts: (await sql`select * from posts where id in (${bSide.postId}, ${sharedPostId}) order by id`.execute(db))
          .rows,
        publications: (
          await sql`select * from publications where post_id in (${bSide.postId}, ${sharedPostId}) order by id`.execute(
            db,
          )
        ).rows,
        items: (await sql`select * from inbox_items where id = ${bSide.itemId}`.execute(db)).rows,
        client: (await sql`select * from clients where id = ${clientB}`.execute(db)).rows,
      });
      const before = await snapshot();
      for (const route of workspaceRoutes()) {
        if (route.method === 'GET' || !pathParams(route.url).some((name) => name in bSide)) continue;
        const values = { ...bSide, workspaceId };
        if (pathParams(route.url).some((name) => !(name in values))) continue;
        await callRoute(
          (options) => asScopedAdmin.request(options),
          route,
          values,
          sampleBody(route, { role: 'admin' }),
        );
      }
      assert.deepEqual(await snapshot(), before);
    });
  });
}
