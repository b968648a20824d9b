-- When the workers last read each channel's post figures from its network, and the last failure: the freshness
-- shown beside the figures (one row per channel, written by apps/server/src/analytics/metrics-collection.ts).
create table metric_collections (
  channel_id uuid primary key references channels (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  last_success_at timestamptz,
  last_failure_at timestamptz,
  last_failure text,
  publications_read integer not null default 0
);
create index metric_collections_workspace_idx on metric_collections (workspace_id);
