-- Recurring posts (RFC 5545 RRULE subset, packages/domain/src/calendar/rrule.ts). A series keeps the rule, the
-- wall clock of its first occurrence (DTSTART) and its template post; every occurrence is a post of its own
-- (so it can be moved, edited or cancelled alone) materialised a rolling horizon ahead. The unique index on
-- (series_id, occurrence_index) makes materialisation idempotent: running it twice never duplicates an occurrence.

create table post_series (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  template_post_id uuid not null references posts (id) on delete cascade,
  rrule text not null,
  time_zone text not null,
  start_date text not null,
  start_time text not null,
  -- Occurrences with an instant before this are materialised (or were past when the series was created).
  materialised_until timestamptz not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (template_post_id)
);
create index post_series_workspace_idx on post_series (workspace_id, materialised_until);

alter table posts add column series_id uuid references post_series (id) on delete set null;
-- 1 for the template (DTSTART), then the occurrence's rank in the rule.
alter table posts add column occurrence_index integer;
create unique index posts_series_occurrence_uq on posts (series_id, occurrence_index) where series_id is not null;

-- The iCalendar feed: one secret URL per member and workspace (only its SHA-256 is stored). A new URL replaces
-- the old one; the feed stops answering when the member leaves the workspace.
create table calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  unique (workspace_id, user_id)
);
