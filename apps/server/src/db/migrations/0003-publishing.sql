-- Posts, their publications (one per post and channel), every publishing attempt, and in-app notifications.

create table posts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  text text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index posts_workspace_created_idx on posts (workspace_id, created_at desc);

create table publications (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references posts (id) on delete cascade,
  channel_id uuid not null references channels (id) on delete cascade,
  -- The states of packages/domain/src/publishing/publication-state.ts.
  state text not null default 'draft' check (state in (
    'draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published',
    'failed', 'unknown_outcome', 'needs_reconnect', 'missed', 'cancelled')),
  -- The UTC instant the user wants, and the wall clock they chose it on (zone, local date and time).
  scheduled_at timestamptz,
  time_zone text,
  local_date text,
  local_time text,
  -- Fencing token of the last claim: every settle says `where fence = <its claim>`.
  fence integer not null default 0,
  -- Claims that count towards the retry cap (waiting out a rate limit does not count).
  attempts integer not null default 0,
  -- When a worker may next claim it (scheduled) or reconcile it (unknown_outcome).
  next_attempt_at timestamptz,
  network_post_id text,
  url text,
  published_at timestamptz,
  failure_reason text,
  failure_retryable boolean,
  claimed_at timestamptz,
  claimed_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (post_id, channel_id),
  -- "published" without the network's id is impossible, whatever the code does.
  constraint publications_published_has_id check (
    state <> 'published' or (network_post_id is not null and network_post_id <> '')
  )
);
create index publications_due_idx on publications (next_attempt_at) where state = 'scheduled';
create index publications_unknown_idx on publications (next_attempt_at) where state = 'unknown_outcome';
create index publications_publishing_idx on publications (claimed_at) where state = 'publishing';
create index publications_calendar_idx on publications (workspace_id, scheduled_at);
create index publications_post_idx on publications (post_id);
create index publications_channel_idx on publications (channel_id, state);

create table publication_attempts (
  id uuid primary key default gen_random_uuid(),
  -- The order attempts happened in, even within one clock tick.
  sequence bigint generated always as identity,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  publication_id uuid not null references publications (id) on delete cascade,
  fence integer not null,
  -- publish: a call to the network's publish; reconcile: asking the network whether our post exists.
  kind text not null check (kind in ('publish', 'reconcile', 'refresh')),
  started_at timestamptz not null,
  ended_at timestamptz,
  outcome text check (outcome in (
    'published', 'rejected', 'transient', 'rate_limited', 'auth_expired', 'needs_reconnect',
    'outcome_unknown', 'found', 'absent', 'stale', 'refreshed', 'gave_up')),
  reason text,
  network_post_id text
);
create index publication_attempts_publication_idx on publication_attempts (publication_id, sequence);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  -- Addressed to one user, or to every member holding a role.
  user_id uuid references users (id) on delete cascade,
  role text,
  kind text not null,
  message text not null,
  subject_type text,
  subject_id uuid,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  check (user_id is not null or role is not null)
);
create index notifications_user_idx on notifications (workspace_id, user_id, created_at desc);
