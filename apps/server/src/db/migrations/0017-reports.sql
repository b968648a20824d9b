-- Saved analytics reports (sections, period, language, recipients, branding, schedule) and their deliveries.

create table analytics_reports (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  title text not null,
  language text not null check (language in ('fr', 'en')),
  period text not null check (period in ('last_7_days', 'last_28_days', 'last_calendar_month')),
  kpis text[] not null,
  -- The ordered sections of the PDF: kpis, series, channels, top_posts, commentary.
  sections text[] not null,
  commentary text not null default '',
  -- E-mail addresses of members; checked on save and again at each sending (members who left are skipped).
  recipients text[] not null default '{}',
  brand_color text not null default '#1d4ed8',
  agency_name text,
  logo_data_url text,
  schedule_kind text not null default 'none' check (schedule_kind in ('none', 'weekly', 'monthly')),
  schedule_weekday integer check (schedule_weekday between 1 and 7),
  schedule_day_of_month integer check (schedule_day_of_month between 1 and 31),
  schedule_time text check (schedule_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  -- Occurrences before this instant are never sent (set when the schedule is saved), so no backlog goes out.
  schedule_since timestamptz,
  created_by uuid references users (id) on delete set null,
  updated_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index analytics_reports_workspace_idx on analytics_reports (workspace_id);
create index analytics_reports_scheduled_idx on analytics_reports (schedule_kind) where schedule_kind <> 'none';

-- One row per sending. A scheduled sending's occurrence is the local date it was due, so two dispatchers
-- racing for one period insert one row (the unique constraint), and only the one that inserted it sends.
-- sent_to records each recipient as the SMTP server accepts the message: a retry after a failure or a crash
-- (claimed_until passed) sends only to the others.
create table analytics_report_deliveries (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  report_id uuid not null references analytics_reports (id) on delete cascade,
  trigger text not null check (trigger in ('schedule', 'manual')),
  occurrence text not null,
  due_at timestamptz not null,
  period_start text not null,
  period_end text not null,
  status text not null check (status in ('sending', 'sent', 'failed')),
  attempts integer not null default 1,
  sent_to text[] not null default '{}',
  error text,
  next_attempt_at timestamptz,
  claimed_until timestamptz,
  created_at timestamptz not null,
  finished_at timestamptz,
  unique (report_id, trigger, occurrence)
);
create index analytics_report_deliveries_report_idx on analytics_report_deliveries (report_id, created_at desc);
create index analytics_report_deliveries_retry_idx on analytics_report_deliveries (status, next_attempt_at);
