import type { Executor } from '../db/database.ts';

// Minimal channel queries for connecting accounts, written while repositories/channels.repository.ts (owned by
// the publishing engine) did not exist yet; to be merged into it.

export type ChannelStatus = 'active' | 'needs_reconnect' | 'disconnected';

export type ChannelSummary = {
  id: string;
  workspaceId: string;
  network: string;
  networkAccountId: string;
  displayName: string;
  instanceUrl: string | null;
  status: ChannelStatus;
  tokenExpiresAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  createdAt: Date;
};

export type ConnectedChannelInput = {
  workspaceId: string;
  network: string;
  networkAccountId: string;
  displayName: string;
  instanceUrl: string | null;
  accessTokenEncrypted: string;
  refreshTokenEncrypted: string | null;
  tokenExpiresAt: Date | null;
  scopes: string[];
  createdBy: string;
};

function select(executor: Executor) {
  return executor
    .selectFrom('channels')
    .select([
      'id',
      'workspace_id as workspaceId',
      'network',
      'network_account_id as networkAccountId',
      'display_name as displayName',
      'instance_url as instanceUrl',
      'status',
      'token_expires_at as tokenExpiresAt',
      'last_success_at as lastSuccessAt',
      'last_error_at as lastErrorAt',
      'last_error as lastError',
      'created_at as createdAt',
    ]);
}

export function createChannelStoreRepository(db: Executor) {
  return {
    /** Stores a freshly connected account; connecting the same account again replaces its tokens and revives it. */
    async upsertConnected(input: ConnectedChannelInput, now: Date, executor: Executor = db): Promise<ChannelSummary> {
      const credentials = {
        display_name: input.displayName,
        instance_url: input.instanceUrl,
        access_token_encrypted: input.accessTokenEncrypted,
        refresh_token_encrypted: input.refreshTokenEncrypted,
        token_expires_at: input.tokenExpiresAt,
        scopes: input.scopes,
        status: 'active' as const,
        last_error_at: null,
        last_error: null,
        blocked_until: null,
        updated_at: now,
      };
      const { id } = await executor
        .insertInto('channels')
        .values({
          ...credentials,
          workspace_id: input.workspaceId,
          network: input.network,
          network_account_id: input.networkAccountId,
          created_by: input.createdBy,
        })
        .onConflict((conflict) =>
          conflict.columns(['workspace_id', 'network', 'network_account_id']).doUpdateSet(credentials),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      return await select(executor).where('id', '=', id).executeTakeFirstOrThrow();
    },

    async list(workspaceId: string, executor: Executor = db): Promise<ChannelSummary[]> {
      return await select(executor)
        .where('workspace_id', '=', workspaceId)
        .orderBy('network')
        .orderBy('display_name')
        .execute();
    },

    async findInWorkspace(
      workspaceId: string,
      channelId: string,
      executor: Executor = db,
    ): Promise<ChannelSummary | undefined> {
      return await select(executor)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', channelId)
        .executeTakeFirst();
    },

    /** Disconnects: the tokens are wiped (the column cannot be null, so it holds no ciphertext), health kept. */
    async disconnect(workspaceId: string, channelId: string, now: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('channels')
        .set({
          status: 'disconnected',
          access_token_encrypted: '',
          refresh_token_encrypted: null,
          token_expires_at: null,
          updated_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', channelId)
        .execute();
    },
  };
}

export type ChannelStoreRepository = ReturnType<typeof createChannelStoreRepository>;
