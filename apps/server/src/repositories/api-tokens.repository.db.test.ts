import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createApiTokensRepository, type ApiTokensRepository } from './api-tokens.repository.ts';
import { createUsersRepository } from './users.repository.ts';
import { createWorkspacesRepository } from './workspaces.repository.ts';

const now = new Date('2030-01-01T12:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let sequence = 0;

for (const kind of databaseKindsUnderTest()) {
  describe(`API tokens repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let apiTokens: ApiTokensRepository;
    let workspaceA: string;
    let workspaceB: string;
    let alice: string;
    let bob: string;
    const create = (workspaceId: string, userId: string, expiresAt: Date | null = null) => {
      sequence += 1;
      return apiTokens.insert({
        workspaceId,
        userId,
        name: `token ${sequence}`,
        role: 'editor',
        tokenHash: `hash-${sequence}`,
        prefix: `slg_${sequence}`,
        expiresAt,
      });
    };

    before(async () => {
      testDatabase = await createTestDatabase(kind);
      apiTokens = createApiTokensRepository(testDatabase.database.db);
      const workspaces = createWorkspacesRepository(testDatabase.database.db);
      workspaceA = (await workspaces.insert({ name: 'A', timeZone: 'Europe/Paris', locale: 'en' })).id;
      workspaceB = (await workspaces.insert({ name: 'B', timeZone: 'Europe/Paris', locale: 'en' })).id;
      const users = createUsersRepository(testDatabase.database.db);
      alice = (
        await users.insert({
          email: 'alice@example.com',
          name: 'Alice',
          passwordHash: 'x',
          locale: 'en',
          isInstanceAdmin: false,
        })
      ).id;
      bob = (
        await users.insert({
          email: 'bob@example.com',
          name: 'Bob',
          passwordHash: 'x',
          locale: 'en',
          isInstanceAdmin: false,
        })
      ).id;
    });
    after(() => testDatabase.dispose());

    it('returns the stored token with its owner e-mail, never its hash', async () => {
      const token = await create(workspaceA, alice, later(60));
      assert.deepEqual(
        [token.workspaceId, token.userId, token.ownerEmail, token.role, token.expiresAt, token.revokedAt],
        [workspaceA, alice, 'alice@example.com', 'editor', later(60), null],
      );
      assert.equal('tokenHash' in token || 'token_hash' in token, false);
    });

    it('finds a live token by hash, and not once expired or revoked', async () => {
      const expiring = await create(workspaceA, alice, later(10));
      const expiringHash = `hash-${sequence}`;
      assert.equal((await apiTokens.findLiveByHash(expiringHash, now))?.id, expiring.id);
      assert.equal(await apiTokens.findLiveByHash(expiringHash, later(10)), undefined, 'expired at its expiry instant');
      const forever = await create(workspaceA, alice, null);
      const foreverHash = `hash-${sequence}`;
      assert.equal((await apiTokens.findLiveByHash(foreverHash, later(10_000_000)))?.id, forever.id, 'no expiry');
      await apiTokens.revoke(workspaceA, forever.id, now);
      assert.equal(await apiTokens.findLiveByHash(foreverHash, now), undefined);
    });

    it('records when a token was last used', async () => {
      const token = await create(workspaceA, alice);
      await apiTokens.touch(token.id, later(5));
      assert.deepEqual((await apiTokens.findInWorkspace(workspaceA, token.id))?.lastUsedAt, later(5));
    });

    it("lists one workspace's tokens, optionally one member's, and never another workspace's", async () => {
      const workspaces = createWorkspacesRepository(testDatabase.database.db);
      const fresh = (await workspaces.insert({ name: 'Fresh', timeZone: 'Europe/Paris', locale: 'en' })).id;
      const alices = await create(fresh, alice);
      const bobs = await create(fresh, bob);
      await create(workspaceB, alice);
      assert.deepEqual((await apiTokens.list(fresh, {})).map((token) => token.id).sort(), [alices.id, bobs.id].sort());
      assert.deepEqual(
        (await apiTokens.list(fresh, { userId: bob })).map((token) => token.id),
        [bobs.id],
      );
    });

    it("neither finds nor revokes workspace A's token through workspace B", async () => {
      const token = await create(workspaceA, alice);
      assert.equal(await apiTokens.findInWorkspace(workspaceB, token.id), undefined);
      await apiTokens.revoke(workspaceB, token.id, now);
      assert.equal((await apiTokens.findInWorkspace(workspaceA, token.id))?.revokedAt, null);
    });

    it('keeps the first revocation time when revoked twice', async () => {
      const token = await create(workspaceA, alice);
      await apiTokens.revoke(workspaceA, token.id, now);
      await apiTokens.revoke(workspaceA, token.id, later(30));
      assert.deepEqual((await apiTokens.findInWorkspace(workspaceA, token.id))?.revokedAt, now);
    });

    it("revokes every token of one member in one workspace, and no one else's", async () => {
      const aliceInA = [await create(workspaceA, alice), await create(workspaceA, alice)];
      const aliceInB = await create(workspaceB, alice);
      const bobInA = await create(workspaceA, bob);
      await apiTokens.revokeAllForMember(workspaceA, alice, now);
      for (const token of aliceInA)
        assert.deepEqual((await apiTokens.findInWorkspace(workspaceA, token.id))?.revokedAt, now);
      assert.equal((await apiTokens.findInWorkspace(workspaceB, aliceInB.id))?.revokedAt, null);
      assert.equal((await apiTokens.findInWorkspace(workspaceA, bobInA.id))?.revokedAt, null);
    });
  });
}
