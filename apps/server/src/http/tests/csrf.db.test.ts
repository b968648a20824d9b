import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import type { RouteDefinition } from '../route.ts';
import {
  bearer,
  callRoute,
  createApiToken,
  errorCode,
  freshParams,
  routeKey,
  sampleBody,
  seedWorkspace,
  snapshotTables,
  type SeededWorkspace,
} from './fixtures.ts';

// Public routes are left out: set-up, login and invitation acceptance act on no session's authority
// (they authenticate by their own password or link secret), so CSRF is not their defence.
const sessionMutations = (routes: readonly RouteDefinition[]) =>
  routes.filter((route) => route.access.kind !== 'public' && !['GET', 'HEAD', 'OPTIONS'].includes(route.method));

/** The same token with its first character changed: same length, wrong value. */
const tamper = (token: string) => `${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}`;

for (const kind of databaseKindsUnderTest()) {
  describe(`CSRF on ${kind}`, () => {
    let t: TestApp;
    let w: SeededWorkspace;
    let owner: SignedInClient;

    before(async () => {
      t = await createTestApp(kind);
      // An instance administrator, so that every mutation (even creating a workspace) would succeed if CSRF let it through.
      w = await seedWorkspace(t, 'Brand', { ownerIsInstanceAdmin: true });
      owner = await t.signIn(w.owner.email);
    });
    after(() => t.close());

    const attacks: { name: string; headers: (client: SignedInClient) => Record<string, string> }[] = [
      { name: 'without x-csrf-token', headers: () => ({}) },
      {
        name: 'with a wrong x-csrf-token of the same length',
        headers: (client) => ({ 'x-csrf-token': tamper(client.csrfToken) }),
      },
      { name: 'with a short wrong x-csrf-token', headers: () => ({ 'x-csrf-token': 'nope' }) },
      {
        name: 'from a cross-site Origin without x-csrf-token',
        headers: () => ({
          origin: 'https://evil.example',
          referer: 'https://evil.example/page',
          'sec-fetch-site': 'cross-site',
        }),
      },
    ];

    it('covers every mutation a session can reach', () => {
      const covered = sessionMutations(t.composition.routes).map(routeKey);
      assert.ok(covered.length >= 8, `only ${covered.length} routes: ${covered.join(', ')}`);
      for (const method of ['POST', 'PATCH', 'DELETE'])
        assert.ok(
          covered.some((key) => key.startsWith(method)),
          `a ${method} route is covered`,
        );
    });

    it('refuses every cookie-authenticated mutation without a valid x-csrf-token with 403 csrf_failed, changing nothing', async () => {
      const failures: string[] = [];
      for (const route of sessionMutations(t.composition.routes)) {
        const values = await freshParams(t, route, w.id, { ...w.owner, role: 'owner' });
        const before = await snapshotTables(t);
        for (const attack of attacks) {
          const response = await callRoute(
            (options) => owner.request({ ...options, withCsrf: false }),
            route,
            values,
            sampleBody(route, { role: 'owner' }),
            attack.headers(owner),
          );
          if (response.statusCode !== 403 || errorCode(response) !== 'csrf_failed') {
            failures.push(`${routeKey(route)} ${attack.name} → ${response.statusCode} ${response.body.slice(0, 160)}`);
          }
        }
        try {
          assert.deepEqual(await snapshotTables(t), before);
        } catch {
          failures.push(`${routeKey(route)} changed the database`);
        }
      }
      assert.deepEqual(failures, []);
      assert.equal(
        (await owner.request({ url: '/api/session' })).statusCode,
        200,
        'the session survived (logout and password change were refused)',
      );
    });

    it('lets the same session mutate when it sends its x-csrf-token (the refusals above were about CSRF)', async () => {
      const response = await owner.request({ method: 'PATCH', url: '/api/me', payload: { name: 'Owner renamed' } });
      assert.equal(response.statusCode, 200, response.body);
    });

    it('needs no CSRF token for a Bearer-token mutation', async () => {
      const { token } = await createApiToken(owner, w.id, 'owner');
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/workspaces/${w.id}`,
        headers: bearer(token),
        payload: { name: 'Renamed by token' },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal((await t.composition.services.workspacesService.get(w.id)).name, 'Renamed by token');
    });
  });
}
