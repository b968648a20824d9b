-- The media library: files stored on disk by their SHA-256 under <media dir>/<workspace>/, described here.
-- One row per distinct content per workspace; renditions are the centred crops for each network's aspect ratio.
create table media_assets (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  kind text not null check (kind in ('image', 'video', 'document')),
  -- Sniffed from the content, never taken from the name or the declared type.
  mime_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  byte_length bigint not null check (byte_length > 0),
  width integer check (width > 0),
  height integer check (height > 0),
  duration_seconds double precision check (duration_seconds > 0),
  thumbnail_sha256 text check (thumbnail_sha256 ~ '^[0-9a-f]{64}$'),
  alt_text text not null default '',
  tags text[] not null default '{}',
  original_name text not null,
  source_url text,
  uploaded_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, sha256)
);
create index media_assets_workspace_created_idx on media_assets (workspace_id, created_at desc, id desc);

create table media_renditions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  media_id uuid not null references media_assets(id) on delete cascade,
  aspect text not null check (aspect in ('1x1', '4x5', '9x16', '1.91x1', '16x9')),
  mime_type text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  byte_length bigint not null check (byte_length > 0),
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  created_at timestamptz not null default now(),
  unique (media_id, aspect)
);
create index media_renditions_workspace_idx on media_renditions (workspace_id, sha256);
