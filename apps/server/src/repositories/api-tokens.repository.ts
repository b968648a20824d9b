import type { Role } from '@sillage/domain';
import type { Executor } from '../db/database.ts';

export type ApiTokenRecord = {
  id: string;
  workspaceId: string;
  userId: string;
  ownerEmail: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function select(executor: Executor) {
  return executor
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.workspace_id as workspaceId',
      'api_tokens.user_id as userId',
      'users.email as ownerEmail',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.prefix',
      'api_tokens.created_at as createdAt',
      'api_tokens.expires_at as expiresAt',
      'api_tokens.last_used_at as lastUsedAt',
      'api_tokens.revoked_at as revokedAt',
    ]);
}

const asRecord = <T extends { role: string }>(row: T) => ({ ...row, role: row.role as Role });

export function createApiTokensRepository(db: Executor) {
  return {
    async insert(
      token: {
        workspaceId: string;
        userId: string;
        name: string;
        role: Role;
        tokenHash: string;
        prefix: string;
        expiresAt: Date | null;
      },
      executor: Executor = db,
    ): Promise<ApiTokenRecord> {
      const { id } = await executor
        .insertInto('api_tokens')
        .values({
          workspace_id: token.workspaceId,
          user_id: token.userId,
          name: token.name,
          role: token.role,
          token_hash: token.tokenHash,
          prefix: token.prefix,
          expires_at: token.expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return asRecord(await select(executor).where('api_tokens.id', '=', id).executeTakeFirstOrThrow());
    },
    /** A live token (not revoked, not expired) by its hash, with its owner. */
    async findLiveByHash(tokenHash: string, now: Date, executor: Executor = db): Promise<ApiTokenRecord | undefined> {
      const row = await select(executor)
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
        .executeTakeFirst();
      return row && asRecord(row);
    },
    async touch(tokenId: string, now: Date, executor: Executor = db): Promise<void> {
      await executor.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
    },
    async list(workspaceId: string, options: { userId?: string }, executor: Executor = db): Promise<ApiTokenRecord[]> {
      let query = select(executor).where('api_tokens.workspace_id', '=', workspaceId);
      if (options.userId) query = query.where('api_tokens.user_id', '=', options.userId);
      return (await query.orderBy('api_tokens.created_at', 'desc').execute()).map(asRecord);
    },
    async findInWorkspace(
      workspaceId: string,
      tokenId: string,
      executor: Executor = db,
    ): Promise<ApiTokenRecord | undefined> {
      const row = await select(executor)
        .where('api_tokens.workspace_id', '=', workspaceId)
        .where('api_tokens.id', '=', tokenId)
        .executeTakeFirst();
      return row && asRecord(row);
    },
    async revoke(workspaceId: string, tokenId: string, now: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .execute();
    },
    /** Tokens of a member who leaves or loses a role stop working with them. */
    async revokeAllForMember(workspaceId: string, userId: string, now: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
