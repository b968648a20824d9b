import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { can, permissionMatrix, permissions, roles, type Permission, type Role } from '@sillage/domain';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SignedInClient, type TestApp } from '../../testing/test-app.ts';
import { databaseKindsUnderTest } from '../../testing/test-database.ts';
import type { RouteDefinition } from '../route.ts';
import {
  actorIn,
  bearer,
  callRoute,
  errorCode,
  freshParams,
  routeKey,
  sampleBody,
  seedWorkspace,
  unique,
  type SeededWorkspace,
} from './fixtures.ts';

type Caller = {
  id: string;
  email: string;
  role: Role;
  /** A custom role's permissions, when the caller holds one; otherwise the built-in role's. */
  permissions?: readonly Permission[];
  send: (options: InjectOptions) => Promise<LightMyRequestResponse>;
};

const permissionOf = (route: RouteDefinition) => {
  if (route.access.kind !== 'workspace') throw new Error(`${routeKey(route)} is not a workspace route`);
  return route.access.permission;
};

for (const kind of databaseKindsUnderTest()) {
  describe(`permissions on ${kind}`, () => {
    let t: TestApp;
    let w: SeededWorkspace;
    let workspaceRoutes: RouteDefinition[];
    const sessions = new Map<Role, { user: { id: string; email: string }; client: SignedInClient }>();

    before(async () => {
      t = await createTestApp(kind);
      w = await seedWorkspace(t, 'Matrix');
      workspaceRoutes = t.composition.routes.filter((route) => route.access.kind === 'workspace');
      for (const role of roles) {
        const user = await t.createUser({
          email: `${role.replace(/_/g, '-')}-${unique()}@example.com`,
          workspaceId: w.id,
          role,
        });
        sessions.set(role, { user, client: await t.signIn(user.email) });
      }
    });
    after(() => t.close());

    /** Calls every workspace route once as `caller` with real, fresh resources of the workspace; lists answers that break the matrix. */
    async function matrixViolations(caller: Caller): Promise<string[]> {
      const violations: string[] = [];
      for (const route of workspaceRoutes) {
        const values = await freshParams(t, route, w.id, caller);
        const response = await callRoute(
          caller.send,
          route,
          values,
          sampleBody(route, { role: caller.role, ...(caller.permissions ? { permissions: caller.permissions } : {}) }),
        );
        const allowed = caller.permissions
          ? caller.permissions.includes(permissionOf(route))
          : can(caller.role, permissionOf(route));
        const ok = allowed
          ? response.statusCode >= 200 && response.statusCode < 300
          : response.statusCode === 403 && errorCode(response) === 'forbidden';
        if (!ok)
          violations.push(
            `${caller.permissions ? 'custom' : caller.role} ${routeKey(route)} (${permissionOf(route)}: ${allowed ? 'allowed' : 'denied'}) → ${response.statusCode} ${response.body.slice(0, 160)}`,
          );
      }
      return violations;
    }

    it('generates the cases from every workspace route', () => {
      assert.ok(workspaceRoutes.length >= 10, `only ${workspaceRoutes.length} workspace routes`);
      const permissionsUsed = new Set(workspaceRoutes.map(permissionOf));
      assert.ok(
        roles.every((role) => [...permissionsUsed].some((permission) => can(role, permission))),
        'every role is allowed something',
      );
      assert.ok(
        roles.some((role) => [...permissionsUsed].some((permission) => !can(role, permission))),
        'some role is denied something',
      );
    });

    for (const role of roles) {
      it(`a member with the role ${role} gets exactly the permissions of the matrix, no more (403 iff not allowed)`, async () => {
        const { user, client } = sessions.get(role)!;
        assert.deepEqual(await matrixViolations({ ...user, role, send: (options) => client.request(options) }), []);
      });
    }

    for (const role of roles) {
      it(`an owner's API token with the role ${role} gets exactly that role's permissions`, async () => {
        const { token } = await t.composition.services.apiTokens.create(actorIn(w.id, w.owner, 'owner'), {
          name: `as ${role}`,
          role,
          expiresInDays: 30,
        });
        const send = (options: InjectOptions) =>
          t.app.inject({ ...options, headers: { ...options.headers, ...bearer(token) } });
        assert.deepEqual(await matrixViolations({ ...w.owner, role, send }), []);
      });
    }

    // Two complementary custom roles (every other permission of the matrix each, built on admin): every route's
    // permission is granted by one and denied by the other, so each route is proven both ways.
    const halves: readonly (readonly Permission[])[] = [
      permissions.filter((_, index) => index % 2 === 0),
      permissions.filter((_, index) => index % 2 === 1),
    ];
    for (const [index, granted] of halves.entries()) {
      it(`a member holding custom role #${index + 1} (${granted.length} permissions) gets exactly those, on every route`, async () => {
        const owner = actorIn(w.id, w.owner, 'owner');
        const role = await t.composition.services.customRoles.create(owner, {
          name: `Half ${index + 1} ${unique()}`,
          baseRole: 'admin',
          permissions: granted,
        });
        const user = await t.createUser({ email: `custom-${unique()}@example.com`, workspaceId: w.id, role: 'admin' });
        await t.composition.services.customRoles.assign(owner, user.id, role.id);
        const client = await t.signIn(user.email);
        assert.deepEqual(
          await matrixViolations({
            ...user,
            role: 'admin',
            permissions: granted,
            send: (options) => client.request(options),
          }),
          [],
        );
        const me = await client.request({ url: `/api/workspaces/${w.id}/me` });
        if (granted.includes('workspace.read')) {
          const access = me.json<{ customRole: { id: string } | null; permissions: string[] }>();
          assert.equal(access.customRole?.id, role.id);
          assert.deepEqual([...access.permissions].sort(), [...granted].sort());
        } else assert.equal(me.statusCode, 403);
      });
    }

    it('a custom role never grants more than its creator holds, and changing it changes its holders at once', async () => {
      const owner = actorIn(w.id, w.owner, 'owner');
      const { user, client } = sessions.get('strategist')!;
      const strategist = { ...actorIn(w.id, user, 'strategist'), permissions: permissionMatrix.strategist };
      await assert.rejects(
        t.composition.services.customRoles.create(strategist, {
          name: `Escalation ${unique()}`,
          baseRole: 'client',
          permissions: ['workspace.read', 'members.manage'],
        }),
        (error: Error & { status?: number }) => error.status === 403 && /members\.manage/.test(error.message),
      );
      const target = await t.createUser({
        email: `narrowed-${unique()}@example.com`,
        workspaceId: w.id,
        role: 'editor',
      });
      const role = await t.composition.services.customRoles.create(owner, {
        name: `Reader ${unique()}`,
        baseRole: 'editor',
        permissions: ['workspace.read', 'audit.read'],
      });
      await t.composition.services.customRoles.assign(owner, target.id, role.id);
      const targetClient = await t.signIn(target.email);
      const auditLog = `/api/workspaces/${w.id}/audit-log`;
      assert.equal((await targetClient.request({ url: auditLog })).statusCode, 200);
      await t.composition.services.customRoles.update(owner, role.id, {
        name: role.name,
        baseRole: 'editor',
        permissions: ['workspace.read'],
      });
      assert.equal((await targetClient.request({ url: auditLog })).statusCode, 403);
      await assert.rejects(
        t.composition.services.customRoles.remove(owner, role.id),
        (error: Error & { status?: number }) => error.status === 409,
      );
      void client;
    });

    it("a token acts with the lesser of its role and its creator's current role", async () => {
      const user = await t.createUser({ email: `demoted-${unique()}@example.com`, workspaceId: w.id, role: 'admin' });
      const { token } = await t.composition.services.apiTokens.create(actorIn(w.id, user, 'admin'), {
        name: 'admin token',
        role: 'admin',
        expiresInDays: 30,
      });
      const auditLog = `/api/workspaces/${w.id}/audit-log`;
      assert.equal((await t.app.inject({ url: auditLog, headers: bearer(token) })).statusCode, 200);
      await t.composition.services.workspaces.setMemberRole(w.id, user.id, 'analyst');
      assert.equal((await t.app.inject({ url: auditLog, headers: bearer(token) })).statusCode, 403);
    });

    it("GET /api/workspaces/:id/me lists exactly the matrix's permissions for each role", async () => {
      for (const role of roles) {
        const response = await sessions.get(role)!.client.request({ url: `/api/workspaces/${w.id}/me` });
        assert.equal(response.statusCode, 200, response.body);
        const access = response.json<{ workspaceId: string; role: Role; permissions: string[] }>();
        assert.equal(access.workspaceId, w.id);
        assert.equal(access.role, role);
        assert.deepEqual([...access.permissions].sort(), [...permissionMatrix[role]].sort(), role);
      }
    });

    it('GET /api/roles returns the matrix: every role, in order, with its permissions', async () => {
      const response = await sessions.get('client')!.client.request({ url: '/api/roles' });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<{ roles: { role: Role; permissions: string[] }[] }>();
      assert.deepEqual(
        body.roles.map((entry) => entry.role),
        [...roles],
      );
      for (const entry of body.roles)
        assert.deepEqual([...entry.permissions].sort(), [...permissionMatrix[entry.role]].sort(), entry.role);
    });
  });
}
