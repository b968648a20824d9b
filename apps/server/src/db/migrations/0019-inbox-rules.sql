-- Inbox moderation rules (ordered, per workspace) and what they did to each item, saved replies, item flags
-- (spam, priority) and who has an item open (the collision warning).

-- Set by a member or by a rule's "mark spam" action; later rules may test it.
alter table inbox_items add column spam boolean not null default false;
alter table inbox_items add column priority text check (priority in ('low', 'normal', 'high', 'urgent'));
-- When the workspace's moderation rules ran on the item: set once, so a redelivered item is never re-acted.
alter table inbox_items add column rules_applied_at timestamptz;

create table inbox_rules (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  -- Rules run in ascending position; every matching rule acts (a later one may override an earlier one's
  -- assignee or priority).
  position integer not null check (position >= 0),
  name text not null,
  enabled boolean not null default true,
  -- Conditions (all must hold; within one list, any value) and actions, as validated by the API contract.
  conditions jsonb not null,
  actions jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index inbox_rules_workspace_idx on inbox_rules (workspace_id, position);

-- Each action a rule took on an item, once per (item, rule, action). `outcome` is 'pending' while a network
-- call (hiding) has not answered yet.
create table inbox_rule_actions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  item_id uuid not null references inbox_items (id) on delete cascade,
  rule_id uuid references inbox_rules (id) on delete set null,
  rule_name text not null,
  action text not null check (action in ('hide', 'tag', 'assign', 'priority', 'spam')),
  value text,
  outcome text not null check (outcome in ('applied', 'pending', 'failed')),
  error text,
  applied_at timestamptz not null,
  -- The order the rules decided the actions in, within one moderation of the item.
  position integer not null default 0
);
create unique index inbox_rule_actions_once_idx on inbox_rule_actions (item_id, rule_id, action);
create index inbox_rule_actions_item_idx on inbox_rule_actions (item_id, applied_at, position);

create table inbox_saved_replies (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  title text not null,
  body text not null,
  language text check (language in ('fr', 'en')),
  tags text[] not null default '{}',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index inbox_saved_replies_workspace_idx on inbox_saved_replies (workspace_id, title);

-- Who has an item open, and whether they are typing a reply; a row counts until expires_at (a short TTL
-- renewed by the open screen), so a closed tab stops showing within seconds.
create table inbox_presence (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  item_id uuid not null references inbox_items (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  typing boolean not null default false,
  seen_at timestamptz not null,
  expires_at timestamptz not null,
  primary key (item_id, user_id)
);
create index inbox_presence_expiry_idx on inbox_presence (expires_at);
