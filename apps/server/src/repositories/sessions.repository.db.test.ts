import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, databaseKindsUnderTest, type TestDatabase } from '../testing/test-database.ts';
import { createSessionsRepository, type SessionsRepository } from './sessions.repository.ts';
import { createUsersRepository } from './users.repository.ts';

const at = (time: string) => new Date(`2030-01-01T${time}Z`);
let sequence = 0;

for (const kind of databaseKindsUnderTest()) {
  describe(`sessions repository on ${kind}`, () => {
    let testDatabase: TestDatabase;
    let sessions: SessionsRepository;
    let newUserId: () => Promise<string>;
    const newSession = (userId: string, expiresAt: Date, userAgent?: string) => ({
      idHash: `hash-${(sequence += 1)}`,
      userId,
      csrfToken: `csrf-${sequence}`,
      expiresAt,
      ip: '127.0.0.1',
      userAgent,
    });

    before(async () => {
      testDatabase = await createTestDatabase(kind);
      sessions = createSessionsRepository(testDatabase.database.db);
      const users = createUsersRepository(testDatabase.database.db);
      newUserId = async () =>
        (
          await users.insert({
            email: `user-${(sequence += 1)}@example.com`,
            name: 'User',
            passwordHash: 'x',
            locale: 'en',
            isInstanceAdmin: false,
          })
        ).id;
    });
    after(() => testDatabase.dispose());

    it('finds a session by its hash while it has not expired', async () => {
      const userId = await newUserId();
      const session = newSession(userId, at('12:00:00'));
      await sessions.insert(session);
      const found = await sessions.findLive(session.idHash, at('11:59:59'));
      assert.deepEqual(
        [found?.userId, found?.csrfToken, found?.expiresAt],
        [userId, session.csrfToken, at('12:00:00')],
      );
      assert.equal(await sessions.findLive(session.idHash, at('12:00:00')), undefined, 'expired at its expiry instant');
      assert.equal(await sessions.findLive('unknown-hash', at('00:00:00')), undefined);
    });

    it('keeps at most 300 characters of the user agent', async () => {
      const session = newSession(await newUserId(), at('12:00:00'), 'x'.repeat(1_000));
      await sessions.insert(session);
      const { user_agent } = await testDatabase.database.db
        .selectFrom('sessions')
        .select('user_agent')
        .where('id_hash', '=', session.idHash)
        .executeTakeFirstOrThrow();
      assert.equal(user_agent?.length, 300);
    });

    it('slides the expiry and the last-seen time when touched', async () => {
      const session = newSession(await newUserId(), at('12:00:00'));
      await sessions.insert(session);
      await sessions.touch(session.idHash, at('11:30:00'), at('18:00:00'));
      const found = await sessions.findLive(session.idHash, at('15:00:00'));
      assert.deepEqual([found?.lastSeenAt, found?.expiresAt], [at('11:30:00'), at('18:00:00')]);
    });

    it('deletes one session, or every session of one user and no one else', async () => {
      const userId = await newUserId();
      const otherUserId = await newUserId();
      const [first, second, third] = [
        newSession(userId, at('23:00:00')),
        newSession(userId, at('23:00:00')),
        newSession(userId, at('23:00:00')),
      ];
      const others = newSession(otherUserId, at('23:00:00'));
      for (const session of [first, second, third, others]) await sessions.insert(session);
      await sessions.delete(first.idHash);
      assert.equal(await sessions.findLive(first.idHash, at('00:00:00')), undefined);
      assert.ok(await sessions.findLive(second.idHash, at('00:00:00')));
      await sessions.deleteAllForUser(userId);
      assert.equal(await sessions.findLive(second.idHash, at('00:00:00')), undefined);
      assert.equal(await sessions.findLive(third.idHash, at('00:00:00')), undefined);
      assert.ok(await sessions.findLive(others.idHash, at('00:00:00')), "another user's session stays");
    });

    it('deletes the expired sessions only and says how many', async () => {
      const userId = await newUserId();
      await testDatabase.database.db.deleteFrom('sessions').execute();
      const live = newSession(userId, new Date('2031-01-01T00:00:00Z'));
      await sessions.insert(newSession(userId, new Date('2029-01-01T00:00:00Z')));
      await sessions.insert(newSession(userId, new Date('2029-06-01T00:00:00Z')));
      await sessions.insert(live);
      assert.equal(await sessions.deleteExpired(new Date('2030-01-01T00:00:00Z')), 2);
      assert.ok(await sessions.findLive(live.idHash, new Date('2030-01-01T00:00:00Z')));
      assert.equal(await sessions.deleteExpired(new Date('2030-01-01T00:00:00Z')), 0);
    });
  });
}
