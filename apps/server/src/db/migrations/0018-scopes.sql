-- Agency model: one workspace serves several clients (brands), each owning channels. A member is either unscoped
-- (sees the whole workspace) or scoped to a set of clients and/or single channels, and then sees only the data
-- linked to the channels of that set.
create table clients (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index clients_name_key on clients (workspace_id, lower(name));
create unique index clients_workspace_id_key on clients (workspace_id, id);

-- A channel belongs to at most one client of its own workspace; deleting the client leaves it unassigned.
alter table channels add column client_id uuid references clients (id) on delete set null;
create index channels_client_idx on channels (client_id) where client_id is not null;

-- A scoped member sees only their scope's channels, even when the scope is empty (then nothing channel-linked).
alter table memberships add column scoped boolean not null default false;

create table member_scope_entries (
  workspace_id uuid not null,
  user_id uuid not null,
  client_id uuid references clients (id) on delete cascade,
  channel_id uuid references channels (id) on delete cascade,
  foreign key (workspace_id, user_id) references memberships (workspace_id, user_id) on delete cascade,
  check ((client_id is null) <> (channel_id is null))
);
create unique index member_scope_entries_client_key on member_scope_entries (workspace_id, user_id, client_id)
  where client_id is not null;
create unique index member_scope_entries_channel_key on member_scope_entries (workspace_id, user_id, channel_id)
  where channel_id is not null;
