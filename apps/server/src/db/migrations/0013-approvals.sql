-- Approvals: the workspace's approval chain and editorial line, each post's approval round and its decisions,
-- and the expiring links through which a client approves without an account.

create table approval_policies (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  policy jsonb not null,
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);

create table editorial_lines (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  line jsonb not null,
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- What the editorial line needs to know about a post: a paid partnership or an ad needs its mandatory mention.
alter table posts add column sponsored boolean not null default false;
alter table posts add column is_ad boolean not null default false;
alter table posts add column language text check (language in ('fr', 'en'));

-- One round per submission: a request for changes ends it, a resubmission starts the next one.
create table approval_rounds (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references posts (id) on delete cascade,
  policy jsonb not null,
  status text not null check (status in ('pending', 'approved', 'changes_requested', 'withdrawn')),
  submitted_by uuid references users (id) on delete set null,
  submitted_at timestamptz not null default now(),
  closed_at timestamptz
);
create index approval_rounds_post_idx on approval_rounds (post_id, submitted_at desc);
create unique index approval_rounds_one_open on approval_rounds (post_id) where status = 'pending';

create table client_approval_links (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references posts (id) on delete cascade,
  token_hash text not null unique,
  label text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index client_approval_links_post_idx on client_approval_links (post_id);

create table approval_decisions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  round_id uuid not null references approval_rounds (id) on delete cascade,
  step integer not null,
  decision text not null check (decision in ('approve', 'request_changes')),
  comment text not null default '',
  user_id uuid references users (id) on delete set null,
  link_id uuid references client_approval_links (id) on delete set null,
  decided_at timestamptz not null default now(),
  check ((user_id is null) <> (link_id is null))
);
create index approval_decisions_round_idx on approval_decisions (round_id, decided_at);
