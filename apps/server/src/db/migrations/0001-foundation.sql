-- Accounts, workspaces, sessions, invitations, API tokens, audit trail and rate limits.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  password_hash text not null,
  locale text not null default 'en' check (locale in ('fr', 'en')),
  is_instance_admin boolean not null default false,
  created_at timestamptz not null default now(),
  password_changed_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  time_zone text not null,
  locale text not null default 'en' check (locale in ('fr', 'en')),
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table memberships (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  email text not null,
  role text not null,
  token_hash text not null unique,
  invited_by uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);
create index invitations_workspace_idx on invitations (workspace_id, created_at desc);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  role text not null,
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_workspace_idx on api_tokens (workspace_id, created_at desc);

-- No foreign key to workspaces or users: the trail outlives what it speaks of.
create table audit_log (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid,
  actor_user_id uuid,
  actor_email text,
  action text not null,
  target_type text,
  target_id text,
  ip text,
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_workspace_idx on audit_log (workspace_id, created_at desc);

create table rate_limit_windows (
  bucket text not null,
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (bucket, key, window_start)
);

create table rate_limit_events (
  bucket text not null,
  key text not null,
  at timestamptz not null
);
create index rate_limit_events_idx on rate_limit_events (bucket, key, at);

create table instance_settings (
  key text primary key,
  value jsonb not null
);
