import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './columns.ts';

/** The media library (migration 0015): files on disk by SHA-256, described here. */
export type MediaAssetsTable = {
  id: Generated<string>;
  workspace_id: string;
  kind: 'image' | 'video' | 'document';
  mime_type: string;
  sha256: string;
  byte_length: ColumnType<string | number, number, number>;
  width: number | null;
  height: number | null;
  duration_seconds: number | null;
  thumbnail_sha256: string | null;
  alt_text: Generated<string>;
  tags: Generated<string[]>;
  original_name: string;
  source_url: string | null;
  uploaded_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type MediaRenditionsTable = {
  id: Generated<string>;
  workspace_id: string;
  media_id: string;
  aspect: string;
  mime_type: string;
  sha256: string;
  byte_length: ColumnType<string | number, number, number>;
  width: number;
  height: number;
  created_at: CreatedAt;
};
