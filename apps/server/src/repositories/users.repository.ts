import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type UserRecord = {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  locale: 'fr' | 'en';
  isInstanceAdmin: boolean;
  createdAt: Date;
};

export function createUsersRepository(db: Executor) {
  const columns = [
    'id',
    'email',
    'name',
    'password_hash as passwordHash',
    'locale',
    'is_instance_admin as isInstanceAdmin',
    'created_at as createdAt',
  ] as const;
  return {
    async count(executor: Executor = db): Promise<number> {
      const row = await executor
        .selectFrom('users')
        .select(sql<number>`count(*)::int`.as('count'))
        .executeTakeFirstOrThrow();
      return row.count;
    },
    async findById(id: string, executor: Executor = db): Promise<UserRecord | undefined> {
      return executor.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
    },
    async findByEmail(email: string, executor: Executor = db): Promise<UserRecord | undefined> {
      return executor
        .selectFrom('users')
        .select(columns)
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst();
    },
    async insert(
      user: { email: string; name: string; passwordHash: string; locale: 'fr' | 'en'; isInstanceAdmin: boolean },
      executor: Executor = db,
    ): Promise<UserRecord> {
      return executor
        .insertInto('users')
        .values({
          email: user.email.toLowerCase(),
          name: user.name,
          password_hash: user.passwordHash,
          locale: user.locale,
          is_instance_admin: user.isInstanceAdmin,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
    },
    async updatePassword(id: string, passwordHash: string, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: new Date() })
        .where('id', '=', id)
        .execute();
    },
    async updateProfile(
      id: string,
      changes: { name?: string | undefined; locale?: 'fr' | 'en' | undefined },
      executor: Executor = db,
    ): Promise<UserRecord> {
      const set: { name?: string; locale?: 'fr' | 'en' } = {};
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.locale !== undefined) set.locale = changes.locale;
      const query = Object.keys(set).length
        ? executor.updateTable('users').set(set).where('id', '=', id).returning(columns)
        : executor.selectFrom('users').select(columns).where('id', '=', id);
      return query.executeTakeFirstOrThrow();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
