import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createUsersRepository, type UsersRepository } from './users.repository.ts';

const newUser = (email: string) => ({
  email,
  name: email.split('@')[0]!,
  passwordHash: 'hash-1',
  locale: 'en' as const,
  isInstanceAdmin: false,
});

for (const kind of databaseKindsUnderTest()) {
  describe(`users repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let users: UsersRepository;
    before(async () => {
      testDatabase = await createTestDatabase(kind);
      users = createUsersRepository(testDatabase.database.db);
    });
    after(() => testDatabase.dispose());

    it('stores the e-mail in lower case and finds it whatever the case asked', async () => {
      const created = await users.insert(newUser('Mixed.Case@Example.COM'));
      assert.equal(created.email, 'mixed.case@example.com');
      assert.equal(created.isInstanceAdmin, false);
      assert.ok(created.createdAt instanceof Date);
      assert.equal((await users.findByEmail('MIXED.case@example.com'))?.id, created.id);
      assert.equal((await users.findById(created.id))?.email, 'mixed.case@example.com');
    });

    it('finds nobody for an unknown e-mail or id', async () => {
      assert.equal(await users.findByEmail('nobody@example.com'), undefined);
      assert.equal(await users.findById('00000000-0000-4000-8000-000000000000'), undefined);
    });

    it('refuses a second account with the same e-mail in another case', async () => {
      await users.insert(newUser('twice@example.com'));
      await assert.rejects(users.insert(newUser('TWICE@example.com')), /unique|duplicate/i);
    });

    it('counts every user', async () => {
      const before = await users.count();
      await users.insert(newUser('counted@example.com'));
      assert.equal(await users.count(), before + 1);
    });

    it('changes the password hash of that user only', async () => {
      const target = await users.insert(newUser('change-pw@example.com'));
      const bystander = await users.insert(newUser('keep-pw@example.com'));
      await users.updatePassword(target.id, 'hash-2');
      assert.equal((await users.findById(target.id))?.passwordHash, 'hash-2');
      assert.equal((await users.findById(bystander.id))?.passwordHash, 'hash-1');
    });

    it('updates only the profile fields given, and returns the user unchanged when none are', async () => {
      const user = await users.insert(newUser('profile@example.com'));
      const renamed = await users.updateProfile(user.id, { name: 'New Name' });
      assert.equal(renamed.name, 'New Name');
      assert.equal(renamed.locale, 'en');
      const french = await users.updateProfile(user.id, { locale: 'fr' });
      assert.deepEqual([french.name, french.locale], ['New Name', 'fr']);
      const unchanged = await users.updateProfile(user.id, {});
      assert.deepEqual([unchanged.name, unchanged.locale], ['New Name', 'fr']);
    });

    it('sees an insert made in a transaction only once the transaction commits', async () => {
      await assert.rejects(
        testDatabase.database.db.transaction().execute(async (trx) => {
          await users.insert(newUser('rolled-back@example.com'), trx);
          assert.ok(await users.findByEmail('rolled-back@example.com', trx));
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal(await users.findByEmail('rolled-back@example.com'), undefined);
    });
  });
}
