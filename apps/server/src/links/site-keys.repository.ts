import type { Executor } from '../db/database.ts';

export type SiteKeyRecord = {
  id: string;
  workspaceId: string;
  publicKey: string;
  name: string;
  allowedOrigins: string[];
  createdAt: Date;
  revokedAt: Date | null;
};

type Row = {
  id: string;
  workspace_id: string;
  public_key: string;
  name: string;
  allowed_origins: string[];
  created_at: Date;
  revoked_at: Date | null;
};

const toRecord = (row: Row): SiteKeyRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  publicKey: row.public_key,
  name: row.name,
  allowedOrigins: row.allowed_origins,
  createdAt: new Date(row.created_at),
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
});

/** The public keys of the conversion endpoint, one or more per workspace. */
export function createSiteKeysRepository(db: Executor) {
  return {
    async insert(
      input: {
        workspaceId: string;
        publicKey: string;
        name: string;
        allowedOrigins: string[];
        createdBy: string;
        at: Date;
      },
      executor: Executor = db,
    ): Promise<SiteKeyRecord> {
      const row = await executor
        .insertInto('site_keys')
        .values({
          workspace_id: input.workspaceId,
          public_key: input.publicKey,
          name: input.name,
          allowed_origins: input.allowedOrigins,
          created_by: input.createdBy,
          created_at: input.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async list(workspaceId: string, executor: Executor = db): Promise<SiteKeyRecord[]> {
      const rows = await executor
        .selectFrom('site_keys')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    /** Revokes a key of the workspace; undefined when the workspace has no such key. */
    async revoke(
      workspaceId: string,
      id: string,
      at: Date,
      executor: Executor = db,
    ): Promise<SiteKeyRecord | undefined> {
      const row = await executor
        .updateTable('site_keys')
        .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** The active key with this public value, in whichever workspace. */
    async findActive(publicKey: string, executor: Executor = db): Promise<SiteKeyRecord | undefined> {
      const row = await executor
        .selectFrom('site_keys')
        .selectAll()
        .where('public_key', '=', publicKey)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
  };
}

export type SiteKeysRepository = ReturnType<typeof createSiteKeysRepository>;
