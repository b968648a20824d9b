-- The SMM plan of a workspace and its immutable versions: each save (a generation from answers, or an edit)
-- adds a version; nothing is ever updated in place, so any two versions can be compared.

create table strategy_plans (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null unique references workspaces (id) on delete cascade,
  current_version integer not null check (current_version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table strategy_plan_versions (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  plan_id uuid not null references strategy_plans (id) on delete cascade,
  version integer not null check (version >= 1),
  -- The whole plan as the domain writes it (packages/domain/src/strategy/plan.ts), schemaVersion included.
  plan jsonb not null,
  -- The builder's answers the plan started from (a copy of plan.answers, kept for querying).
  answers jsonb not null,
  kind text not null check (kind in ('generated', 'edited')),
  note text not null default '',
  author_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (plan_id, version)
);
create index strategy_plan_versions_workspace_idx on strategy_plan_versions (workspace_id, plan_id, version desc);
