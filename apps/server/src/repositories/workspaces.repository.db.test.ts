import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createUsersRepository, type UsersRepository } from './users.repository.ts';
import { createWorkspacesRepository, type WorkspacesRepository } from './workspaces.repository.ts';

let sequence = 0;

for (const kind of databaseKindsUnderTest()) {
  describe(`workspaces repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let workspaces: WorkspacesRepository;
    let users: UsersRepository;
    const newWorkspace = (name: string) => workspaces.insert({ name, timeZone: 'Europe/Paris', locale: 'fr' });
    const newUser = async (name = 'User') => {
      sequence += 1;
      return (
        await users.insert({
          email: `member-${sequence}@example.com`,
          name,
          passwordHash: 'x',
          locale: 'en',
          isInstanceAdmin: false,
        })
      ).id;
    };

    before(async () => {
      testDatabase = await createTestDatabase(kind);
      workspaces = createWorkspacesRepository(testDatabase.database.db);
      users = createUsersRepository(testDatabase.database.db);
    });
    after(() => testDatabase.dispose());

    it('stores a workspace and finds it by id', async () => {
      const created = await newWorkspace('Maison');
      assert.deepEqual(
        [created.name, created.timeZone, created.locale, created.isDemo],
        ['Maison', 'Europe/Paris', 'fr', false],
      );
      assert.deepEqual(await workspaces.findById(created.id), created);
      assert.equal(await workspaces.findById('00000000-0000-4000-8000-000000000000'), undefined);
    });

    it('finds the demo workspace only once there is one', async () => {
      assert.equal(await workspaces.findDemo(), undefined);
      const demo = await workspaces.insert({ name: 'Demo', timeZone: 'Europe/Paris', locale: 'fr', isDemo: true });
      assert.equal((await workspaces.findDemo())?.id, demo.id);
    });

    it('updates only the fields given, of that workspace only', async () => {
      const target = await newWorkspace('Before');
      const bystander = await newWorkspace('Bystander');
      const renamed = await workspaces.update(target.id, { name: 'After' });
      assert.deepEqual([renamed.name, renamed.timeZone, renamed.locale], ['After', 'Europe/Paris', 'fr']);
      const moved = await workspaces.update(target.id, { timeZone: 'America/New_York', locale: 'en' });
      assert.deepEqual([moved.name, moved.timeZone, moved.locale], ['After', 'America/New_York', 'en']);
      assert.deepEqual(await workspaces.update(target.id, {}), moved);
      assert.equal((await workspaces.findById(bystander.id))?.name, 'Bystander');
    });

    it("lists a user's workspaces with their role, by name, and no workspace they are not in", async () => {
      const userId = await newUser();
      const zeta = await newWorkspace('Zeta');
      const alpha = await newWorkspace('Alpha');
      await newWorkspace('Not mine');
      await workspaces.addMember(zeta.id, userId, 'owner');
      await workspaces.addMember(alpha.id, userId, 'analyst');
      assert.deepEqual(
        (await workspaces.listForUser(userId)).map((workspace) => [workspace.name, workspace.role]),
        [
          ['Alpha', 'analyst'],
          ['Zeta', 'owner'],
        ],
      );
    });

    it('answers the membership of workspace A only, never a role held in workspace B', async () => {
      const userId = await newUser();
      const a = await newWorkspace('A');
      const b = await newWorkspace('B');
      await workspaces.addMember(a.id, userId, 'admin');
      assert.equal(await workspaces.findMembership(a.id, userId), 'admin');
      assert.equal(await workspaces.findMembership(b.id, userId), undefined);
      assert.equal(await workspaces.findMember(b.id, userId), undefined);
      assert.equal((await workspaces.findMember(a.id, userId))?.role, 'admin');
    });

    it('adds a member once, and a second add changes the role', async () => {
      const userId = await newUser();
      const workspace = await newWorkspace('Upsert');
      await workspaces.addMember(workspace.id, userId, 'editor');
      await workspaces.addMember(workspace.id, userId, 'strategist');
      const members = await workspaces.listMembers(workspace.id);
      assert.deepEqual(
        members.map((member) => [member.userId, member.role]),
        [[userId, 'strategist']],
      );
    });

    it('lists the members of one workspace by name, with no member of another', async () => {
      const a = await newWorkspace('Members A');
      const b = await newWorkspace('Members B');
      const bea = await newUser('Bea');
      const abe = await newUser('Abe');
      const outsider = await newUser('Outsider');
      await workspaces.addMember(a.id, bea, 'editor');
      await workspaces.addMember(a.id, abe, 'client');
      await workspaces.addMember(b.id, outsider, 'owner');
      const members = await workspaces.listMembers(a.id);
      assert.deepEqual(
        members.map((member) => [member.name, member.role]),
        [
          ['Abe', 'client'],
          ['Bea', 'editor'],
        ],
      );
      assert.ok(members.every((member) => member.joinedAt instanceof Date && member.email.endsWith('@example.com')));
    });

    it('changes a role and removes a member in the workspace named, leaving the same user elsewhere untouched', async () => {
      const userId = await newUser();
      const a = await newWorkspace('Scoped A');
      const b = await newWorkspace('Scoped B');
      await workspaces.addMember(a.id, userId, 'editor');
      await workspaces.addMember(b.id, userId, 'editor');
      await workspaces.setMemberRole(a.id, userId, 'admin');
      assert.deepEqual(
        [await workspaces.findMembership(a.id, userId), await workspaces.findMembership(b.id, userId)],
        ['admin', 'editor'],
      );
      await workspaces.removeMember(a.id, userId);
      assert.deepEqual(
        [await workspaces.findMembership(a.id, userId), await workspaces.findMembership(b.id, userId)],
        [undefined, 'editor'],
      );
    });

    it('counts the owners of one workspace only', async () => {
      const a = await newWorkspace('Owners A');
      const b = await newWorkspace('Owners B');
      const [first, second, third] = [await newUser(), await newUser(), await newUser()];
      await workspaces.addMember(a.id, first, 'owner');
      await workspaces.addMember(a.id, second, 'owner');
      await workspaces.addMember(a.id, third, 'admin');
      await workspaces.addMember(b.id, third, 'owner');
      const counts = await testDatabase.database.db.transaction().execute(async (trx) => {
        await workspaces.lockWorkspace(a.id, trx);
        return [await workspaces.countOwnersForUpdate(a.id, trx), await workspaces.countOwnersForUpdate(b.id, trx)];
      });
      assert.deepEqual(counts, [2, 1]);
    });

    it('removes the memberships with the workspace', async () => {
      const userId = await newUser();
      const workspace = await newWorkspace('Deleted');
      await workspaces.addMember(workspace.id, userId, 'owner');
      await testDatabase.database.db.deleteFrom('workspaces').where('id', '=', workspace.id).execute();
      assert.deepEqual(await workspaces.listForUser(userId), []);
    });
  });
}
