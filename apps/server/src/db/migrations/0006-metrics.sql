-- Measurements: what the networks reported, as time series, and a daily rollup in the workspace's time zone
-- that the dashboards read. KPIs are computed from these inputs by packages/domain/src/analytics (never in SQL).

-- One figure a source reported for a channel (account level: publication_id null) or one publication (post
-- level), over an hour or a day starting at bucket_start, or over the post's lifetime (`lifetime`: the
-- network's own figure at collected_at, e.g. a post's deduplicated reach). value null means the source said it
-- does not report this figure: "not reported", never 0.
create table metric_observations (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  channel_id uuid not null references channels (id) on delete cascade,
  publication_id uuid references publications (id) on delete cascade,
  metric text not null check (metric ~ '^[a-z][a-z0-9_]{0,63}$'),
  granularity text not null check (granularity in ('hour', 'day', 'lifetime')),
  bucket_start timestamptz not null,
  value double precision check (value is null or value >= 0),
  delivery text not null default 'organic' check (delivery in ('organic', 'paid')),
  source text not null check (source ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  collected_at timestamptz not null,
  -- A re-collection of the same figure replaces it (the network's later, more complete count).
  constraint metric_observations_key unique nulls not distinct
    (workspace_id, channel_id, publication_id, metric, granularity, bucket_start, delivery, source),
  constraint metric_observations_bucket check (
    granularity <> 'hour' or date_trunc('hour', bucket_start at time zone 'UTC') = bucket_start at time zone 'UTC'
  )
);
-- Per-post detail (the posts behind a number) and the rollup's recomputation of one publication's days.
create index metric_observations_publication_idx on metric_observations (publication_id, metric)
  where publication_id is not null;
-- Rebuilding the daily rollup of a workspace over a range of instants.
create index metric_observations_workspace_bucket_idx on metric_observations (workspace_id, bucket_start);
-- Account-level series of a channel.
create index metric_observations_channel_idx on metric_observations (channel_id, metric, bucket_start)
  where publication_id is null;

-- The dashboards' table: one row per workspace, local day (in the workspace's zone when written), channel,
-- publication (null: account level), metric and delivery. Additive metrics hold the day's sum (the day
-- figure when the source gave one, else the sum of its hours); non-additive ones (reach, followers) hold the
-- source's figure for that day only, never a sum of hours. value null: no observation of the day reported it.
create table metric_daily (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  local_date date not null,
  channel_id uuid not null references channels (id) on delete cascade,
  publication_id uuid references publications (id) on delete cascade,
  metric text not null,
  delivery text not null,
  value double precision,
  -- Observations that gave a number and that said "not reported".
  reported_count integer not null,
  not_reported_count integer not null,
  sources text[] not null,
  constraint metric_daily_key unique nulls not distinct
    (workspace_id, local_date, channel_id, publication_id, metric, delivery)
);
-- Overview, time series and breakdowns: one workspace, a range of days, every channel and metric.
create index metric_daily_period_idx on metric_daily (workspace_id, local_date, metric)
  include (channel_id, publication_id, value, reported_count, not_reported_count);
-- Posts table and drill-down: a publication's days.
create index metric_daily_publication_idx on metric_daily (publication_id, local_date) where publication_id is not null;
