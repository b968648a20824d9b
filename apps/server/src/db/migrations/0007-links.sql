-- Tracked links and conversions: the workspace's UTM conventions, short links served at /l/:code and their
-- clicks (no raw IP: a keyed hash), the public site keys of the conversion endpoint, and conversion events
-- (one per event id and workspace).

create table utm_conventions (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  lowercase boolean not null default true,
  separator text not null default '-' check (separator in ('-', '_', '.')),
  allowed_mediums text[] not null default '{}',
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);

create table tracked_links (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  code text not null unique check (code ~ '^[A-Za-z0-9_-]{4,32}$'),
  destination_url text not null,
  utm_source text not null,
  utm_medium text not null,
  utm_campaign text not null,
  utm_term text,
  utm_content text,
  -- Where the link is used, for attribution; campaigns have no table yet, so a campaign is its label.
  post_id uuid references posts (id) on delete set null,
  publication_id uuid references publications (id) on delete set null,
  channel_id uuid references channels (id) on delete set null,
  campaign_id text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index tracked_links_workspace_idx on tracked_links (workspace_id, created_at desc);

create table link_clicks (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  link_id uuid not null references tracked_links (id) on delete cascade,
  at timestamptz not null,
  -- The first-party visitor cookie set by the redirect (a random id, not derived from the person).
  visitor_id text not null,
  -- HMAC-SHA256 of the address with the instance's secret key: counts distinct addresses, never shows one.
  ip_hash text not null,
  user_agent_class text not null check (user_agent_class in ('desktop', 'mobile', 'tablet', 'bot', 'other')),
  referrer_host text,
  is_bot boolean not null
);
create index link_clicks_link_idx on link_clicks (link_id, at);
create index link_clicks_visitor_idx on link_clicks (workspace_id, visitor_id, at);

create table site_keys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  -- Public by design: it sits in the web pages of the site; the allowed origins and rate limits guard it.
  public_key text not null unique,
  name text not null,
  allowed_origins text[] not null default '{}',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index site_keys_workspace_idx on site_keys (workspace_id, created_at desc);

create table conversion_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  event_id text not null,
  type text not null check (type in ('signup', 'lead', 'qualified_lead', 'purchase')),
  value_minor bigint,
  currency text check (currency ~ '^[A-Z]{3}$'),
  visitor_id text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  source text not null check (source in ('snippet', 'server', 'import')),
  site_key_id uuid references site_keys (id) on delete set null,
  unique (workspace_id, event_id),
  check ((value_minor is null) = (currency is null)),
  check (type <> 'purchase' or value_minor is not null)
);
create index conversion_events_occurred_idx on conversion_events (workspace_id, occurred_at);
