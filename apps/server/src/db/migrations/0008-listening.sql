-- Social listening: a workspace's queries, the mentions collected from sources, which queries each mention
-- matched, and the alerts spike detection raised. See apps/server/src/listening/ and docs/listening-queries.md.

create table listening_queries (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  -- The query in the language of docs/listening-queries.md; checked by the domain parser before it is stored.
  text text not null check (length(text) between 1 and 4096),
  -- brand: the workspace's own brand; competitor: a rival (share of voice compares the two); topic: anything else.
  kind text not null check (kind in ('brand', 'competitor', 'topic')),
  active boolean not null default true,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, name)
);
create index listening_queries_workspace_idx on listening_queries (workspace_id, created_at);

create table mentions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  -- Where it was found: x, bluesky, mastodon, reddit, youtube, rss, reviews...
  source text not null,
  -- The item's id on its source; a source's item is stored once per workspace.
  network_id text not null,
  author text,
  text text not null,
  -- Detected by the analyzer (fr, en), or what the source reported, or 'other'.
  lang text not null,
  sentiment text not null check (sentiment in ('negative', 'neutral', 'positive')),
  -- -1 (most negative) .. +1 (most positive).
  sentiment_score real not null,
  url text,
  country text,
  published_at timestamptz not null,
  collected_at timestamptz not null,
  -- The author's audience (followers) as the source reports it; null when the source does not report it.
  reach integer check (reach is null or reach >= 0),
  -- Same key for reposts and copy-paste campaigns (text without handles, links and punctuation).
  cluster_key text not null,
  unique (workspace_id, source, network_id)
);
create index mentions_workspace_published_idx on mentions (workspace_id, published_at desc);
create index mentions_workspace_cluster_idx on mentions (workspace_id, cluster_key);

-- One row per (query, mention) match, with the mention's instant and sentiment copied so that the per-query
-- time series and share of voice read this table's index alone.
create table mention_matches (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  query_id uuid not null references listening_queries (id) on delete cascade,
  mention_id uuid not null references mentions (id) on delete cascade,
  published_at timestamptz not null,
  sentiment text not null check (sentiment in ('negative', 'neutral', 'positive')),
  primary key (query_id, mention_id)
);
create index mention_matches_query_time_idx on mention_matches (query_id, published_at) include (sentiment);
create index mention_matches_mention_idx on mention_matches (mention_id);

create table listening_alerts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  query_id uuid not null references listening_queries (id) on delete cascade,
  kind text not null check (kind in ('volume', 'negative_share')),
  severity text not null check (severity in ('notice', 'warning', 'critical')),
  -- The bucket [window_start, window_end) whose close raised the alert.
  window_start timestamptz not null,
  window_end timestamptz not null,
  -- What was observed and expected in that bucket: mentions for volume, a share 0..1 for negative_share.
  observed double precision not null,
  expected double precision not null,
  -- Robust score of the recent buckets, in baseline standard deviations.
  score double precision not null,
  status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
  raised_at timestamptz not null,
  updated_at timestamptz not null default now(),
  -- Two processes judging the same bucket raise one alert.
  unique (query_id, kind, window_start)
);
create index listening_alerts_workspace_idx on listening_alerts (workspace_id, raised_at desc);
