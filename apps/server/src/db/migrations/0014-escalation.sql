-- Inbox escalation: per-workspace rules ("N negative items within M minutes") and the alerts they raised.

create table inbox_escalation_rules (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  threshold integer not null check (threshold >= 1),
  window_minutes integer not null check (window_minutes between 1 and 10080),
  severity text not null check (severity in ('notice', 'warning', 'crisis')),
  -- Member user ids; members who left are skipped when an alert is sent.
  recipients uuid[] not null default '{}',
  webhook_url text,
  enabled boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index inbox_escalation_rules_workspace_idx on inbox_escalation_rules (workspace_id);

-- One row per alert. window_start is the start of the rule's fixed window (floor of the trigger instant by
-- the window length), so two evaluators racing in one window store one alert.
create table inbox_escalations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  rule_id uuid not null references inbox_escalation_rules (id) on delete cascade,
  window_start timestamptz not null,
  triggered_at timestamptz not null,
  negative_count integer not null,
  severity text not null,
  emails_sent integer not null default 0,
  email_error text,
  webhook_status text check (webhook_status in ('sent', 'failed', 'refused')),
  webhook_error text,
  unique (rule_id, window_start)
);
create index inbox_escalations_rule_idx on inbox_escalations (rule_id, triggered_at desc);
