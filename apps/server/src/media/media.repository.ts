import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, MediaAssetsTable, MediaRenditionsTable } from '../db/schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export type MediaAsset = {
  id: string;
  workspaceId: string;
  kind: 'image' | 'video' | 'document';
  mimeType: string;
  sha256: string;
  byteLength: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  thumbnailSha256: string | null;
  altText: string;
  tags: string[];
  originalName: string;
  sourceUrl: string | null;
  uploadedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type MediaRendition = {
  id: string;
  mediaId: string;
  aspect: string;
  mimeType: string;
  sha256: string;
  byteLength: number;
  width: number;
  height: number;
  createdAt: Date;
};

const toAsset = (row: Selectable<MediaAssetsTable>): MediaAsset => ({
  id: row.id,
  workspaceId: row.workspace_id,
  kind: row.kind,
  mimeType: row.mime_type,
  sha256: row.sha256,
  byteLength: Number(row.byte_length),
  width: row.width,
  height: row.height,
  durationSeconds: row.duration_seconds,
  thumbnailSha256: row.thumbnail_sha256,
  altText: row.alt_text,
  tags: row.tags,
  originalName: row.original_name,
  sourceUrl: row.source_url,
  uploadedBy: row.uploaded_by,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const toRendition = (row: Selectable<MediaRenditionsTable>): MediaRendition => ({
  id: row.id,
  mediaId: row.media_id,
  aspect: row.aspect,
  mimeType: row.mime_type,
  sha256: row.sha256,
  byteLength: Number(row.byte_length),
  width: row.width,
  height: row.height,
  createdAt: new Date(row.created_at),
});

/** LIKE pattern for a search term, with its own wildcards escaped. */
const containing = (term: string) => `%${term.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/** Media assets and renditions; every query names the workspace. */
export function createMediaRepository(db: Kysely<DB>) {
  return {
    async insert(
      input: Omit<MediaAsset, 'id' | 'createdAt' | 'updatedAt'> & { now: Date },
      executor: Executor = db,
    ): Promise<MediaAsset> {
      const row = await executor
        .insertInto('media_assets')
        .values({
          workspace_id: input.workspaceId,
          kind: input.kind,
          mime_type: input.mimeType,
          sha256: input.sha256,
          byte_length: input.byteLength,
          width: input.width,
          height: input.height,
          duration_seconds: input.durationSeconds,
          thumbnail_sha256: input.thumbnailSha256,
          alt_text: input.altText,
          tags: input.tags,
          original_name: input.originalName,
          source_url: input.sourceUrl,
          uploaded_by: input.uploadedBy,
          created_at: input.now,
          updated_at: input.now,
        })
        .onConflict((conflict) => conflict.columns(['workspace_id', 'sha256']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return toAsset(row);
      const existing = await this.findBySha(input.workspaceId, input.sha256, executor);
      if (!existing) throw new Error('media asset vanished after a conflicting insert');
      return existing;
    },

    async findBySha(workspaceId: string, sha256: string, executor: Executor = db): Promise<MediaAsset | undefined> {
      const row = await executor
        .selectFrom('media_assets')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row ? toAsset(row) : undefined;
    },

    async find(workspaceId: string, id: string, executor: Executor = db): Promise<MediaAsset | undefined> {
      const row = await executor
        .selectFrom('media_assets')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toAsset(row) : undefined;
    },

    /** Newest first; `search` matches the name, the alt text or a tag (case-insensitive), words ANDed. */
    async list(
      workspaceId: string,
      filter: { search?: string | undefined; kind?: MediaAsset['kind'] | undefined; limit: number },
    ): Promise<MediaAsset[]> {
      let query = db.selectFrom('media_assets').selectAll().where('workspace_id', '=', workspaceId);
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      for (const word of (filter.search ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
        const pattern = containing(word.replace(/^#/, ''));
        query = query.where((eb) =>
          eb.or([
            eb(sql`lower(original_name)`, 'like', pattern),
            eb(sql`lower(alt_text)`, 'like', pattern),
            eb(sql`lower(array_to_string(tags, ' '))`, 'like', pattern),
          ]),
        );
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(toAsset);
    },

    async update(
      workspaceId: string,
      id: string,
      patch: { altText?: string | undefined; tags?: string[] | undefined; now: Date },
      executor: Executor = db,
    ): Promise<MediaAsset | undefined> {
      const row = await executor
        .updateTable('media_assets')
        .set({
          ...(patch.altText !== undefined ? { alt_text: patch.altText } : {}),
          ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
          updated_at: patch.now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toAsset(row) : undefined;
    },

    async remove(workspaceId: string, id: string, executor: Executor = db): Promise<MediaRendition[]> {
      const renditions = await executor
        .deleteFrom('media_renditions')
        .where('workspace_id', '=', workspaceId)
        .where('media_id', '=', id)
        .returningAll()
        .execute();
      await executor.deleteFrom('media_assets').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
      return renditions.map(toRendition);
    },

    /** Whether any asset or rendition of the workspace still uses this content (before its file is removed). */
    async contentInUse(workspaceId: string, sha256: string, executor: Executor = db): Promise<boolean> {
      const asset = await executor
        .selectFrom('media_assets')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('sha256', '=', sha256), eb('thumbnail_sha256', '=', sha256)]))
        .executeTakeFirst();
      if (asset) return true;
      const rendition = await executor
        .selectFrom('media_renditions')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return rendition !== undefined;
    },

    async renditions(workspaceId: string, mediaId: string): Promise<MediaRendition[]> {
      const rows = await db
        .selectFrom('media_renditions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('media_id', '=', mediaId)
        .orderBy('aspect')
        .execute();
      return rows.map(toRendition);
    },

    async findRendition(workspaceId: string, mediaId: string, aspect: string): Promise<MediaRendition | undefined> {
      const row = await db
        .selectFrom('media_renditions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('media_id', '=', mediaId)
        .where('aspect', '=', aspect)
        .executeTakeFirst();
      return row ? toRendition(row) : undefined;
    },

    async insertRendition(
      input: Omit<MediaRendition, 'id' | 'createdAt'> & { workspaceId: string },
    ): Promise<MediaRendition> {
      const row = await db
        .insertInto('media_renditions')
        .values({
          workspace_id: input.workspaceId,
          media_id: input.mediaId,
          aspect: input.aspect,
          mime_type: input.mimeType,
          sha256: input.sha256,
          byte_length: input.byteLength,
          width: input.width,
          height: input.height,
        })
        .onConflict((conflict) => conflict.columns(['media_id', 'aspect']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return toRendition(row);
      const existing = await this.findRendition(input.workspaceId, input.mediaId, input.aspect);
      if (!existing) throw new Error('rendition vanished after a conflicting insert');
      return existing;
    },

    /**
     * Posts on their way out (in review, approved, scheduled, publishing or waiting for a reconnection) whose content
     * names this media (its id is in the URL). Returns their ids, so a deletion can say which posts would lose it.
     */
    async usedByPendingPosts(workspaceId: string, mediaId: string, executor: Executor = db): Promise<string[]> {
      const rows = await executor
        .selectFrom('publications')
        .select('post_id')
        .distinct()
        .where('workspace_id', '=', workspaceId)
        .where('state', 'in', [
          'in_review',
          'approved',
          'scheduled',
          'publishing',
          'unknown_outcome',
          'needs_reconnect',
        ])
        .where(sql<string>`content::text`, 'like', `%${mediaId}%`)
        .execute();
      return rows.map((row) => row.post_id);
    },
  };
}

export type MediaRepository = ReturnType<typeof createMediaRepository>;
