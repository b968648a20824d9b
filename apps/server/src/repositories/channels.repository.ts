import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export type ChannelStatus = 'active' | 'needs_reconnect' | 'disconnected';

/** A channel as people see it: health, no secrets. */
export type ChannelRecord = {
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
  blockedUntil: Date | null;
  createdAt: Date;
};

/** A channel with its sealed credentials, for the publishing engine only (never presented). */
export type ChannelWithSecrets = ChannelRecord & {
  accessTokenEncrypted: string;
  refreshTokenEncrypted: string | null;
};

const columns = [
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
  'blocked_until as blockedUntil',
  'created_at as createdAt',
] as const;

const asRecord = <T extends { status: string }>(row: T) => ({ ...row, status: row.status as ChannelStatus });

// A stable 32-bit key per channel for pg_advisory_xact_lock; the namespace keeps it apart from other locks.
const REFRESH_LOCK_NAMESPACE = 'sillage:channel-refresh:';

export function createChannelsRepository(db: Executor) {
  return {
    async insert(
      channel: {
        workspaceId: string;
        network: string;
        networkAccountId: string;
        displayName: string;
        instanceUrl: string | null;
        accessTokenEncrypted: string;
        refreshTokenEncrypted: string | null;
        tokenExpiresAt: Date | null;
        scopes?: string[];
        createdBy: string | null;
      },
      executor: Executor = db,
    ): Promise<ChannelRecord> {
      const row = await executor
        .insertInto('channels')
        .values({
          workspace_id: channel.workspaceId,
          network: channel.network,
          network_account_id: channel.networkAccountId,
          display_name: channel.displayName,
          instance_url: channel.instanceUrl,
          access_token_encrypted: channel.accessTokenEncrypted,
          refresh_token_encrypted: channel.refreshTokenEncrypted,
          token_expires_at: channel.tokenExpiresAt,
          scopes: channel.scopes ?? [],
          created_by: channel.createdBy,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return asRecord(row);
    },

    async list(workspaceId: string, executor: Executor = db): Promise<ChannelRecord[]> {
      const rows = await executor
        .selectFrom('channels')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .execute();
      return rows.map(asRecord);
    },

    /** The channel if it belongs to the workspace. */
    async findInWorkspace(
      workspaceId: string,
      id: string,
      executor: Executor = db,
    ): Promise<ChannelRecord | undefined> {
      const row = await executor
        .selectFrom('channels')
        .select(columns)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && asRecord(row);
    },

    /** How many of these ids are channels of the workspace (tenancy check before linking them to a post). */
    async countInWorkspace(workspaceId: string, ids: readonly string[], executor: Executor = db): Promise<number> {
      if (ids.length === 0) return 0;
      const row = await executor
        .selectFrom('channels')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...ids])
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async findWithSecrets(id: string, executor: Executor = db): Promise<ChannelWithSecrets | undefined> {
      const row = await executor
        .selectFrom('channels')
        .select([
          ...columns,
          'access_token_encrypted as accessTokenEncrypted',
          'refresh_token_encrypted as refreshTokenEncrypted',
        ])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && asRecord(row);
    },

    /** Serialises token refreshes of one account across processes until the transaction ends. */
    async lockForRefresh(trx: Executor, id: string): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext(${REFRESH_LOCK_NAMESPACE + id}))`.execute(trx);
    },

    async updateCredentials(
      id: string,
      credentials: { accessTokenEncrypted: string; refreshTokenEncrypted: string | null; tokenExpiresAt: Date | null },
      now: Date,
      executor: Executor = db,
    ): Promise<void> {
      await executor
        .updateTable('channels')
        .set({
          access_token_encrypted: credentials.accessTokenEncrypted,
          refresh_token_encrypted: credentials.refreshTokenEncrypted,
          token_expires_at: credentials.tokenExpiresAt,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async recordSuccess(id: string, now: Date, executor: Executor = db): Promise<void> {
      await executor.updateTable('channels').set({ last_success_at: now }).where('id', '=', id).execute();
    },

    async recordError(id: string, error: string, now: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('channels')
        .set({ last_error_at: now, last_error: error.slice(0, 2000) })
        .where('id', '=', id)
        .execute();
    },

    /** No call to this account before `until`; a later block already in place wins. */
    async blockUntil(id: string, until: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('channels')
        .set({ blocked_until: sql`greatest(blocked_until, ${until}::timestamptz)` })
        .where('id', '=', id)
        .execute();
    },

    /** An app-wide limit: no call to any account of the network before `until`. */
    async blockNetwork(network: string, until: Date, executor: Executor = db): Promise<void> {
      await executor
        .updateTable('channels')
        .set({ blocked_until: sql`greatest(blocked_until, ${until}::timestamptz)` })
        .where('network', '=', network)
        .execute();
    },

    async setStatus(id: string, status: ChannelStatus, now: Date, executor: Executor = db): Promise<void> {
      await executor.updateTable('channels').set({ status, updated_at: now }).where('id', '=', id).execute();
    },
  };
}

export type ChannelsRepository = ReturnType<typeof createChannelsRepository>;
