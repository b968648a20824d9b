-- Crisis management: the crisis room (a crisis opened from a listening alert or by hand, its actions log and the
-- team's notes), holding statements with their approval, and the pause of a workspace's scheduled publishing.
-- See apps/server/src/crisis/ and docs/metrics.md (crisis figures).

create table crises (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  severity text not null check (severity in ('notice', 'warning', 'critical', 'crisis')),
  status text not null default 'open' check (status in ('open', 'closed')),
  -- The query whose mentions the room follows; null: every mention of the workspace.
  query_id uuid references listening_queries (id) on delete set null,
  -- The alert it was opened from, if any.
  alert_id uuid references listening_alerts (id) on delete set null,
  owner_id uuid references users (id) on delete set null,
  -- When the crisis began: the alert's window start, or what the person opening it said (default: opened_at).
  onset_at timestamptz not null,
  opened_at timestamptz not null,
  opened_by uuid references users (id) on delete set null,
  closed_at timestamptz,
  closed_by uuid references users (id) on delete set null,
  -- Written at closing, for the post-mortem.
  summary text,
  lessons text,
  check ((status = 'closed') = (closed_at is not null))
);
create index crises_workspace_idx on crises (workspace_id, opened_at desc);

-- The room's actions log: who did what, when (the audit log has the same entries, workspace-wide).
create table crisis_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  crisis_id uuid not null references crises (id) on delete cascade,
  at timestamptz not null,
  actor_id uuid references users (id) on delete set null,
  kind text not null,
  details jsonb not null default '{}'::jsonb,
  seq bigint generated always as identity
);
create index crisis_events_crisis_idx on crisis_events (crisis_id, at, seq);

create table crisis_notes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  crisis_id uuid not null references crises (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  text text not null check (length(text) between 1 and 5000),
  created_at timestamptz not null
);
create index crisis_notes_crisis_idx on crisis_notes (crisis_id, created_at);

-- Holding statements: drafted in the room, sent for approval (through the workspace's approval chain when it is
-- on), then published as a post. The post is created when the statement is submitted.
create table crisis_statements (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  crisis_id uuid not null references crises (id) on delete cascade,
  language text not null check (language in ('fr', 'en')),
  text text not null check (length(text) between 1 and 5000),
  channel_ids uuid[] not null default '{}',
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'approved', 'rejected', 'published')),
  post_id uuid references posts (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  submitted_by uuid references users (id) on delete set null,
  submitted_at timestamptz,
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  decision_comment text,
  published_by uuid references users (id) on delete set null,
  published_at timestamptz
);
create index crisis_statements_crisis_idx on crisis_statements (crisis_id, created_at);
-- The publishing claim looks up whether a post is an approved statement (exempt from the pause).
create index crisis_statements_post_idx on crisis_statements (post_id) where post_id is not null;

-- The pause of a workspace's scheduled publishing: while publishing_paused_at is set, workers claim nothing of
-- the workspace except approved holding statements, and the late sweep marks nothing missed.
alter table workspaces add column publishing_paused_at timestamptz;
alter table workspaces add column publishing_paused_by uuid references users (id) on delete set null;
alter table workspaces add column publishing_pause_reason text;
alter table workspaces add column publishing_pause_crisis_id uuid references crises (id) on delete set null;

-- One row per pause, for the post-mortem and for what was held: publications whose time passed during the pause
-- are taken off the schedule at resume (state approved, their time kept), listed here for the user to publish
-- now or reschedule.
create table publishing_pauses (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  crisis_id uuid references crises (id) on delete set null,
  reason text not null,
  paused_at timestamptz not null,
  paused_by uuid references users (id) on delete set null,
  resumed_at timestamptz,
  resumed_by uuid references users (id) on delete set null,
  held_publication_ids uuid[] not null default '{}'
);
create index publishing_pauses_workspace_idx on publishing_pauses (workspace_id, paused_at desc);
