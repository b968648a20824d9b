-- A workspace's own roles on top of the built-in ones: a name, the built-in role it builds on, and exactly the
-- permissions it grants. A member holds a built-in role and, optionally, one custom role that then decides what
-- they may do.
create table workspace_roles (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  base_role text not null,
  permissions text[] not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index workspace_roles_name_key on workspace_roles (workspace_id, lower(name));

alter table memberships add column custom_role_id uuid references workspace_roles (id) on delete restrict;
create index memberships_custom_role_idx on memberships (custom_role_id) where custom_role_id is not null;
